import Foundation
import HTTPSupport

/// Where a repository's pull requests are: which provider, its REST API base, and the
/// repository's path there, derived from the repository URL and the credential Secret's
/// hints. Deciding only; `provider(token:transport:)` makes the client that does.
package struct GitHostingEndpoint: Sendable, Hashable {
    package var kind: GitHostingProviderKind
    package var apiURL: URL
    /// `owner/name` (GitHub, Gitea) or `group/subgroup/project` (GitLab).
    package var repositoryPath: String

    package init(kind: GitHostingProviderKind, apiURL: URL, repositoryPath: String) {
        self.kind = kind
        self.apiURL = apiURL
        self.repositoryPath = repositoryPath
    }

    /// - Parameters:
    ///   - repoURL: the step's `repoURL`: `https://host/owner/name(.git)`, `ssh://git@host/…`
    ///     or `git@host:owner/name`.
    ///   - provider: the step's `provider`, if set.
    ///   - access: the credential Secret's `apiURL` and `provider`, if set.
    package init(repoURL: String, provider: String?, access: GitHostingAccess?) throws(GitHostingError) {
        let location = try Self.location(repoURL)
        let kind = try GitHostingProviderKind.choose(configured: provider, secret: access?.provider, host: location.host)
        var segments = location.path.split(separator: "/").map(String.init)
        if let last = segments.last, last.hasSuffix(".git") { segments[segments.count - 1] = String(last.dropLast(4)) }
        segments.removeAll { $0.isEmpty }
        // GitHub and Gitea address `owner/name`; anything before them is the path the server is
        // mounted at (`https://example.com/gitea/owner/name`). GitLab nests groups instead.
        let mount: [String]
        let repository: [String]
        switch kind {
        case .gitlab:
            guard segments.count >= 2 else {
                throw .invalidRepositoryURL(location.shown, reason: "does not name a project as group/project")
            }
            (mount, repository) = ([], segments)
        case .github, .gitea:
            guard segments.count >= 2 else {
                throw .invalidRepositoryURL(location.shown, reason: "does not name a repository as owner/name")
            }
            (mount, repository) = (Array(segments.dropLast(2)), Array(segments.suffix(2)))
        }
        guard repository.allSatisfy(Self.isPlainSegment) else {
            throw .invalidRepositoryURL(location.shown, reason: "has a repository path with characters other than letters, digits, - _ .")
        }
        let apiText: String
        if let configured = access?.apiURL?.trimmingCharacters(in: .whitespaces), !configured.isEmpty {
            apiText = configured
        } else {
            apiText = Self.derivedAPIBase(kind: kind, scheme: location.scheme, host: location.host, port: location.port,
                                          mount: mount)
        }
        self.init(kind: kind, apiURL: try Self.checkedAPIURL(apiText), repositoryPath: repository.joined(separator: "/"))
    }

    /// The client for this endpoint.
    package func provider(token: String, transport: any HTTPTransport = URLSessionTransport(),
                          userAgent: String = "freightline") -> any GitHostingProvider {
        let parts = repositoryPath.split(separator: "/").map(String.init)
        switch kind {
        case .github:
            let client = GitHubClient(apiURL: apiURL, token: GitHubToken(token), transport: transport, userAgent: userAgent)
            return GitHubPullRequests(client: client, repository: GitHubRepository(owner: parts[0], name: parts[1]))
        case .gitlab:
            return GitLabProvider(apiURL: apiURL, token: GitHubToken(token), project: repositoryPath, transport: transport,
                                  userAgent: userAgent)
        case .gitea:
            return GiteaProvider(apiURL: apiURL, token: GitHubToken(token), owner: parts[0], name: parts[1],
                                 transport: transport, userAgent: userAgent)
        }
    }

    /// The API base a provider serves next to its web UI: `api.github.com` for github.com,
    /// `/api/v3` for GitHub Enterprise Server, `/api/v4` for GitLab, `/api/v1` for Gitea
    /// and Forgejo.
    package static func derivedAPIBase(kind: GitHostingProviderKind, scheme: String, host: String, port: Int?,
                                       mount: [String] = []) -> String {
        if kind == .github, host.lowercased() == "github.com" { return GitHubClient.publicAPI.absoluteString }
        let authority = (host.contains(":") ? "[\(host)]" : host) + (port.map { ":\($0)" } ?? "")
        let prefix = mount.isEmpty ? "" : "/" + mount.joined(separator: "/")
        let version = switch kind {
        case .github: "/api/v3"
        case .gitlab: "/api/v4"
        case .gitea: "/api/v1"
        }
        return "\(scheme)://\(authority)\(prefix)\(version)"
    }

    /// `text` as an API base a token may be sent to: https, or http to this machine only.
    package static func checkedAPIURL(_ text: String) throws(GitHostingError) -> URL {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil, url.user == nil
        else {
            throw .invalidAPIURL(text, reason: "is not a URL like https://gitlab.example.com/api/v4")
        }
        guard scheme == "https" || (scheme == "http" && HostingAPIClient.isLoopback(host)) else {
            throw .invalidAPIURL(text, reason: "must use https (http is accepted for loopback addresses only, "
                                 + "so the token never crosses a network in clear text)")
        }
        return url
    }

    /// The parts of a repository URL: web scheme, host, port and path. SSH URLs map to
    /// https on the same host (their port is SSH's, not the web's).
    private static func location(_ repoURL: String) throws(GitHostingError) -> (scheme: String, host: String, port: Int?,
                                                                                   path: String, shown: String) {
        let text = repoURL.trimmingCharacters(in: .whitespaces)
        if !text.contains("://"), let at = text.firstIndex(of: "@"), let colon = text[at...].firstIndex(of: ":") {
            // scp-like: git@host:owner/name.git
            let host = String(text[text.index(after: at)..<colon])
            let path = String(text[text.index(after: colon)...])
            guard !host.isEmpty else { throw .invalidRepositoryURL(text, reason: "has no host") }
            return ("https", host, nil, path, "\(host):\(path)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw .invalidRepositoryURL(Self.shown(text), reason: "is not a URL like https://github.com/owner/name.git")
        }
        var shownComponents = components
        shownComponents.user = nil
        shownComponents.password = nil
        shownComponents.query = nil
        let shown = shownComponents.string ?? host
        switch scheme {
        case "https", "http": return (scheme, host, components.port, components.path, shown)
        case "ssh", "git+ssh": return ("https", host, nil, components.path, shown)
        default: throw .invalidRepositoryURL(shown, reason: "uses \(scheme); expected https (or ssh)")
        }
    }

    /// The URL without user info, for a message about a URL that did not parse.
    private static func shown(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let start = text.range(of: "://")?.upperBound, start <= at else { return text }
        return String(text[..<start]) + String(text[text.index(after: at)...])
    }

    private static func isPlainSegment(_ segment: String) -> Bool {
        segment != "." && segment != ".." && segment.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
        }
    }
}
