import GitStore
import Pipeline

/// One run's Git traffic for discovery (DESIGN §3: one fetch per source per run, shared):
/// each repository, keyed by Kargo's normalized URL, is listed (`ls-remote`) and fetched into
/// its cache clone once, however many subscriptions name it; concurrent askers wait for the
/// same answer, failures included. Make one per run and hand it to every discoverer.
public actor GitDiscoveryFetches {
    /// A repository as fetched for this run: where its cache clone is and what the remote advertised.
    public struct Fetched: Sendable, Hashable {
        /// The URL the repository was fetched from (the first subscription's spelling).
        public let repoURL: String
        /// The bare cache clone, with branches and the remote's tags fetched.
        public let directory: String
        /// The remote's references, read just before the fetch.
        public let listing: GitRemoteListing
    }

    public nonisolated let cache: GitCache
    private let credentials: @Sendable (String) -> GitCredentials?
    private var tasks: [String: Task<Result<Fetched, DiscoveryError>, Never>] = [:]

    /// - Parameters:
    ///   - cache: where the clones live (shared with the rest of the run).
    ///   - credentials: the Git credentials for a repoURL, nil for anonymous access.
    public init(cache: GitCache, credentials: @escaping @Sendable (String) -> GitCredentials?) {
        self.cache = cache
        self.credentials = credentials
    }

    /// How many distinct repositories this run has listed and fetched (or tried to).
    public var fetchCount: Int { tasks.count }

    /// The repository at `repoURL`, fetched on first request and shared afterwards.
    ///
    /// - Throws: `DiscoveryError` naming the repository (never a credential): unreachable,
    ///   authentication failed, not found.
    public func repository(for repoURL: String, skipsTLSVerification: Bool = false) async throws(DiscoveryError) -> Fetched {
        let key = RepositoryURL.normalizeGit(repoURL)
        if let task = tasks[key] { return try await task.value.get() }
        let cache = self.cache
        let credentials = self.credentials(repoURL)
        // Detached: fetching blocks its thread, and fetches of different repositories may overlap.
        let task = Task.detached { () -> Result<Fetched, DiscoveryError> in
            Self.fetch(repoURL, cache: cache, credentials: credentials, skipsTLSVerification: skipsTLSVerification)
        }
        tasks[key] = task
        return try await task.value.get()
    }

    private static func fetch(_ repoURL: String, cache: GitCache, credentials: GitCredentials?,
                              skipsTLSVerification: Bool) -> Result<Fetched, DiscoveryError> {
        do {
            let listing = try GitRepository.listRemoteReferences(
                url: repoURL, credentials: credentials, skipsTLSVerification: skipsTLSVerification)
            _ = try cache.repositoryWithTags(for: repoURL, credentials: credentials,
                                             skipsTLSVerification: skipsTLSVerification)
            return .success(Fetched(repoURL: repoURL, directory: cache.directory(for: repoURL), listing: listing))
        } catch {
            return .failure(GitDiscoveryErrors.error(error, repository: repoURL))
        }
    }
}

/// Turning GitStore's errors into `DiscoveryError`s that name the repository, never a secret.
enum GitDiscoveryErrors {
    static func error(_ error: GitError, repository repoURL: String) -> DiscoveryError {
        let repository = displayURL(repoURL)
        switch error {
        case .authenticationFailed:
            return DiscoveryError(repository: repository, reason: .authenticationFailed)
        case .remote(_, let failure):
            let message = failure.message
            // libgit2 words HTTP failures as "unexpected http status code: 404".
            if message.contains("status code: 404") {
                return DiscoveryError(repository: repository, reason: .notFound)
            }
            if message.contains("status code: 401") {
                return DiscoveryError(repository: repository, reason: .authenticationFailed)
            }
            if message.contains("status code: 403") {
                return DiscoveryError(repository: repository, reason: .forbidden)
            }
            return DiscoveryError(repository: repository, reason: .unreachable(message))
        case .lockFailed(_, let reason):
            return DiscoveryError(repository: repository, reason: .unreachable("cannot lock the cache clone: \(reason)"))
        default:
            return DiscoveryError(repository: repository, reason: .unreachable("reading the cache clone: \(error)"))
        }
    }

    /// `repoURL` without `user:password@` (scp-style `git@host:path` has no secret and stays).
    static func displayURL(_ repoURL: String) -> String {
        guard let schemeEnd = repoURL.range(of: "://") else { return repoURL }
        let rest = repoURL[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return repoURL }
        return String(repoURL[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }
}
