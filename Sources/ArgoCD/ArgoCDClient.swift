import Foundation
import HTTPSupport
import Pipeline

/// The Argo CD server's REST API, as far as the `argocd-*` steps and health checks need it:
/// read one Application, list Applications by label, merge-patch one, ask one to sync. Every
/// request carries `Authorization: Bearer <token>`.
public struct ArgoCDClient: Sendable {
    public let access: ArgoCDAccess
    public let transport: any HTTPTransport
    public var timeout: Double = 30

    /// Refuses a server URL the token should not travel to: anything but https, except
    /// http to a loopback address (a local stand-in or port-forward).
    public init(access: ArgoCDAccess, transport: any HTTPTransport) throws(ArgoCDError) {
        let server = access.server
        guard let scheme = server.scheme?.lowercased(), let host = server.host, !host.isEmpty, server.user == nil
        else { throw .insecureServer(URLSessionTransport.redacted(server)) }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw .insecureServer(URLSessionTransport.redacted(server))
        }
        self.access = access
        self.transport = transport
    }

    /// How hard Argo CD should look again before answering a read.
    public enum Refresh: String, Sendable {
        /// Compare the live state again.
        case normal
        /// Also regenerate manifests, bypassing the repository cache.
        case hard
    }

    // MARK: endpoints

    /// `GET /api/v1/applications/{name}?appNamespace=NS[&refresh=…]`.
    public func application(named name: String, namespace: String, refresh: Refresh? = nil)
        async throws(ArgoCDError) -> Application {
        var query = [("appNamespace", namespace)]
        if let refresh { query.append(("refresh", refresh.rawValue)) }
        let request = request("GET", path: "applications/\(Self.segment(name))", query: query)
        return try await application(from: send(request, application: (namespace, name)), for: request)
    }

    /// `GET /api/v1/applications?selector=…&appNamespace=NS`: the Applications in `namespace`
    /// the selector matches. The server filters; the selector is applied again here, so a
    /// server ignoring the query cannot widen the set.
    public func applications(matching selector: ApplicationSelector, namespace: String)
        async throws(ArgoCDError) -> [Application] {
        let query: String
        do { query = try selector.query() } catch {
            throw .refused(request: "GET applications", status: 400, message: error.description)
        }
        let request = request("GET", path: "applications", query: [("selector", query), ("appNamespace", namespace)])
        let response = try await send(request, application: nil)
        guard let list = Self.json(response.body) else {
            throw .malformedResponse(request: Self.shown(request), detail: "the body is not JSON")
        }
        let items: [JSONValue]
        switch list["items"] {
        case nil, .null?: items = []  // Argo CD sends `"items": null` for an empty list.
        case .array(let values)?: items = values
        default: throw .malformedResponse(request: Self.shown(request), detail: "`items` is not a list")
        }
        return items.map(Application.init).filter { app in
            selector.matches(app.labels) && (app.namespace.isEmpty || app.namespace == namespace)
        }
    }

    /// `PATCH /api/v1/applications/{name}` with a JSON merge patch of the whole Application
    /// (`{"spec": {"source": …}}`); returns the Application as patched.
    public func patch(applicationNamed name: String, namespace: String, mergePatch: JSONValue)
        async throws(ArgoCDError) -> Application {
        let body: JSONValue = .object([
            "name": .string(name),
            "appNamespace": .string(namespace),
            "patchType": .string("merge"),
            "patch": .string(Self.text(mergePatch)),
        ])
        let request = request("PATCH", path: "applications/\(Self.segment(name))", body: body)
        return try await application(from: send(request, application: (namespace, name)), for: request)
    }

    /// `POST /api/v1/applications/{name}/sync`: asks for a sync to the spec's target
    /// revisions (or `revision`), never pruning, with `infos` shown on the operation (the
    /// steps recognise their own sync by them later).
    public func sync(applicationNamed name: String, namespace: String, revision: String? = nil, infos: [Application.Info])
        async throws(ArgoCDError) -> Application {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "appNamespace": .string(namespace),
            "prune": .bool(false),
            "infos": .array(infos.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
        ]
        if let revision { body["revision"] = .string(revision) }
        let request = request("POST", path: "applications/\(Self.segment(name))/sync", body: .object(body))
        return try await application(from: send(request, application: (namespace, name)), for: request)
    }

    // MARK: plumbing

    private func request(_ method: String, path: String, query: [(String, String)] = [], body: JSONValue? = nil)
        -> HTTPRequest {
        var base = access.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var text = "\(base)/api/v1/\(path)"
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\(Self.encoded($0.1))" }.joined(separator: "&")
        }
        // The base parsed as a URL and everything appended is percent-encoded.
        guard let url = URL(string: text) else { preconditionFailure("not a URL: \(text)") }
        var headers = ["Authorization": "Bearer \(access.token)", "Accept": "application/json"]
        var bytes: [UInt8]?
        if let body {
            headers["Content-Type"] = "application/json"
            bytes = Array(Self.text(body).utf8)
        }
        return HTTPRequest(method: method, url: url, headers: headers, timeout: timeout, body: bytes)
    }

    /// Sends `request`; a status other than 2xx becomes an `ArgoCDError` carrying the
    /// server's message with the token removed. `application` names the Application a 404
    /// is about.
    private func send(_ request: HTTPRequest, application: (namespace: String, name: String)?)
        async throws(ArgoCDError) -> HTTPResponse {
        let shown = Self.shown(request)
        let response: HTTPResponse
        do throws(DiscoveryNetworkError) {
            response = try await transport.send(request)
        } catch {
            throw .unreachable(request: shown, reason: redacting(error.reason))
        }
        guard !(200..<300).contains(response.status) else { return response }
        let message = Self.message(in: response.body).map(redacting)
        switch response.status {
        case 401, 403:
            throw .tokenRejected(request: shown, status: response.status, message: message)
        case 404:
            guard let application else { throw .refused(request: shown, status: 404, message: message) }
            throw .applicationNotFound(namespace: application.namespace, name: application.name)
        case 429:
            let seconds = response.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            throw .throttled(request: shown, retryAfterSeconds: seconds)
        case 500...:
            throw .serverFailure(request: shown, status: response.status, message: message)
        default:
            throw .refused(request: shown, status: response.status, message: message)
        }
    }

    private func application(from response: HTTPResponse, for request: HTTPRequest) throws(ArgoCDError) -> Application {
        guard let object = Self.json(response.body), object.objectValue != nil else {
            throw .malformedResponse(request: Self.shown(request), detail: "the body is not an Application")
        }
        return Application(object)
    }

    private func redacting(_ text: String) -> String {
        access.token.isEmpty ? text : text.replacingOccurrences(of: access.token, with: "***")
    }

    /// Argo CD's error body: `{"error": "…", "code": 5, "message": "…"}`.
    private static func message(in body: [UInt8]) -> String? {
        guard let object = json(body),
              let text = object["message"]?.stringValue ?? object["error"]?.stringValue, !text.isEmpty
        else { return nil }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    private static func json(_ body: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(body))
    }

    /// Compact JSON with sorted keys, so equal values always read the same.
    static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to JSON.
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func segment(_ name: String) -> String { encoded(name) }

    private static func shown(_ request: HTTPRequest) -> String {
        "\(request.method) \(URLSessionTransport.redacted(request.url))"
    }
}
