internal import CLibGit2

/// Pushing a work tree's commits, like `git push` with `git pull --rebase`
/// on rejection. Never forces: the remote only ever fast-forwards.
extension GitRepository {
    /// Pushes HEAD to the remote branch `targetBranch` (default: the branch HEAD
    /// is on). If the remote moved on, fetches that branch, replays the local
    /// commits onto it (see `replay`), and tries again, at most `maxAttempts` times.
    ///
    /// The first attempt pushes straight away, without fetching: a fresh clone
    /// is usually current, and libgit2 refuses a non-fast-forward itself. If the
    /// remote already contains HEAD (a repeated push) nothing is sent.
    ///
    /// - Throws: `.conflict` if replaying conflicts; `.pushRejected` after
    ///   `maxAttempts` or when the server refuses; `.invalidWorkTreeState` for a
    ///   detached HEAD without a target or a branch without commits;
    ///   `.authenticationFailed`; `.remote` for network failures.
    public func pushHead(to targetBranch: String? = nil, credentials: GitCredentials?,
                         maxAttempts: Int = 10) throws(GitError) -> PushedBranch {
        var branch = targetBranch.map(Self.branchName)
        if branch == nil { branch = try currentBranch() }
        guard let branch else {
            throw .invalidWorkTreeState("HEAD is detached: name the branch to push to")
        }
        guard var local = try headCommit() else {
            throw .invalidWorkTreeState("nothing to push: branch '\(branch)' has no commits yet")
        }
        let destination = "refs/heads/" + branch
        var rebased = false
        var lastReason = "the remote branch kept moving"
        for attempt in 1...max(1, maxAttempts) {
            switch try pushReference("HEAD", to: destination, credentials: credentials) {
            case .pushed:
                return PushedBranch(branch: branch, commit: local, attempts: attempt, rebased: rebased,
                                    alreadyPresent: false)
            case .behind(let reason):
                lastReason = reason
            }
            try fetch(refspec: "+\(destination):refs/remotes/origin/\(branch)", credentials: credentials)
            guard let upstream = try remoteReference(branch) else { continue }
            if upstream == local {
                return PushedBranch(branch: branch, commit: local, attempts: attempt, rebased: rebased,
                                    alreadyPresent: true)
            }
            if try isDescendant(upstream, of: local) {
                return PushedBranch(branch: branch, commit: local, attempts: attempt, rebased: rebased,
                                    alreadyPresent: true)
            }
            local = try replay(local, onto: upstream, branch: branch)
            try moveHead(to: local)
            rebased = true
        }
        throw .pushRejected(ref: destination, reason: "\(lastReason); gave up after \(max(1, maxAttempts)) attempts")
    }

    /// Pushes the local tag `name` to the remote. A remote tag already naming
    /// the same object is fine (repeating is a no-op); a different one is never replaced.
    ///
    /// - Throws: `.referenceExists` if the remote has another tag of that name;
    ///   `.referenceNotFound` if there is no such local tag.
    public func pushTag(_ name: String, credentials: GitCredentials?) throws(GitError) {
        let reference = "refs/tags/" + name
        var oid = git_oid()
        let lookup = git_reference_name_to_id(&oid, pointer, reference)
        guard lookup >= 0 else { throw .referenceNotFound(name, LibGit2.failure("git_reference_name_to_id", code: lookup)) }
        switch try pushReference(reference, to: reference, credentials: credentials) {
        case .pushed: return
        case .behind: throw .referenceExists(reference + " on the remote, at another object")
        }
    }

    // MARK: - One push

    enum PushOutcome {
        case pushed
        /// The remote ref holds commits we lack (or changed under us): fetch and retry.
        case behind(String)
    }

    /// `git_remote_push` of `source:destination`, without `+`.
    private func pushReference(_ source: String, to destination: String,
                               credentials: GitCredentials?) throws(GitError) -> PushOutcome {
        let (remote, session) = try originSession(credentials: credentials)
        var options = git_push_options()
        let initCode = git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_push_options_init", code: initCode)) }
        session.install(into: &options.callbacks)
        let code: Int32 = withExtendedLifetime(session) {
            withStringArray([source + ":" + destination]) { git_remote_push(remote.pointer, &$0, &options) }
        }
        if code == GIT_ENONFASTFORWARD.rawValue {
            return .behind("not a fast-forward: \(LibGit2.failure("git_remote_push", code: code).message)")
        }
        guard code >= 0 else { throw session.error("git_remote_push", code: code) }
        if let reason = session.refusedReferences[destination] {
            return .behind("refused by the remote: \(reason)")
        }
        return .pushed
    }

    /// `git_remote_fetch` of one refspec from `origin`.
    private func fetch(refspec: String, credentials: GitCredentials?) throws(GitError) {
        let (remote, session) = try originSession(credentials: credentials)
        var options = git_fetch_options()
        let initCode = git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_fetch_options_init", code: initCode)) }
        session.install(into: &options.callbacks)
        let code: Int32 = withExtendedLifetime(session) {
            withStringArray([refspec]) { git_remote_fetch(remote.pointer, &$0, &options, "freightline: fetch") }
        }
        guard code >= 0 else { throw session.error("git_remote_fetch", code: code) }
    }
}
