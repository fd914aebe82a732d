internal import CLibGit2

extension GitRepository {
    /// The unified diff (`git diff old new` with three lines of context) between two
    /// commits' trees; from the empty tree when `old` is nil. Binary files are named, not
    /// printed. What `plan --diff` shows for a push that was not made.
    ///
    /// - Throws: `.objectNotFound` if either is not a commit here.
    public func patch(from old: ObjectID?, to new: ObjectID) throws(GitError) -> String {
        let diff = try TreeDiff(repository: pointer, from: old, to: new, contextLines: 3)
        var buffer = git_buf()
        let printed = git_diff_to_buf(&buffer, diff.pointer, GIT_DIFF_FORMAT_PATCH)
        guard printed >= 0 else { throw .libgit2(LibGit2.failure("git_diff_to_buf", code: printed)) }
        defer { git_buf_dispose(&buffer) }
        guard let text = buffer.ptr else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: buffer.size), as: UTF8.self)
    }

    /// The commit a remote-tracking branch (`refs/remotes/origin/<branch>`) names in a work
    /// tree, nil when the remote had no such branch when it was cloned or fetched.
    public func remoteTrackingCommit(_ branch: String, remote: String = "origin") -> ObjectID? {
        try? resolve("refs/remotes/\(remote)/\(branch)")
    }
}
