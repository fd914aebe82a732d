internal import CLibGit2

extension GitRepository {
    /// The commit a revision names.
    ///
    /// Accepts anything `git rev-parse` does via `git_revparse_single`:
    /// branch names, full refs (`refs/heads/main`), tags (annotated tags are
    /// peeled), `HEAD`, full or abbreviated commit ids, `main~1`, …
    ///
    /// - Throws: `.referenceNotFound` if nothing matches; `.libgit2` naming
    ///   `git_object_peel` if the revision is not a commit (e.g. a tree or blob).
    public func resolve(_ ref: String) throws(GitError) -> ObjectID {
        try commit(ref).id
    }

    /// The peeled commit object for `ref`, owned by the returned handle.
    func commit(_ ref: String) throws(GitError) -> ObjectHandle {
        try ObjectHandle.revparse(ref, in: pointer).peelToCommit()
    }
}
