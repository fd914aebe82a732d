internal import CLibGit2

extension GitRepository {
    /// The paths a commit changes against its first parent (against the empty tree for a
    /// root commit), as `git show --first-parent --name-status --no-renames` lists them:
    /// added, modified, deleted and type-changed files, a rename as its two sides.
    ///
    /// - Throws: `.objectNotFound` if `commit` is not a commit here.
    public func changedPaths(of commit: ObjectID) throws(GitError) -> [String] {
        let info = try CommitHandle.lookup(commit, in: pointer)
        let newTree = try TreeHandle.lookup(info.treeID, in: pointer)
        let oldTree: TreeHandle? = if let parent = info.info.parents.first {
            try TreeHandle.lookup(try CommitHandle.lookup(parent, in: pointer).treeID, in: pointer)
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
        var paths: [String] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let file = delta.status == GIT_DELTA_DELETED ? delta.old_file : delta.new_file
            if let path = file.path { paths.append(String(cString: path)) }
        }
        return paths
    }
}
