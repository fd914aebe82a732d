import FlyingFox
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on 127.0.0.1, on a free port, for the stand-ins that run inside the
/// test process (`GitHubStandIn`, `GitHostingStandIn`, `ArgoCDStandIn`): `start` returns once it
/// listens, `stop` ends it. Requests and responses are FlyingFox's types, so a stand-in is
/// written as a FlyingFox handler.
///
/// Nothing of it runs on Swift's shared cooperative threads. Connections are accepted and
/// answered one at a time (`Connection: close`) by a thread of its own, and the handler runs
/// on a `DedicatedExecutor`. FlyingFox's `HTTPServer` wraps every handler in an unstructured
/// task on the shared pool (its request timeout), so under a full parallel run, where other
/// suites block both threads of a two-core machine with subprocesses, a stand-in there answered
/// 500 or not at all within a client's 30 seconds.
public final class LoopbackHTTPServer: Sendable {
    public typealias Handler = @Sendable (FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse

    /// The port it listens on.
    public let port: UInt16

    private let listener: Int32
    private let executor: DedicatedExecutor
    private let finished: DispatchSemaphore

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening on 127.0.0.1 on a free port, answering every request with `handler`;
    /// `name` names the server's threads and appears in errors.
    public static func start(name: String, handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw failure(name, "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw failure(name, "bind/listen")
        }
        let server = LoopbackHTTPServer(listener: listener, executor: DedicatedExecutor(name: name),
                                        port: UInt16(bigEndian: address.sin_port))
        let thread = Thread { [server] in server.acceptLoop(handler) }
        thread.name = name + "-accept"
        thread.start()
        return server
    }

    private init(listener: Int32, executor: DedicatedExecutor, port: UInt16) {
        self.listener = listener
        self.executor = executor
        self.port = port
        finished = DispatchSemaphore(value: 0)
    }

    /// Stops accepting, waits for the connection being answered, and ends the threads.
    public func stop() async {
        shutdown(listener, Int32(SHUT_RDWR))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [finished] in
                finished.wait()
                continuation.resume()
            }
        }
        close(listener)
        executor.shutDown()
    }

    /// Runs `body` with `service` (a stand-in just started) and `stop`s it afterwards, whatever
    /// happens: what the stand-ins' `with` does.
    public static func run<Service, T>(_ service: Service, stop: (Service) async -> Void,
                                       _ body: (Service) async throws -> T) async throws -> T {
        do {
            let result = try await body(service)
            await stop(service)
            return result
        } catch {
            await stop(service)
            throw error
        }
    }

    /// Lets a handler, which must exist before the stand-in it calls does, reach that stand-in
    /// without keeping it alive: the server holds the handler, the stand-in holds the server.
    public final class WeakReference<Object: AnyObject>: @unchecked Sendable {
        private let lock = NSLock()
        private weak var _object: Object?

        public init() {}

        /// Nil until set, and again once the stand-in is gone.
        public var object: Object? {
            get { lock.withLock { _object } }
            set { lock.withLock { _object = newValue } }
        }
    }

    // MARK: serving

    private func acceptLoop(_ handler: @escaping Handler) {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return  // shut down
            }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            serve(connection, handler)
            close(connection)
        }
    }

    private func serve(_ connection: Int32, _ handler: @escaping Handler) {
        var reader = ConnectionReader(socket: connection)
        guard let request = reader.readRequest(continueSignal: { Self.write(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) })
        else { return }
        let response = respond(to: request, with: handler)
        Self.write(connection, response)
    }

    /// Runs the async handler on the server's own executor and waits for its bytes.
    private func respond(to request: FlyingFox.HTTPRequest, with handler: @escaping Handler) -> [UInt8] {
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        Task(executorPreference: executor) {
            do {
                let response = try await handler(request)
                box.bytes = Self.encode(response, body: try await response.bodyData)
            } catch {
                box.bytes = Self.encode(FlyingFox.HTTPResponse(statusCode: .internalServerError), body: Data("\(error)".utf8))
            }
            done.signal()
        }
        done.wait()
        return box.bytes
    }

    private final class ResponseBox: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    private static func encode(_ response: FlyingFox.HTTPResponse, body: Data) -> [UInt8] {
        var head = "HTTP/1.1 \(response.statusCode.code) \(response.statusCode.phrase)\r\n"
        for (name, value) in response.headers
        where !["content-length", "connection", "transfer-encoding"].contains(name.rawValue.lowercased()) {
            head += "\(name.rawValue): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + Array(body)
    }

    private static func write(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    private static func failure(_ name: String, _ call: String) -> Error {
        CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(name): \(call) failed (errno \(errno))"])
    }
}

/// Reads one HTTP/1.1 request from a blocking socket: the request line, headers, and a body
/// of `Content-Length` bytes or in chunks.
private struct ConnectionReader {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    mutating func readRequest(continueSignal: () -> Void) -> FlyingFox.HTTPRequest? {
        guard let headEnd = fill(until: { $0.firstRange(of: [13, 10, 13, 10]) }) else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        buffer.removeSubrange(..<headEnd.upperBound)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard requestLine.count == 3 else { return nil }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.addValue(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces),
                             for: HTTPHeader(String(line[..<colon])))
        }
        if headers[HTTPHeader("Expect")]?.lowercased() == "100-continue" { continueSignal() }
        var body: [UInt8] = []
        if headers[HTTPHeader("Transfer-Encoding")]?.lowercased().contains("chunked") == true {
            while true {
                guard let lineEnd = fill(until: { $0.firstRange(of: [13, 10]) }) else { return nil }
                let size = Int(String(decoding: buffer[..<lineEnd.lowerBound], as: UTF8.self)
                    .split(separator: ";").first.map(String.init) ?? "", radix: 16) ?? 0
                buffer.removeSubrange(..<lineEnd.upperBound)
                guard fill(count: size + 2) else { return nil }
                body += buffer[..<size]
                buffer.removeSubrange(..<(size + 2))
                if size == 0 { break }
            }
        } else {
            let length = Int(headers[HTTPHeader("Content-Length")] ?? "0") ?? 0
            guard fill(count: length) else { return nil }
            body = Array(buffer[..<length])
        }
        let target = requestLine[1]
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return FlyingFox.HTTPRequest(
            method: HTTPMethod(requestLine[0]), version: HTTPVersion(requestLine[2]),
            target: .init(path: parts[0], query: parts.count > 1 ? parts[1] : ""),
            headers: headers, body: HTTPBodySequence(data: Data(body)))
    }

    /// Reads until `find` locates something in the buffer; nil when the peer stops first.
    private mutating func fill(until find: ([UInt8]) -> Range<Int>?) -> Range<Int>? {
        while true {
            if let found = find(buffer) { return found }
            guard readMore() else { return nil }
        }
    }

    private mutating func fill(count: Int) -> Bool {
        while buffer.count < count {
            guard readMore() else { return false }
        }
        return true
    }

    private mutating func readMore() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard read > 0 else { return false }
        buffer += chunk[..<read]
        return true
    }
}
