import Foundation

/// Where an image subscription's `repoURL` lives: the registry to speak to and the
/// repository name in it. `localhost:5000/demo/app` is host `localhost:5000`, repository
/// `demo/app`; Docker Hub names (`nginx`, `docker.io/bitnami/redis`) resolve as the Docker
/// CLI resolves them, to `registry-1.docker.io` with `library/` for single names.
public struct ImageRepositoryReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, with port when one was given (`127.0.0.1:5000`, `ghcr.io`).
    public var host: String
    /// The repository name in the registry (`demo/app`, `library/nginx`).
    public var repository: String
    /// Whether to speak plain HTTP: loopback hosts, and subscriptions that set
    /// `insecureSkipTLSVerify` (the transport cannot skip certificate checks, so it does
    /// what container tools do for an insecure registry: fall back to HTTP).
    public var plainHTTP: Bool

    public static let dockerHubHost = "registry-1.docker.io"

    public init(host: String, repository: String, plainHTTP: Bool) {
        self.host = host
        self.repository = repository
        self.plainHTTP = plainHTTP
    }

    /// Parses a repoURL (no tag, no digest; an `oci://` or `https://` prefix is tolerated);
    /// nil when it names no repository.
    public init?(repoURL: String, insecureSkipTLSVerify: Bool = false) {
        var text = Substring(repoURL.trimmingCharacters(in: .whitespaces))
        for prefix in ["oci://", "https://", "http://"] where text.lowercased().hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        guard !text.isEmpty, !text.contains("@"), !text.contains(" ") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        var host: String
        var path: [Substring]
        let first = parts[0]
        if parts.count > 1, first.contains(".") || first.contains(":") || first == "localhost" {
            host = String(first)
            path = Array(parts.dropFirst())
        } else {
            host = "docker.io"
            path = parts[...].map { $0 }
        }
        if host == "docker.io" || host == "index.docker.io" {
            host = Self.dockerHubHost
            if path.count == 1 { path.insert("library", at: 0) }
        }
        // Repository names are lowercase; Kargo lowercases the repoURL (`urls.NormalizeImage`).
        let repository = path.joined(separator: "/").lowercased()
        host = host.lowercased()
        // A tag (`app:1.0`) is not part of a repoURL; a port only ever follows the host.
        guard !repository.contains(":") else { return nil }
        self.init(host: host, repository: repository,
                  plainHTTP: insecureSkipTLSVerify || Self.isLoopback(host))
    }

    /// `http://host` or `https://host`.
    public var origin: String { (plainHTTP ? "http://" : "https://") + host }

    public var description: String { "\(host)/\(repository)" }

    static func isLoopback(_ host: String) -> Bool {
        let name: Substring
        if host.hasPrefix("[") { name = host.prefix { $0 != "]" }.dropFirst() }
        else { name = host.prefix { $0 != ":" } }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }
}
