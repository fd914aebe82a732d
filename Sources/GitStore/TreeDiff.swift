internal import CLibGit2

/// A libgit2 diff between two commits' trees (from the empty tree when the old commit is
/// nil), owned until `deinit`: the one place the changed-path, changed-file and patch
/// queries set a tree-to-tree diff up.
final class TreeDiff {
    let pointer: OpaquePointer

    /// - Parameter contextLines: lines of context for a printed patch; nil leaves
    ///   libgit2's default and asks for type changes and no binary check (a name listing).
    init(repository: OpaquePointer, from old: ObjectID?, to new: ObjectID, contextLines: UInt32? = nil) throws(GitError) {
        let newTree = try TreeHandle.lookup(try CommitHandle.lookup(new, in: repository).treeID, in: repository)
        let oldTree: TreeHandle? = if let old {
            try TreeHandle.lookup(try CommitHandle.lookup(old, in: repository).treeID, in: repository)
        } else {
            nil
        }
        var options = git_diff_options()
        let initCode = git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_diff_options_init", code: initCode)) }
        if let contextLines {
            options.context_lines = contextLines
        } else {
            options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        }
        var diff: OpaquePointer?
        let code = withExtendedLifetime((newTree, oldTree)) {
            git_diff_tree_to_tree(&diff, repository, oldTree?.pointer, newTree.pointer, &options)
        }
        guard code >= 0, let diff else { throw .libgit2(LibGit2.failure("git_diff_tree_to_tree", code: code)) }
        pointer = diff
    }

    deinit { git_diff_free(pointer) }

    /// The path of each changed file (the old side of a deletion) with its delta, in
    /// libgit2's order, copied out while the diff is alive.
    func files<T>(_ transform: (git_diff_delta, String) -> T) -> [T] {
        var result: [T] = []
        withExtendedLifetime(self) {
            for index in 0..<git_diff_num_deltas(pointer) {
                guard let delta = git_diff_get_delta(pointer, index)?.pointee else { continue }
                let file = delta.status == GIT_DELTA_DELETED ? delta.old_file : delta.new_file
                guard let path = file.path else { continue }
                result.append(transform(delta, String(cString: path)))
            }
        }
        return result
    }
}
