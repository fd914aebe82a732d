/// The result of `GitRepository.pushHead(to:credentials:maxAttempts:)`.
public struct PushedBranch: Sendable, Hashable {
    /// The remote branch name (without `refs/heads/`).
    public let branch: String
    /// The commit the remote branch now contains: the pushed one, or the local
    /// commit the remote already had (a repeated push).
    public let commit: ObjectID
    /// How many pushes were tried (1 unless the remote moved meanwhile).
    public let attempts: Int
    /// Whether local commits were replayed onto a newer remote tip.
    public let rebased: Bool
    /// Whether the remote already held the commit, so nothing was sent.
    public let alreadyPresent: Bool

    public init(branch: String, commit: ObjectID, attempts: Int, rebased: Bool, alreadyPresent: Bool) {
        self.branch = branch
        self.commit = commit
        self.attempts = attempts
        self.rebased = rebased
        self.alreadyPresent = alreadyPresent
    }
}
