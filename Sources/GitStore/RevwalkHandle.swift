internal import CLibGit2

/// Sole owner of a `git_revwalk *`; frees it in deinit.
final class RevwalkHandle {
    private let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_revwalk_free(pointer)
    }

    /// A walk from `start`, newest first (topological, then commit time).
    static func from(_ start: ObjectID, in repository: OpaquePointer) throws(GitError) -> RevwalkHandle {
        var out: OpaquePointer?
        let code = git_revwalk_new(&out, repository)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_revwalk_new", code: code))
        }
        let walk = RevwalkHandle(owning: out)
        let sorting = git_revwalk_sorting(out, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        guard sorting >= 0 else {
            throw .libgit2(LibGit2.failure("git_revwalk_sorting", code: sorting))
        }
        var oid = start.gitOID
        let push = git_revwalk_push(out, &oid)
        guard push >= 0 else {
            let failure = LibGit2.failure("git_revwalk_push", code: push)
            throw push == LibGit2.notFound ? .objectNotFound(start, failure) : .libgit2(failure)
        }
        return walk
    }

    /// `git_revwalk_hide`: leaves out `id` and everything it reaches.
    func hide(_ id: ObjectID) throws(GitError) {
        var oid = id.gitOID
        let code = git_revwalk_hide(pointer, &oid)
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_revwalk_hide", code: code))
        }
    }

    /// The next commit id, nil when the walk is over (`GIT_ITEROVER`).
    func next() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let code = git_revwalk_next(&oid, pointer)
        if code == GIT_ITEROVER.rawValue { return nil }
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_revwalk_next", code: code))
        }
        return ObjectID(oid)
    }
}
