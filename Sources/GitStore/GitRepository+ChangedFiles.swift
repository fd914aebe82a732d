internal import CLibGit2

extension GitRepository {
    /// The files that differ between two commits' trees, from the empty tree when `old`
    /// is nil: added, modified, deleted and type-changed files, a rename as its two sides
    /// (as `git diff --name-status --no-renames old new`). What a writer that lost a
    /// compare-and-swap race checks before rebuilding its commit on the new tip.
    ///
    /// - Throws: `.objectNotFound` if either is not a commit here.
    public func changedFiles(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ChangedFile] {
        let newTree = try TreeHandle.lookup(try CommitHandle.lookup(new, in: pointer).treeID, in: pointer)
        let oldTree: TreeHandle? = if let old {
            try TreeHandle.lookup(try CommitHandle.lookup(old, in: pointer).treeID, in: pointer)
        } else {
            nil
        }
        var options = git_diff_options()
        let initCode = git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_diff_options_init", code: initCode)) }
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        var diff: OpaquePointer?
        let code = withExtendedLifetime((newTree, oldTree)) {
            git_diff_tree_to_tree(&diff, pointer, oldTree?.pointer, newTree.pointer, &options)
        }
        guard code >= 0, let diff else { throw .libgit2(LibGit2.failure("git_diff_tree_to_tree", code: code)) }
        defer { git_diff_free(diff) }
        var files: [ChangedFile] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            if delta.status == GIT_DELTA_DELETED {
                if let path = delta.old_file.path { files.append(ChangedFile(path: String(cString: path), newObjectID: nil)) }
            } else if let path = delta.new_file.path {
                files.append(ChangedFile(path: String(cString: path), newObjectID: ObjectID(delta.new_file.id)))
            }
        }
        return files
    }
}
