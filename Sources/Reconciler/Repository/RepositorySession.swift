import Foundation
import GitStore
import Manifests

/// The user's repository as one run sees it: a bare cache clone (made or fetched under
/// a lock), the configuration read from a commit of it without a checkout, and the state
/// ref. A local path is treated like a remote URL, so the same code path (and the same
/// compare-and-swap push) serves `--repo /srv/git/app.git` and `--repo https://…`.
public final class RepositorySession {
    public let url: String
    public let repository: GitRepository
    public let cacheDirectory: String
    let lock: CacheLock
    let credentials: GitCredentials?

    /// Clones `location` into the cache (one folder per URL, shared with the promotion
    /// steps' work trees) or fetches it.
    ///
    /// - Throws: `RepositoryAccessError` naming the URL (never a secret).
    public init(location: String, cache: GitCache, credentials: CredentialStore) throws {
        url = Self.remoteURL(location)
        cacheDirectory = cache.directory(for: url)
        lock = cache.lock(for: url)
        self.credentials = credentials.git(for: url)
        do {
            repository = try cache.repository(for: url, credentials: self.credentials)
        } catch {
            throw RepositoryAccessError(error, url: url)
        }
    }

    /// The commit `ref` names on the remote: a branch (as last fetched), a tag, or a
    /// commit id. `HEAD` is the remote's default branch.
    public func commit(for ref: String) throws -> ObjectID {
        var candidates: [String] = []
        if ref == "HEAD" {
            candidates = ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master", "HEAD"]
        } else if ref.hasPrefix("refs/heads/") {
            candidates = ["refs/remotes/origin/" + ref.dropFirst("refs/heads/".count)]
        } else {
            candidates = ["refs/remotes/origin/" + ref, "refs/tags/" + ref, ref]
        }
        for candidate in candidates {
            if let id = try? repository.resolve(candidate) { return id }
        }
        throw RepositoryAccessError.badInput("\(url) has no branch, tag or commit `\(ref)`")
    }

    /// The configuration at `ref`, under `path` (the repository root when empty).
    public func configSource(ref: String, path: String) throws -> GitTreeConfigSource {
        GitTreeConfigSource(repository: repository, ref: try commit(for: ref).hex, configPath: path)
    }

    /// The state kept on `branch` of this repository.
    public func stateStore(branch: String, author: GitSignature) -> GitStateStore {
        GitStateStore(repository: repository, branch: branch, credentials: credentials, author: author, lock: lock)
    }

    /// Whether `location` names a remote (a URL or `user@host:path`) rather than a local path.
    public static func isRemote(_ location: String) -> Bool {
        remoteURL(location) == location && !location.hasPrefix("/")
    }

    /// `https://…`, `ssh://…`, `git@host:path` and `file://…` stay as they are; a local
    /// path becomes an absolute path.
    static func remoteURL(_ location: String) -> String {
        if location.contains("://") { return location }
        if let colon = location.firstIndex(of: ":"), location[..<colon].contains("@"), !location.hasPrefix("/") {
            return location
        }
        let absolute = location.hasPrefix("/") ? location : FileManager.default.currentDirectoryPath + "/" + location
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// The default cache root: `$XDG_CACHE_HOME/freightline`, else `~/.cache/freightline`.
    public static func defaultCacheRoot(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/freightline" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        return home + "/.cache/freightline"
    }
}

/// Why the repository could not be used, sorted by exit code: bad input (2) or an
/// environment problem (4: unreachable, refused credentials).
public enum RepositoryAccessError: Error, Sendable, CustomStringConvertible {
    case badInput(String)
    case environment(String)

    init(_ error: GitError, url: String) {
        switch error {
        case .lockFailed:
            self = .environment("\(error)")
        case .authenticationFailed:
            self = .environment("\(url) refused the credentials (check --credentials, or FREIGHTLINE_GIT_USERNAME / FREIGHTLINE_GIT_PASSWORD)")
        default:
            self = .environment("cannot fetch \(url): \(error)")
        }
    }

    public var description: String {
        switch self {
        case .badInput(let text), .environment(let text): text
        }
    }
}
