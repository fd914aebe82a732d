internal import CLibGit2

/// Sole owner of a `git_commit *` from `git_commit_lookup`; frees it in deinit.
final class CommitHandle {
    let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_commit_free(pointer)
    }

    /// `git_commit_lookup`; `.objectNotFound` if the id is missing or not a commit.
    static func lookup(_ id: ObjectID, in repository: OpaquePointer) throws(GitError) -> CommitHandle {
        var out: OpaquePointer?
        var oid = id.gitOID
        let code = git_commit_lookup(&out, repository, &oid)
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_commit_lookup", code: code)
            throw code == LibGit2.notFound ? .objectNotFound(id, failure) : .libgit2(failure)
        }
        return CommitHandle(owning: out)
    }

    /// The root tree id (`git_commit_tree_id`).
    var treeID: ObjectID {
        ObjectID(git_commit_tree_id(pointer).pointee)
    }

    /// Everything `log` reports, copied while `self` is alive.
    var info: GitCommitInfo {
        let count = git_commit_parentcount(pointer)
        var parents: [ObjectID] = []
        for index in 0..<count {
            if let parent = ObjectID(git_commit_parent_id(pointer, index)) { parents.append(parent) }
        }
        return GitCommitInfo(
            id: ObjectID(git_commit_id(pointer).pointee),
            parents: parents,
            message: git_commit_message(pointer).map { String(cString: $0) } ?? "",
            author: SignatureHandle.copy(git_commit_author(pointer)),
            committer: SignatureHandle.copy(git_commit_committer(pointer))
        )
    }
}
