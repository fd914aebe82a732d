extension GitCache {
    /// The clone of `url` with its branches and every tag of the remote fetched
    /// (`GitRepository.fetchBranchesAndTags`), made or fetched under its lock: what
    /// discovery reads commits and tags from.
    public func repositoryWithTags(for url: String, credentials: GitCredentials?,
                                   skipsTLSVerification: Bool = false) throws(GitError) -> GitRepository {
        let folder = directory(for: url)
        let result = try lock(for: url).withLock { () throws(GitError) -> GitRepository in
            try GitRepository.cloneOrFetchWithTags(url: url, into: folder, credentials: credentials,
                                                   skipsTLSVerification: skipsTLSVerification)
        }
        return try result.get()
    }
}
