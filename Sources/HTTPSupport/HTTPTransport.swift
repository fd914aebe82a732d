import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, as discovery (registries, Helm repositories) and verification (web and
/// Prometheus metrics) need it. A protocol so tests can count requests; the real one is
/// `URLSessionTransport`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    /// Header names as sent; compare case-insensitively.
    public var headers: [String: String]
    public var timeout: Double
    public var body: [UInt8]?

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], timeout: Double = 30,
                body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.body = body
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The request could not be completed at all (no HTTP status): unreachable host, refused
/// connection, timeout. Never carries a credential.
public struct DiscoveryNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public var url: String
    public var reason: String
    /// The request was never sent: the run's request budget for the host is spent. The
    /// caller skips the work rather than failing it; the next run picks it up.
    public var budgetSpent: Bool

    public init(url: String, reason: String, budgetSpent: Bool = false) {
        self.url = url
        self.reason = reason
        self.budgetSpent = budgetSpent
    }

    public var description: String { "cannot reach \(url): \(reason)" }
}

/// `URLSession` from Foundation: no cookies, no cache; a cross-host redirect drops our
/// `Authorization` header (URLSession does that).
///
/// A 401 with `WWW-Authenticate` is returned as an ordinary response, so the caller runs
/// the challenge flow itself: on Linux, `URLSession` hands such an answer to the
/// authentication-challenge delegate and, left alone, never completes the request
/// (swift-corelibs-foundation#5456). The delegate here cancels the challenge and keeps the
/// 401 it carried; `send` then returns that 401.
public final class URLSessionTransport: NSObject, HTTPTransport, URLSessionTaskDelegate, @unchecked Sendable {
    private var session: URLSession!
    private let lock = NSLock()
    /// Task id → the 401 response a cancelled challenge carried.
    private var challenged: [Int: HTTPURLResponse] = [:]

    public override init() {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                           completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        if let response = challenge.failureResponse as? HTTPURLResponse {
            lock.withLock { challenged[task.taskIdentifier] = response }
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    public func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        if let body = request.body { urlRequest.httpBody = Data(body) }
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let shown = Self.redacted(request.url)
        let outcome: Result<HTTPResponse, DiscoveryNetworkError> = await withCheckedContinuation { continuation in
            let box = TaskBox()
            let task = session.dataTask(with: urlRequest) { [weak self] data, response, error in
                let id = box.identifier
                let carried = self?.lock.withLock { self?.challenged.removeValue(forKey: id) } ?? nil
                if let http = response as? HTTPURLResponse, error == nil {
                    continuation.resume(returning: .success(Self.response(http, body: data)))
                } else if let carried {
                    continuation.resume(returning: .success(Self.response(carried, body: nil)))
                } else {
                    let reason = error?.localizedDescription ?? "not an HTTP response"
                    continuation.resume(returning: .failure(DiscoveryNetworkError(url: shown, reason: reason)))
                }
            }
            box.identifier = task.taskIdentifier
            task.resume()
        }
        return try outcome.get()
    }

    private static func response(_ http: HTTPURLResponse, body: Data?) -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: body.map(Array.init) ?? [])
    }

    /// The URL without user info or query (where tokens sometimes travel).
    public static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the server" }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "the server"
    }
}

/// The id of a data task, set right after the task is made and read in its completion.
private final class TaskBox: @unchecked Sendable {
    var identifier = 0
}
