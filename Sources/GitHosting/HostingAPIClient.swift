import Foundation
import HTTPSupport

/// The HTTP plumbing every hosting client shares (GitHub's comments and pull requests,
/// GitLab's merge requests, Gitea's pull requests): URLs under one API base, JSON bodies, the
/// provider's headers, non-2xx answers turned into `HostingAPIFailure` with the provider's
/// messages and rate-limit hints, and `Link` pages that never leave the API's host (the
/// token goes wherever the next page is).
package struct HostingAPIClient: Sendable {
    package var apiURL: URL
    /// Used for redaction only; the provider's `headers` carry it in its own scheme.
    package var token: GitHubToken
    /// Sent with every request: authorization, `Accept`, `User-Agent`...
    package var headers: [String: String]
    package var transport: any HTTPTransport
    package var timeout: Double
    /// The clock, for turning a rate limit's reset time into seconds to wait.
    package var now: @Sendable () -> Date

    package init(apiURL: URL, token: GitHubToken, headers: [String: String], transport: any HTTPTransport,
                 timeout: Double = 30, now: @escaping @Sendable () -> Date = { Date() }) {
        self.apiURL = apiURL
        self.token = token
        self.headers = headers
        self.transport = transport
        self.timeout = timeout
        self.now = now
    }

    /// Whether `host` is this machine: the only place an API may be reached over plain http
    /// (a local stand-in), so a token never crosses a network in clear text.
    package static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    /// `apiURL` followed by `path` (whose segments the caller has percent-encoded) and `query`.
    package func url(_ path: String, query: [(String, String)] = []) -> URL {
        var base = apiURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var text = base + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
        }
        // The base parsed as a URL and everything added is percent-encoded, so this parses.
        guard let url = URL(string: text) else { preconditionFailure("not a URL: \(text)") }
        return url
    }

    /// `text` with everything but RFC 3986's unreserved characters percent-encoded: safe as
    /// one path segment (GitLab's `group%2Fproject`) or one query value (`feature/x+y`).
    package static func encoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    package func request(_ method: String, _ url: URL) -> HTTPRequest {
        HTTPRequest(method: method, url: url, headers: headers, timeout: timeout)
    }

    /// A request with `body` as JSON (keys sorted, so what is sent is predictable).
    package func request<Body: Encodable>(_ method: String, _ url: URL, json body: Body) -> HTTPRequest {
        var request = request(method, url)
        request.headers["Content-Type"] = "application/json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        do {
            request.body = Array(try encoder.encode(body))
        } catch {
            preconditionFailure("the request bodies are plain strings, numbers and lists: \(error)")
        }
        return request
    }

    /// Sends `request`; a 2xx answer is returned, anything else thrown.
    package func send(_ request: HTTPRequest) async throws(HostingAPIFailure) -> HTTPResponse {
        let response: HTTPResponse
        do throws(DiscoveryNetworkError) {
            response = try await transport.send(request)
        } catch {
            throw .unreachable(request: Self.shown(request), reason: token.redacting(error.reason))
        }
        guard !(200..<300).contains(response.status) else { return response }
        let (rateLimited, retryAfter) = rateLimit(response)
        throw .answered(status: response.status, request: Self.shown(request),
                        messages: Self.messages(in: response.body).map(token.redacting),
                        rateLimited: rateLimited, retryAfter: retryAfter)
    }

    package func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, for request: HTTPRequest)
        throws(HostingAPIFailure) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw .malformedResponse(request: Self.shown(request), detail: "the body is not the documented JSON")
        }
    }

    /// The `rel="next"` page, which must stay on the API's scheme, host and port.
    package func nextPage(after response: HTTPResponse, for request: HTTPRequest) throws(HostingAPIFailure) -> URL? {
        guard let header = response.header("Link"), let target = LinkHeader.target(of: "next", in: header) else {
            return nil
        }
        guard let url = URL(string: target, relativeTo: request.url)?.absoluteURL,
              url.scheme?.lowercased() == apiURL.scheme?.lowercased(),
              url.host?.lowercased() == apiURL.host?.lowercased(), url.port == apiURL.port
        else {
            throw .malformedResponse(request: Self.shown(request),
                                     detail: "the next page's link leaves \(apiURL.host ?? "the API host")")
        }
        return url
    }

    /// `METHOD URL` without user info or query, for messages.
    package static func shown(_ request: HTTPRequest) -> String {
        "\(request.method) \(URLSessionTransport.redacted(request.url))"
    }

    /// Whether the answer is a rate limit, and the seconds to wait: `Retry-After` (seconds or
    /// an HTTP date), else the quota's reset time (`X-RateLimit-Reset` on GitHub and Gitea,
    /// `RateLimit-Reset` on GitLab, Unix seconds).
    private func rateLimit(_ response: HTTPResponse) -> (Bool, Int?) {
        let remaining = response.header("x-ratelimit-remaining") ?? response.header("ratelimit-remaining")
        let exhausted = remaining.map { $0.trimmingCharacters(in: .whitespaces) == "0" } ?? false
        let retryAfterHeader = response.header("retry-after")?.trimmingCharacters(in: .whitespaces)
        // GitHub's secondary limits answer 403 with Retry-After and quota left.
        let limited = response.status == 429 || (response.status == 403 && (exhausted || retryAfterHeader != nil))
        guard limited else { return (false, nil) }
        if let retryAfterHeader {
            if let seconds = Int(retryAfterHeader) { return (true, max(0, seconds)) }
            if let date = Self.httpDate(retryAfterHeader) { return (true, max(0, Int(date.timeIntervalSince(now()).rounded(.up)))) }
        }
        if let reset = (response.header("x-ratelimit-reset") ?? response.header("ratelimit-reset"))
            .flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return (true, max(0, Int((reset - now().timeIntervalSince1970).rounded(.up))))
        }
        return (true, nil)
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    /// The provider's error messages: GitHub and Gitea send `{"message": …, "errors": […]}`,
    /// GitLab `{"message": "…" | ["…"] | {"field": ["…"]}}` or `{"error": "…"}`. Each is cut
    /// at 300 characters.
    static func messages(in body: [UInt8]) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return [] }
        var messages: [String] = []
        func add(_ value: Any?, field: String? = nil) {
            switch value {
            case let text as String where !text.isEmpty:
                let line = field.map { "\($0) \(text)" } ?? text
                messages.append(line.count > 300 ? String(line.prefix(300)) + "…" : line)
            case let list as [Any]:
                for item in list { add(item, field: field) }
            case let members as [String: Any]:
                if members["message"] != nil {
                    add(members["message"])
                } else if let code = members["code"] as? String {
                    // GitHub's validation errors without a message: {resource, field, code}.
                    add([members["resource"], members["field"], code].compactMap { $0 as? String }.joined(separator: " "))
                } else {
                    for key in members.keys.sorted() { add(members[key], field: key) }
                }
            default: break
            }
        }
        add(object["message"])
        add(object["error"])
        add(object["errors"])
        return messages
    }
}
