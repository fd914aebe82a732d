internal import CLibGit2

/// Work trees for promotion steps: a non-bare clone whose files steps edit,
/// then `commitAll`, `pushHead` and `createTag` (see their files).
///
/// Each work tree is its own clone with `origin` and remote-tracking refs
/// `refs/remotes/origin/*`, like `git clone`; its settings (default author,
/// TLS choice) live in its own `.git/config`, so later steps that only get the
/// folder find them again.
extension GitRepository {
    /// Clones `url` into `path` (missing or empty) with a work tree, checking
    /// nothing out yet: call `checkOut(_:)` next.
    ///
    /// - Parameter skipTLSVerification: accept any TLS certificate, now and for
    ///   later fetches and pushes of this work tree (Kargo's `insecureSkipTLSVerify`).
    /// - Throws: `.authenticationFailed`, `.remote` for network trouble, `.libgit2`
    ///   (naming `git_clone`) if `path` is not empty.
    public static func cloneWorkTree(url: String, into path: String, credentials: GitCredentials?,
                                     skipTLSVerification: Bool = false) throws(GitError) -> GitRepository {
        try LibGit2.ensureInitialized()
        let session = RemoteSession(url: url, credentials: credentials)
        session.skipsTLSVerification = skipTLSVerification
        var options = git_clone_options()
        let initCode = git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_clone_options_init", code: initCode)) }
        // The checkout comes later, once we know which revision (and whether it exists).
        options.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE.rawValue
        session.install(into: &options.fetch_opts.callbacks)
        var out: OpaquePointer?
        let code = withExtendedLifetime(session) { git_clone(&out, url, path, &options) }
        guard code >= 0, let out else { throw session.error("git_clone", code: code) }
        let repository = try GitRepository(owning: out)
        if skipTLSVerification {
            try ConfigHandle.local(of: repository.pointer).set("http.sslVerify", to: false)
        }
        return repository
    }

    /// Puts `target` into the work tree of a fresh `cloneWorkTree` and returns
    /// the commit now at HEAD (nil for a new orphan branch or an empty remote).
    ///
    /// A branch becomes a local branch at the remote's value, checked out
    /// attached (so a commit moves it); a commit or tag is checked out detached.
    ///
    /// - Throws: `.referenceNotFound` if the branch (without `create`), tag or
    ///   commit does not exist on the remote.
    @discardableResult
    public func checkOut(_ target: WorkTreeCheckout) throws(GitError) -> ObjectID? {
        switch target {
        case .defaultBranch:
            guard let commit = try headCommit() else { return nil }
            try checkOutHead()
            return commit
        case .branch(let name, let create):
            let branch = Self.branchName(name)
            let local = "refs/heads/" + branch
            guard let commit = try remoteReference(branch) else {
                guard create else {
                    throw .referenceNotFound(branch, LibGit2Failure(
                        function: "git_reference_name_to_id", code: LibGit2.notFound, errorClass: 0,
                        message: "the remote has no branch '\(branch)' (set create: true to start it)"))
                }
                // HEAD on a branch that does not exist yet: the next commit starts it.
                try setHead(local)
                let index = try IndexHandle.of(pointer)
                git_index_clear(index.pointer)
                try index.write()
                return nil
            }
            try setReference(local, to: commit, log: "freightline: checkout \(branch)")
            try setHead(local)
            try checkOutHead()
            return commit
        case .commit(let revision):
            return try checkOutDetached(try resolve(revision))
        case .tag(let name):
            return try checkOutDetached(try resolve("refs/tags/" + name))
        }
    }

    /// The commit at HEAD, nil if HEAD names a branch with no commits yet.
    public func headCommit() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, "HEAD")
        if code == LibGit2.notFound || code == GIT_EUNBORNBRANCH.rawValue { return nil }
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_reference_name_to_id", code: code)) }
        return ObjectID(oid)
    }

    /// The branch HEAD is on (without `refs/heads/`), nil if HEAD is detached.
    public func currentBranch() throws(GitError) -> String? {
        var out: OpaquePointer?
        let code = git_reference_lookup(&out, pointer, "HEAD")
        guard code >= 0, let out else { throw .libgit2(LibGit2.failure("git_reference_lookup", code: code)) }
        defer { git_reference_free(out) }
        guard git_reference_type(out) == GIT_REFERENCE_SYMBOLIC,
              let target = git_reference_symbolic_target(out) else { return nil }
        return Self.branchName(String(cString: target))
    }

    /// The URL of `origin`, with any user info removed.
    public func originURL() throws(GitError) -> String {
        RemoteSession.redacting(url: try rawOriginURL())
    }

    /// The URL of `origin` exactly as configured, user info included (`ssh://git@host/…`):
    /// for looking up credentials, never for showing.
    public func rawOriginURL() throws(GitError) -> String {
        try RemoteHandle.lookup("origin", in: pointer).url
    }

    /// Records the author for commits and tags made in this work tree (`user.name`, `user.email`).
    public func setDefaultAuthor(name: String, email: String) throws(GitError) {
        let config = try ConfigHandle.local(of: pointer)
        try config.set("user.name", to: name)
        try config.set("user.email", to: email)
    }

    /// The author recorded by `setDefaultAuthor`, nil if none is set in this work tree.
    public func defaultAuthor() throws(GitError) -> (name: String, email: String)? {
        let config = try ConfigHandle.local(of: pointer)
        guard let name = try config.string("user.name"), let email = try config.string("user.email") else { return nil }
        return (name, email)
    }

    // MARK: - Internals shared by the work-tree operations

    /// Whether this work tree was cloned with TLS verification off (`http.sslVerify=false`).
    func skipsTLSVerification() throws(GitError) -> Bool {
        try ConfigHandle.local(of: pointer).bool("http.sslVerify") == false
    }

    /// A session for `origin` that carries this work tree's TLS choice.
    func originSession(credentials: GitCredentials?) throws(GitError) -> (RemoteHandle, RemoteSession) {
        let remote = try RemoteHandle.lookup("origin", in: pointer)
        let session = RemoteSession(url: remote.url, credentials: credentials)
        session.skipsTLSVerification = try skipsTLSVerification()
        return (remote, session)
    }

    /// Moves HEAD (and the branch it is on, if any) to `commit` and makes the
    /// work tree match it.
    func moveHead(to commit: ObjectID) throws(GitError) {
        if let branch = try currentBranch() {
            try setReference("refs/heads/" + branch, to: commit, log: "freightline: rebase onto remote")
        } else {
            try setHeadDetached(commit)
        }
        try checkOutHead()
    }

    /// `git_reference_create`, replacing any existing value.
    func setReference(_ name: String, to commit: ObjectID, log: String) throws(GitError) {
        var out: OpaquePointer?
        var oid = commit.gitOID
        let code = git_reference_create(&out, pointer, name, &oid, 1, log)
        guard code >= 0, let out else { throw .libgit2(LibGit2.failure("git_reference_create", code: code)) }
        git_reference_free(out)
    }

    private func checkOutDetached(_ commit: ObjectID) throws(GitError) -> ObjectID {
        try setHeadDetached(commit)
        try checkOutHead()
        return commit
    }

    private func setHead(_ reference: String) throws(GitError) {
        let code = git_repository_set_head(pointer, reference)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_repository_set_head", code: code)) }
    }

    private func setHeadDetached(_ commit: ObjectID) throws(GitError) {
        var oid = commit.gitOID
        let code = git_repository_set_head_detached(pointer, &oid)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_repository_set_head_detached", code: code)) }
    }

    /// `git_checkout_head`, forced: the work tree and index become HEAD's tree.
    private func checkOutHead() throws(GitError) {
        var options = git_checkout_options()
        let initCode = git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_checkout_options_init", code: initCode)) }
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        let code = git_checkout_head(pointer, &options)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_checkout_head", code: code)) }
    }
}
