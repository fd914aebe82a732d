import FlyingFox
import Foundation

/// A FlyingFox HTTP server on 127.0.0.1, on a free port, for the stand-ins that run inside the
/// test process (`GitHubStandIn`, `GitHostingStandIn`, `ArgoCDStandIn`): `start` returns once it
/// listens, `stop` ends it.
///
/// The server's tasks run on a thread of their own (a `DedicatedExecutor`), so it answers even
/// while the shared cooperative pool (two threads on a two-core machine) is busy with other
/// suites' blocking work; otherwise a server started by one test can wait tens of seconds to
/// accept a connection under a full parallel run.
public final class LoopbackHTTPServer: Sendable {
    /// The port it listens on.
    public let port: UInt16

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    private let executor: DedicatedExecutor

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening on 127.0.0.1 on a free port, answering every request with `handler`;
    /// `name` names the server's thread and appears in errors.
    public static func start(name: String,
                             handler: @escaping @Sendable (FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse)
        async throws -> LoopbackHTTPServer {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: ClosureHTTPHandler(handler))
        let executor = DedicatedExecutor(name: name)
        let task = Task(executorPreference: executor) { try await server.run() }
        do {
            try await withTaskExecutorPreference(executor) { try await server.waitUntilListening(timeout: 30) }
            guard case .ip4(_, let port) = await server.listeningAddress else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(name) did not report its port"])
            }
            return LoopbackHTTPServer(server: server, task: task, executor: executor, port: port)
        } catch {
            await stop(server, task, executor)
            throw error
        }
    }

    private init(server: HTTPServer, task: Task<Void, any Error>, executor: DedicatedExecutor, port: UInt16) {
        self.server = server
        self.task = task
        self.executor = executor
        self.port = port
    }

    public func stop() async {
        await Self.stop(server, task, executor)
    }

    private static func stop(_ server: HTTPServer, _ task: Task<Void, any Error>, _ executor: DedicatedExecutor) async {
        await server.stop(timeout: 0)
        task.cancel()
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
}
