internal import CLibGit2

/// Talking to the remote a repository was cloned from (always named `origin`).
///
/// Layout of a cache clone: a bare repository whose `origin` fetches with
/// libgit2's default refspec `+refs/heads/*:refs/remotes/origin/*`, with
/// pruning. Remote branches therefore live under `refs/remotes/origin/`, apart
/// from the local `refs/heads/`: a fetch never moves a local branch, the
/// fetched value of a branch is `remoteReference(_:)`, and a push only ever
/// updates the remote (and, after it succeeds, its tracking ref). Tags follow
/// git's auto-follow default. libgit2 1.5 cannot fetch shallow, so clones are full.
extension GitRepository {
    /// The bare clone of `url` at `cacheDirectory`, made if missing, else fetched.
    ///
    /// - Parameters:
    ///   - url: the remote, e.g. `https://host/org/repo.git`; credentials go in
    ///     `credentials`, never in the URL.
    ///   - cacheDirectory: the folder of the bare repository itself. If it is
    ///     missing or empty it is cloned into (parents are created); otherwise it
    ///     must be a repository (no upward search), whose `origin` is pointed at
    ///     `url` if it differs, then fetched.
    /// - Throws: `.authenticationFailed` if the remote refuses the credentials,
    ///   `.remote` for network and protocol failures, `.libgit2` if the folder is
    ///   not empty and not a repository.
    public static func cloneOrFetch(url: String, into cacheDirectory: String,
                                    credentials: GitCredentials?) throws(GitError) -> GitRepository {
        try LibGit2.ensureInitialized()
        if let existing = try openExactly(cacheDirectory) {
            try existing.pointOrigin(at: url)
            try existing.fetch(credentials: credentials)
            return existing
        }
        return try clone(url: url, into: cacheDirectory, credentials: credentials)
    }

    /// Fetches every branch of `origin` into `refs/remotes/origin/*`, pruning
    /// branches deleted on the remote.
    ///
    /// - Throws: `.authenticationFailed`, `.remote`, or `.libgit2` if there is no `origin`.
    public func fetch(credentials: GitCredentials?) throws(GitError) {
        let remote = try RemoteHandle.lookup("origin", in: pointer)
        let session = RemoteSession(url: remote.url, credentials: credentials)
        var options = git_fetch_options()
        let initCode = git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_fetch_options_init", code: initCode)) }
        options.prune = GIT_FETCH_PRUNE
        session.install(into: &options.callbacks)
        let code = withExtendedLifetime(session) {
            git_remote_fetch(remote.pointer, nil, &options, "freightline: fetch")
        }
        guard code >= 0 else { throw session.error("git_remote_fetch", code: code) }
    }

    /// The value of the remote branch `name` as of the last fetch (or push), nil
    /// if the remote has no such branch.
    ///
    /// - Parameter name: a branch name (`freightline/state`) or full ref (`refs/heads/freightline/state`).
    public func remoteReference(_ name: String) throws(GitError) -> ObjectID? {
        let tracking = "refs/remotes/origin/" + Self.branchName(name)
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, tracking)
        if code == LibGit2.notFound { return nil }
        guard code >= 0 else {
            let failure = LibGit2.failure("git_reference_name_to_id", code: code)
            throw code == GIT_EINVALIDSPEC.rawValue ? .referenceNotFound(name, failure) : .libgit2(failure)
        }
        return ObjectID(oid)
    }

    /// Sets the remote branch to `localCommit` if, and only if, it is still at
    /// `expectedRemote` (nil: it must not exist yet): a compare-and-swap on the
    /// remote ref. Never forces.
    ///
    /// Three checks, so a lost race is always reported:
    /// 1. the refspec has no `+`: libgit2 refuses a non-fast-forward, and the
    ///    server's receive-pack updates the ref only if it still holds the old
    ///    value it advertised (under its ref lock);
    /// 2. `push_negotiation` compares the value the server advertised on this
    ///    connection with `expectedRemote` before any object is sent;
    /// 3. `push_update_reference` reports any ref the server refused, and
    ///    afterwards a fetch confirms the remote holds `localCommit` (or a
    ///    descendant of it, if another writer built on it since).
    ///
    /// If the remote already holds `localCommit` the push succeeds (repeating a
    /// push is a no-op). `localCommit` must be in this repository (`writeCommit`).
    ///
    /// - Throws: `.pushRejected` if the ref moved or the update was refused;
    ///   `.authenticationFailed`; `.remote` for network failures.
    public func push(localCommit: ObjectID, to remoteBranch: String, expectedRemote: ObjectID?,
                     credentials: GitCredentials?) throws(GitError) {
        let branch = Self.branchName(remoteBranch)
        let destination = "refs/heads/" + branch
        let remote = try RemoteHandle.lookup("origin", in: pointer)

        // libgit2 pushes from a reference, not a bare id: name the commit with a
        // private ref for the duration of the push.
        let source = "refs/freightline/push/" + localCommit.hex
        try createReference(source, pointingAt: localCommit)
        defer { _ = git_reference_remove(pointer, source) }

        let session = RemoteSession(
            url: remote.url, credentials: credentials,
            expectation: .init(destination: destination, expected: expectedRemote, local: localCommit))
        var options = git_push_options()
        let initCode = git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_push_options_init", code: initCode)) }
        session.install(into: &options.callbacks)

        let refspec = source + ":" + destination
        let code: Int32 = withExtendedLifetime(session) {
            refspec.withCString { spec in
                var strings: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: spec)]
                return strings.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: 1)
                    return git_remote_push(remote.pointer, &array, &options)
                }
            }
        }
        if code < 0 {
            if let reason = session.compareAndSwapFailure {
                _ = LibGit2.failure("git_remote_push", code: code)
                throw .pushRejected(ref: destination, reason: reason)
            }
            if code == GIT_ENONFASTFORWARD.rawValue {
                let failure = LibGit2.failure("git_remote_push", code: code)
                throw .pushRejected(ref: destination, reason: "not a fast-forward: \(failure.message)")
            }
            throw session.error("git_remote_push", code: code)
        }
        if let reason = session.refusedReferences[destination] {
            throw .pushRejected(ref: destination, reason: "refused by the remote: \(reason)")
        }

        // Trust, but verify: read the remote again.
        try fetch(credentials: credentials)
        guard let now = try remoteReference(branch) else {
            throw .pushRejected(ref: destination, reason: "the remote ref is absent after the push")
        }
        if now != localCommit, try !isDescendant(now, of: localCommit) {
            throw .pushRejected(
                ref: destination,
                reason: "after the push the remote ref is at \(now.hex), which does not contain \(localCommit.hex)")
        }
    }

    /// Whether `commit` has `ancestor` in its history (`git_graph_descendant_of`; false if equal).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        var commitOID = commit.gitOID
        var ancestorOID = ancestor.gitOID
        let code = git_graph_descendant_of(pointer, &commitOID, &ancestorOID)
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_graph_descendant_of", code: code))
        }
        return code == 1
    }

    // MARK: - Helpers

    /// `refs/heads/x` → `x`; `x` stays `x`.
    static func branchName(_ name: String) -> String {
        name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// Opens `path` itself as a repository (no upward search, so a cache folder
    /// inside another repository is never mistaken for it); nil if there is none.
    static func openExactly(_ path: String) throws(GitError) -> GitRepository? {
        var out: OpaquePointer?
        let code = git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if code == LibGit2.notFound { return nil }
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_repository_open_ext", code: code))
        }
        return try GitRepository(owning: out)
    }

    static func clone(url: String, into path: String,
                              credentials: GitCredentials?, skipsTLSVerification: Bool = false) throws(GitError) -> GitRepository {
        let session = RemoteSession(url: url, credentials: credentials)
        session.skipsTLSVerification = skipsTLSVerification
        var options = git_clone_options()
        let initCode = git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_clone_options_init", code: initCode)) }
        options.bare = 1
        options.fetch_opts.prune = GIT_FETCH_PRUNE
        session.install(into: &options.fetch_opts.callbacks)
        var out: OpaquePointer?
        let code = withExtendedLifetime(session) { git_clone(&out, url, path, &options) }
        guard code >= 0, let out else { throw session.error("git_clone", code: code) }
        return try GitRepository(owning: out)
    }

    /// Points `origin` at `url` if it is configured differently.
    func pointOrigin(at url: String) throws(GitError) {
        let current = try RemoteHandle.lookup("origin", in: pointer).url
        guard current != url else { return }
        let code = git_remote_set_url(pointer, "origin", url)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_remote_set_url", code: code)) }
    }

    /// `git_reference_create` (forced: the name is private to GitStore).
    private func createReference(_ name: String, pointingAt id: ObjectID) throws(GitError) {
        var out: OpaquePointer?
        var oid = id.gitOID
        let code = git_reference_create(&out, pointer, name, &oid, 1, "freightline: push")
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_reference_create", code: code)
            throw code == LibGit2.notFound ? .objectNotFound(id, failure) : .libgit2(failure)
        }
        git_reference_free(out)
    }
}
