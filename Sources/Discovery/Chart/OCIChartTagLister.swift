import Foundation

/// Lists the tags of a chart in an OCI registry (`oci://host/path/name`) with the OCI
/// distribution API (`GET /v2/<path>/tags/list`, following `Link: <…>; rel="next"` pages),
/// answering a registry's `WWW-Authenticate` challenge: basic auth directly, or a bearer
/// token fetched from the challenge's realm with the credentials (anonymously without).
///
/// Minimal on purpose, for charts only; to be merged with the image discovery's registry
/// client. Loopback hosts are spoken to over plain HTTP, every other host over HTTPS.
struct OCIChartTagLister: Sendable {
    var transport: any HTTPTransport
    var timeout: Double
    /// Pages followed at most, so a registry that links in a circle cannot keep us busy.
    var maxPages = 100

    func tags(of repoURL: String, credentials: ChartCredentials?) async throws(DiscoveryError) -> [String] {
        let repository = ChartDiscoverer.shown(repoURL)
        guard let reference = Self.reference(repoURL) else {
            throw DiscoveryError(repository: repository, reason: .invalidSubscription(
                "an oci:// repoURL is oci://HOST[:PORT]/PATH, such as oci://ghcr.io/org/charts/name"))
        }
        let scheme = Self.isLoopback(reference.host) ? "http" : "https"
        let origin = "\(scheme)://\(reference.host)"
        var next: String? = "\(origin)/v2/\(reference.path)/tags/list?n=1000"
        var authorization: String?
        var tags: [String] = []
        var pages = 0
        while let page = next, pages < maxPages {
            pages += 1
            guard let url = URL(string: page) else {
                throw DiscoveryError(repository: repository, reason: .malformed("the registry linked to an invalid URL", location: nil))
            }
            var response = try await send(url, authorization: authorization, repository: repository)
            if response.status == 401, authorization == nil,
               let challenge = response.header("www-authenticate").flatMap(Self.challenge) {
                authorization = try await answer(challenge, credentials: credentials, repository: repository)
                if let authorization {
                    response = try await send(url, authorization: authorization, repository: repository)
                }
            }
            guard response.status == 200 else {
                throw DiscoveryError(repository: repository, reason: ChartDiscoverer.reason(forStatus: response.status))
            }
            guard let list = try? JSONDecoder().decode(TagList.self, from: Data(response.body)) else {
                throw DiscoveryError(repository: repository, reason: .malformed(
                    "the registry's tag list is not the JSON the OCI distribution API specifies ({\"name\", \"tags\": [...]})", location: nil))
            }
            tags.append(contentsOf: list.tags ?? [])
            // Only pages on the same origin: the token must not travel to another host.
            next = response.header("link").flatMap { Self.nextLink($0, origin: origin) }
                .flatMap { $0.hasPrefix(origin + "/") ? $0 : nil }
        }
        return tags
    }

    private struct TagList: Decodable {
        var tags: [String]?
    }

    private struct Token: Decodable {
        var token: String?
        var access_token: String?
    }

    private func send(_ url: URL, authorization: String?, repository: String) async throws(DiscoveryError) -> HTTPResponse {
        var headers = ["Accept": "application/json"]
        if let authorization { headers["Authorization"] = authorization }
        do {
            return try await transport.send(HTTPRequest(url: url, headers: headers, timeout: timeout))
        } catch {
            throw DiscoveryError(repository: repository, reason: .unreachable(error.reason))
        }
    }

    /// The Authorization header that answers `challenge`; nil when there is nothing to send.
    private func answer(
        _ challenge: Challenge, credentials: ChartCredentials?, repository: String
    ) async throws(DiscoveryError) -> String? {
        switch challenge.scheme {
        case "basic":
            return credentials.map(ChartDiscoverer.basicAuthorization)
        case "bearer":
            guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm) else {
                throw DiscoveryError(repository: repository, reason: .malformed("the registry's bearer challenge names no realm", location: nil))
            }
            var query = components.queryItems ?? []
            if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
            if let scope = challenge.parameters["scope"] { query.append(URLQueryItem(name: "scope", value: scope)) }
            components.queryItems = query.isEmpty ? nil : query
            guard let url = components.url else {
                throw DiscoveryError(repository: repository, reason: .malformed("the registry's token realm is not a URL", location: nil))
            }
            let response = try await send(url, authorization: credentials.map(ChartDiscoverer.basicAuthorization),
                                          repository: repository)
            guard response.status == 200 else {
                throw DiscoveryError(repository: repository, reason: ChartDiscoverer.reason(forStatus: response.status))
            }
            guard let token = try? JSONDecoder().decode(Token.self, from: Data(response.body)),
                  let value = token.token ?? token.access_token, !value.isEmpty else {
                throw DiscoveryError(repository: repository, reason: .malformed("the registry's token answer holds no token", location: nil))
            }
            return "Bearer " + value
        default:
            return nil
        }
    }

    /// `oci://host[:port]/path` → host (with port) and repository path.
    static func reference(_ repoURL: String) -> (host: String, path: String)? {
        guard repoURL.lowercased().hasPrefix("oci://") else { return nil }
        var rest = repoURL.dropFirst("oci://".count)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = String(rest[..<slash])
        let path = String(rest[rest.index(after: slash)...])
        guard !host.isEmpty, !path.isEmpty, !host.contains("@") else { return nil }
        return (host, path)
    }

    static func isLoopback(_ host: String) -> Bool {
        let name: Substring
        if host.hasPrefix("[") { name = host.prefix { $0 != "]" }.dropFirst() }
        else { name = host.prefix { $0 != ":" } }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    struct Challenge: Sendable, Hashable {
        var scheme: String
        var parameters: [String: String]
    }

    /// `Bearer realm="https://…/token",service="…",scope="…"` → scheme (lowercased) and parameters.
    static func challenge(_ header: String) -> Challenge? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        let scheme = trimmed.prefix { !$0.isWhitespace }
        guard !scheme.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        var rest = trimmed.dropFirst(scheme.count)[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = value
        }
        return Challenge(scheme: scheme.lowercased(), parameters: parameters)
    }

    /// The `rel="next"` target of a Link header, made absolute against `origin`.
    static func nextLink(_ header: String, origin: String) -> String? {
        for part in header.split(separator: ",") {
            guard part.contains("rel=\"next\"") || part.contains("rel=next"),
                  let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            let target = String(part[part.index(after: open)..<close])
            return target.hasPrefix("/") ? origin + target : target
        }
        return nil
    }
}
