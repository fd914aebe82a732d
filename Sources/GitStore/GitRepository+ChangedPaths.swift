internal import CLibGit2

extension GitRepository {
    /// The paths a commit changes against its first parent (against the empty tree for a
    /// root commit), as `git show --first-parent --name-status --no-renames` lists them:
    /// added, modified, deleted and type-changed files, a rename as its two sides.
    ///
    /// - Throws: `.objectNotFound` if `commit` is not a commit here.
    public func changedPaths(of commit: ObjectID) throws(GitError) -> [String] {
        let info = try CommitHandle.lookup(commit, in: pointer)
        return try TreeDiff(repository: pointer, from: info.info.parents.first, to: commit).files { _, path in path }
    }
}
