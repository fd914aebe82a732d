internal import CLibGit2

extension GitRepository {
    /// The files that differ between two commits' trees, from the empty tree when `old`
    /// is nil: added, modified, deleted and type-changed files, a rename as its two sides
    /// (as `git diff --name-status --no-renames old new`). What a writer that lost a
    /// compare-and-swap race checks before rebuilding its commit on the new tip.
    ///
    /// - Throws: `.objectNotFound` if either is not a commit here.
    public func changedFiles(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ChangedFile] {
        try TreeDiff(repository: pointer, from: old, to: new).files { delta, path in
            ChangedFile(path: path, newObjectID: delta.status == GIT_DELTA_DELETED ? nil : ObjectID(delta.new_file.id))
        }
    }
}
