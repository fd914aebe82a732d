import FlyingFox
import Foundation

/// A stand-in for the Argo CD server's REST API (no Argo CD can run in tests), on a free
/// loopback port, speaking the endpoints the `argocd-*` steps use:
///
/// - `GET   /api/v1/applications/{name}?appNamespace=NS[&refresh=normal|hard]`
/// - `GET   /api/v1/applications?selector=<label selector>&appNamespace=NS` → `{"items": […]}`
/// - `PATCH /api/v1/applications/{name}` `{"name","appNamespace","patchType":"merge","patch":"<json>"}`:
///   the JSON merge patch is applied to the stored Application (its `status` is kept)
/// - `POST  /api/v1/applications/{name}/sync` `{"appNamespace","revision"?,"prune","infos"}`: sets
///   `status.operationState` to a Running sync carrying the infos; 400 while one runs
///
/// Applications live in memory as JSON. Every request must carry `Authorization: Bearer
/// TOKEN`, else 401. Every request is recorded (method, path, query, headers, body). Tests
/// drive Argo CD's side with `completeSync`, `setHealth` and `failNext`.
public final class ArgoCDStandIn: @unchecked Sendable {
    public struct RecordedRequest: Sendable, Hashable {
        public var method: String
        public var path: String
        public var query: [String: String]
        /// Names lowercased.
        public var headers: [String: String]
        public var body: String
    }

    /// An answer the next request gets instead of its own.
    public enum Fault: Sendable, Hashable {
        case unauthorized
        case notFound
        case throttled(retryAfterSeconds: Int)
        case serverError
    }

    /// How a sync operation ends.
    public enum SyncPhase: String, Sendable {
        case succeeded = "Succeeded"
        case failed = "Failed"
        case error = "Error"
    }

    /// The server URL to hand to the client: `http://127.0.0.1:PORT`.
    public let serverURL: String
    /// The token requests must carry.
    public let token: String

    private let http: LoopbackHTTPServer
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    /// "namespace/name" → the Application's JSON object.
    private var stored: [String: [String: Any]] = [:]
    private var faults: [Fault] = []
    /// Seconds after `epoch`; every change to an Application moves it on, so timestamps order.
    private var clock: TimeInterval = 0
    private static let epoch = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23T12:00:00Z

    /// Starts listening on 127.0.0.1 on a free port.
    public static func start(token: String = "argocd-standin-\(UUID().uuidString.prefix(8))") async throws -> ArgoCDStandIn {
        let reference = LoopbackHTTPServer.WeakReference<ArgoCDStandIn>()
        let http = try await LoopbackHTTPServer.start(name: "argocd-stand-in") { request in
            let body = try await request.bodyData
            guard let standIn = reference.object else { return ArgoCDStandIn.error(503, "stopping") }
            return standIn.respond(to: request, body: body)
        }
        let standIn = ArgoCDStandIn(http: http, token: token)
        reference.object = standIn
        return standIn
    }

    /// Runs `body` with a started stand-in and stops it afterwards, whatever happens.
    public static func with<T>(token: String = "argocd-standin-\(UUID().uuidString.prefix(8))",
                               _ body: (ArgoCDStandIn) async throws -> T) async throws -> T {
        try await LoopbackHTTPServer.run(start(token: token), stop: { await $0.stop() }, body)
    }

    private init(http: LoopbackHTTPServer, token: String) {
        self.http = http
        self.token = token
        serverURL = http.baseURL
    }

    public func stop() async {
        await http.stop()
    }

    // MARK: what tests set up and read

    /// Stores an Application given as JSON (`metadata.name` required; `metadata.namespace`
    /// defaults to `argocd`), replacing one of the same name.
    public func seed(_ json: String) throws {
        guard var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              var metadata = object["metadata"] as? [String: Any], let name = metadata["name"] as? String
        else { throw CocoaError(.coderInvalidValue, userInfo: [NSLocalizedDescriptionKey: "not an Application: \(json)"]) }
        let namespace = metadata["namespace"] as? String ?? "argocd"
        metadata["namespace"] = namespace
        object["metadata"] = metadata
        object["apiVersion"] = object["apiVersion"] ?? "argoproj.io/v1alpha1"
        object["kind"] = object["kind"] ?? "Application"
        lock.withLock { stored["\(namespace)/\(name)"] = object }
    }

    /// The stored Application as JSON text (sorted keys), nil when there is none.
    public func application(_ name: String, namespace: String = "argocd") -> String? {
        lock.withLock { stored["\(namespace)/\(name)"].map(Self.text) }
    }

    /// Ends the running sync of an Application, as Argo CD's controller would: `succeeded`
    /// records the revision(s), marks the Application Synced and `health`, and reassesses
    /// it at once; `failed`/`error` leave it OutOfSync with `message`.
    public func completeSync(_ name: String, namespace: String = "argocd", phase: SyncPhase = .succeeded,
                             revision: String, revisions: [String]? = nil, health: String = "Healthy",
                             message: String? = nil) {
        mutate(name, namespace) { app, now in
            var status = app["status"] as? [String: Any] ?? [:]
            var state = status["operationState"] as? [String: Any] ?? ["operation": [String: Any]()]
            state["phase"] = phase.rawValue
            state["finishedAt"] = now
            if phase == .succeeded {
                state["message"] = message ?? "successfully synced (all tasks run)"
                var result: [String: Any] = ["revision": revision]
                var sync: [String: Any] = ["status": "Synced", "revision": revision]
                if let revisions {
                    result = ["revisions": revisions]
                    sync = ["status": "Synced", "revisions": revisions]
                }
                state["syncResult"] = result
                status["sync"] = sync
                status["health"] = ["status": health]
            } else {
                state["message"] = message ?? "one or more objects failed to apply"
                var sync = status["sync"] as? [String: Any] ?? [:]
                sync["status"] = "OutOfSync"
                status["sync"] = sync
            }
            status["operationState"] = state
            status["reconciledAt"] = now
            app["status"] = status
        }
    }

    /// Sets `status.health` as Argo CD's health assessment would.
    public func setHealth(_ name: String, namespace: String = "argocd", status health: String, message: String? = nil) {
        mutate(name, namespace) { app, now in
            var status = app["status"] as? [String: Any] ?? [:]
            var value: [String: Any] = ["status": health]
            if let message { value["message"] = message }
            status["health"] = value
            status["reconciledAt"] = now
            app["status"] = status
        }
    }

    /// The next request (whatever it is) gets `fault` instead of its answer; queued faults
    /// apply to successive requests.
    public func failNext(_ fault: Fault) {
        lock.withLock { faults.append(fault) }
    }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// The recorded requests with `method` (`GET`, `PATCH`, `POST`).
    public func requests(_ method: String) -> [RecordedRequest] { requests.filter { $0.method == method } }

    public func forgetRequests() { lock.withLock { recorded.removeAll() } }

    // MARK: serving

    private func respond(to request: FlyingFox.HTTPRequest, body: Data) -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        var query: [String: String] = [:]
        for item in request.query { query[item.name] = item.value }
        let method = request.method.rawValue.uppercased()
        let fault: Fault? = lock.withLock {
            recorded.append(RecordedRequest(method: method, path: request.path, query: query, headers: headers,
                                            body: String(decoding: body, as: UTF8.self)))
            return faults.isEmpty ? nil : faults.removeFirst()
        }
        switch fault {
        case .unauthorized?: return Self.error(401, "invalid session: token signature is invalid")
        case .notFound?: return Self.error(404, "applications.argoproj.io not found")
        case .throttled(let seconds)?:
            var response = Self.error(429, "too many requests")
            response.headers[HTTPHeader("Retry-After")] = String(seconds)
            return response
        case .serverError?: return Self.error(500, "internal error")
        case nil: break
        }
        guard headers["authorization"] == "Bearer \(token)" else {
            return Self.error(401, "no session information")
        }
        let prefix = "/api/v1/applications"
        guard request.path == prefix || request.path.hasPrefix(prefix + "/") else { return Self.error(404, "not found") }
        let parts = request.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        let payload = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let namespace = payload["appNamespace"] as? String ?? query["appNamespace"] ?? "argocd"
        switch (method, parts.count) {
        case ("GET", 0): return list(selector: query["selector"] ?? "", namespace: namespace)
        case ("GET", 1): return get(parts[0], namespace, refresh: query["refresh"] != nil)
        case ("PATCH", 1): return patch(parts[0], namespace, payload)
        case ("POST", 2) where parts[1] == "sync": return sync(parts[0], namespace, payload)
        default: return Self.error(405, "method not allowed")
        }
    }

    private func get(_ name: String, _ namespace: String, refresh: Bool) -> FlyingFox.HTTPResponse {
        if refresh {
            // A refresh makes the controller reassess the Application now.
            mutate(name, namespace) { app, now in
                var status = app["status"] as? [String: Any] ?? [:]
                status["reconciledAt"] = now
                app["status"] = status
            }
        }
        guard let app = lock.withLock({ stored["\(namespace)/\(name)"] }) else { return notFound(name) }
        return Self.json(200, app)
    }

    private func list(selector: String, namespace: String) -> FlyingFox.HTTPResponse {
        guard let requirements = Self.parse(selector: selector) else { return Self.error(400, "invalid selector \(selector)") }
        let items = lock.withLock {
            stored.keys.sorted().compactMap { key -> [String: Any]? in
                guard key.hasPrefix(namespace + "/"), let app = stored[key] else { return nil }
                let labels = (app["metadata"] as? [String: Any])?["labels"] as? [String: String] ?? [:]
                return requirements.allSatisfy { $0(labels) } ? app : nil
            }
        }
        return Self.json(200, ["metadata": [String: Any](), "items": items.isEmpty ? NSNull() as Any : items as Any])
    }

    private func patch(_ name: String, _ namespace: String, _ payload: [String: Any]) -> FlyingFox.HTTPResponse {
        guard payload["patchType"] as? String == "merge" else { return Self.error(400, "unsupported patch type") }
        guard let text = payload["patch"] as? String,
              let patch = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        else { return Self.error(400, "the patch is not a JSON object") }
        let updated = mutate(name, namespace) { app, _ in
            let status = app["status"]
            app = Self.merge(app, patch) as? [String: Any] ?? app
            app["status"] = status
        }
        return updated.map { Self.json(200, $0) } ?? notFound(name)
    }

    private func sync(_ name: String, _ namespace: String, _ payload: [String: Any]) -> FlyingFox.HTTPResponse {
        let running = lock.withLock {
            ((stored["\(namespace)/\(name)"]?["status"] as? [String: Any])?["operationState"] as? [String: Any])?["phase"]
                as? String == "Running"
        }
        if running { return Self.error(400, "another operation is already in progress") }
        let updated = mutate(name, namespace) { app, now in
            var sync: [String: Any] = ["prune": payload["prune"] as? Bool ?? false]
            if let revision = payload["revision"] as? String { sync["revision"] = revision }
            let operation: [String: Any] = ["sync": sync, "info": payload["infos"] ?? [Any](),
                                            "initiatedBy": ["username": "admin"]]
            var status = app["status"] as? [String: Any] ?? [:]
            status["operationState"] = ["phase": "Running", "message": "", "startedAt": now, "operation": operation]
            app["status"] = status
        }
        return updated.map { Self.json(200, $0) } ?? notFound(name)
    }

    /// Changes a stored Application under the lock, moving the clock on; nil when absent.
    @discardableResult
    private func mutate(_ name: String, _ namespace: String, _ change: (inout [String: Any], String) -> Void)
        -> [String: Any]? {
        lock.withLock {
            let key = "\(namespace)/\(name)"
            guard var app = stored[key] else { return nil }
            clock += 1
            change(&app, Self.timestamp(clock))
            stored[key] = app
            return app
        }
    }

    // MARK: JSON and selectors

    /// RFC 7386: objects merge member by member, `null` deletes, anything else replaces.
    static func merge(_ target: Any?, _ patch: Any) -> Any {
        guard let patch = patch as? [String: Any] else { return patch }
        var result = target as? [String: Any] ?? [:]
        for (key, value) in patch {
            if value is NSNull { result.removeValue(forKey: key) } else { result[key] = merge(result[key], value) }
        }
        return result
    }

    /// A Kubernetes label selector string as predicates over labels; nil when unreadable.
    static func parse(selector: String) -> [([String: String]) -> Bool]? {
        var terms: [String] = []
        var depth = 0
        var current = ""
        for character in selector {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                terms.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        terms.append(current)
        var predicates: [([String: String]) -> Bool] = []
        for raw in terms {
            let term = raw.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            for (word, negated) in [(" notin ", true), (" in ", false)] {
                guard let range = term.range(of: word) else { continue }
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let list = term[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
                let values = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                predicates.append { labels in
                    guard let value = labels[key] else { return negated }
                    return values.contains(value) != negated
                }
                break
            }
            if term.contains(" in ") || term.contains(" notin ") { continue }
            if term.hasPrefix("!") {
                let key = String(term.dropFirst())
                predicates.append { $0[key] == nil }
            } else if let range = term.range(of: "!=") {
                let key = String(term[..<range.lowerBound]), value = String(term[range.upperBound...])
                predicates.append { $0[key] != value }
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                let key = String(term[..<range.lowerBound]), value = String(term[range.upperBound...])
                predicates.append { $0[key] == value }
            } else if term.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) {
                predicates.append { $0[term] != nil }
            } else {
                return nil
            }
        }
        return predicates
    }

    private static func timestamp(_ seconds: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: epoch.addingTimeInterval(seconds))
    }

    private static func text(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func notFound(_ name: String) -> FlyingFox.HTTPResponse {
        Self.error(404, "applications.argoproj.io \"\(name)\" not found")
    }

    /// Argo CD's error body (grpc-gateway's shape).
    private static func error(_ status: Int, _ message: String) -> FlyingFox.HTTPResponse {
        let code = [400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 429: 8, 500: 13, 503: 14][status] ?? 2
        return json(status, ["error": message, "code": code, "message": message])
    }

    private static func json(_ status: Int, _ value: Any) -> FlyingFox.HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)),
                                      headers: [.contentType: "application/json"], body: data)
    }

    private static func phrase(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
         429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Status"
    }
}
