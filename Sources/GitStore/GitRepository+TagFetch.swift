internal import CLibGit2

/// Fetching a cache clone's branches together with every tag of the remote, for discovery.
///
/// The remote's tags land in a namespace of their own, `refs/freightline/remote-tags/`, with
/// a forced refspec and pruning: re-pointed tags move, tags deleted on the remote disappear,
/// and `refs/tags/` (where promotion steps make tags before pushing them) is never pruned.
extension GitRepository {
    /// Where `fetchBranchesAndTags` keeps the remote's tags.
    public static let remoteTagNamespace = "refs/freightline/remote-tags/"

    /// The bare clone of `url` at `cacheDirectory` (made if missing), then fetched with
    /// `fetchBranchesAndTags`. Same layout as `cloneOrFetch(url:into:credentials:)`.
    public static func cloneOrFetchWithTags(url: String, into cacheDirectory: String, credentials: GitCredentials?,
                                            skipsTLSVerification: Bool = false) throws(GitError) -> GitRepository {
        try LibGit2.ensureInitialized()
        let repository: GitRepository
        if let existing = try openExactly(cacheDirectory) {
            try existing.pointOrigin(at: url)
            repository = existing
        } else {
            repository = try clone(url: url, into: cacheDirectory, credentials: credentials,
                                   skipsTLSVerification: skipsTLSVerification)
        }
        try repository.fetchBranchesAndTags(credentials: credentials, skipsTLSVerification: skipsTLSVerification)
        return repository
    }

    /// Fetches every branch of `origin` into `refs/remotes/origin/*` and every tag into
    /// `remoteTagNamespace`, forced and pruned.
    ///
    /// - Throws: `.authenticationFailed`, `.remote`, or `.libgit2` if there is no `origin`.
    public func fetchBranchesAndTags(credentials: GitCredentials?, skipsTLSVerification: Bool = false) throws(GitError) {
        let remote = try RemoteHandle.lookup("origin", in: pointer)
        let session = RemoteSession(url: remote.url, credentials: credentials)
        session.skipsTLSVerification = skipsTLSVerification
        var options = git_fetch_options()
        let initCode = git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_fetch_options_init", code: initCode)) }
        options.prune = GIT_FETCH_PRUNE
        // With auto-follow (the default) libgit2 writes every tag to `refs/tags/` whatever the
        // refspec says; with tags off, the explicit tag refspec below decides where they go.
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        session.install(into: &options.callbacks)
        let refspecs = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:" + Self.remoteTagNamespace + "*"]
        let code = withExtendedLifetime(session) {
            withStringArray(refspecs) { array in
                git_remote_fetch(remote.pointer, &array, &options, "freightline: fetch branches and tags")
            }
        }
        guard code >= 0 else { throw session.error("git_remote_fetch", code: code) }
    }

    /// The remote's tags as of the last `fetchBranchesAndTags`, each peeled to its commit,
    /// sorted by name. Tags of trees or blobs are left out (no commit to discover).
    public func fetchedTags() throws(GitError) -> [GitTagInfo] {
        var result: [GitTagInfo] = []
        for (name, target) in try references(matching: Self.remoteTagNamespace + "*") {
            let tagName = String(name.dropFirst(Self.remoteTagNamespace.count))
            if let tag = try tagInfo(named: tagName, target: target) { result.append(tag) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The commit `id`, copied out of libgit2.
    ///
    /// - Throws: `.objectNotFound` if there is no such commit.
    public func commitInfo(_ id: ObjectID) throws(GitError) -> GitCommitInfo {
        try CommitHandle.lookup(id, in: pointer).info
    }

    /// Reads the tag `name` pointing at `target` (a tag object or a commit); nil if it does
    /// not lead to a commit.
    private func tagInfo(named name: String, target: ObjectID) throws(GitError) -> GitTagInfo? {
        var object: OpaquePointer?
        var oid = target.gitOID
        let lookup = git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY)
        guard lookup >= 0, let object else {
            let failure = LibGit2.failure("git_object_lookup", code: lookup)
            throw lookup == LibGit2.notFound ? .objectNotFound(target, failure) : .libgit2(failure)
        }
        let handle = ObjectHandle(owning: object)
        var tagger: GitSignature?
        var annotation: String?
        if git_object_type(object) == GIT_OBJECT_TAG {
            // A git_object of type tag is a git_tag in libgit2.
            if let signature = git_tag_tagger(object) { tagger = SignatureHandle.copy(signature) }
            annotation = git_tag_message(object).map { String(cString: $0) } ?? ""
        }
        var peeled: OpaquePointer?
        let peel = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
        guard peel >= 0, let peeled else {
            _ = LibGit2.failure("git_object_peel", code: peel)
            return nil
        }
        let commitID = ObjectHandle(owning: peeled).id
        let commit = try withExtendedLifetime(handle) { () throws(GitError) -> GitCommitInfo in
            try commitInfo(commitID)
        }
        return GitTagInfo(name: name, target: target, commit: commit, tagger: tagger, annotation: annotation)
    }
}

/// A tag read by `GitRepository.fetchedTags()`: its name, the commit it leads to, and for an
/// annotated tag the tagger and message.
public struct GitTagInfo: Sendable, Hashable, CustomStringConvertible {
    /// The name without `refs/tags/`.
    public let name: String
    /// What the ref points at: the tag object of an annotated tag, else the commit.
    public let target: ObjectID
    /// The commit the tag peels to.
    public let commit: GitCommitInfo
    /// Who made an annotated tag (nil for a lightweight tag, or an annotated one without tagger).
    public let tagger: GitSignature?
    /// The message of an annotated tag; nil for a lightweight tag.
    public let annotation: String?

    public init(name: String, target: ObjectID, commit: GitCommitInfo, tagger: GitSignature?, annotation: String?) {
        self.name = name
        self.target = target
        self.commit = commit
        self.tagger = tagger
        self.annotation = annotation
    }

    /// Whether the tag is an annotated tag object.
    public var isAnnotated: Bool { annotation != nil }

    /// git's `creatordate`: the tagger's date for an annotated tag, else the committer's date.
    public var creatorDate: (seconds: Int64, offsetMinutes: Int) {
        (tagger ?? commit.committer).time
    }

    public var description: String { "\(name) → \(commit.id)" }
}
