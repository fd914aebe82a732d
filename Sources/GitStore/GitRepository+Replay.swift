internal import CLibGit2

/// Rebasing in memory: local commits are replayed onto a newer remote tip by
/// three-way merging their trees (`git_merge_trees`), without touching the
/// work tree until the result is known to be clean.
extension GitRepository {
    /// Replays the commits reachable from `local` but not from `upstream`,
    /// oldest first, onto `upstream`; returns the new tip. A commit whose
    /// change the upstream already has is dropped. Authors, committers and
    /// messages are kept, so replaying is deterministic.
    ///
    /// - Throws: `.conflict` naming the conflicting paths, for `branch`.
    func replay(_ local: ObjectID, onto upstream: ObjectID, branch: String) throws(GitError) -> ObjectID {
        let walk = try RevwalkHandle.from(local, in: pointer)
        try walk.hide(upstream)
        var pending: [ObjectID] = []
        while let id = try walk.next() { pending.append(id) }

        var tip = upstream
        for id in pending.reversed() {
            let commit = try CommitHandle.lookup(id, in: pointer)
            let info = commit.info
            let baseTree = try info.parents.first.map { parent throws(GitError) in try treeID(ofCommit: parent) }
            let ourTree = try treeID(ofCommit: tip)
            let merged = try mergeTrees(base: baseTree, ours: ourTree, theirs: commit.treeID)
            let conflicts = try merged.conflictedPaths()
            guard conflicts.isEmpty else { throw .conflict(branch: branch, paths: conflicts) }
            let tree = try merged.writeTree(into: pointer)
            if tree == ourTree { continue }
            tip = try makeCommit(tree: tree, parents: [tip], message: info.message, author: info.author,
                                 committer: info.committer, updating: nil)
        }
        return tip
    }

    /// `git_merge_trees` into an in-memory index (nil base: the empty tree).
    private func mergeTrees(base: ObjectID?, ours: ObjectID, theirs: ObjectID) throws(GitError) -> IndexHandle {
        let baseHandle = try base.map { id throws(GitError) in try TreeHandle.lookup(id, in: pointer) }
        let ourHandle = try TreeHandle.lookup(ours, in: pointer)
        let theirHandle = try TreeHandle.lookup(theirs, in: pointer)
        var out: OpaquePointer?
        let code = withExtendedLifetime((baseHandle, ourHandle, theirHandle)) {
            git_merge_trees(&out, pointer, baseHandle?.pointer, ourHandle.pointer, theirHandle.pointer, nil)
        }
        guard code >= 0, let out else { throw .libgit2(LibGit2.failure("git_merge_trees", code: code)) }
        return IndexHandle(owning: out)
    }
}
