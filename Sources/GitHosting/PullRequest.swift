/// A pull request (GitLab: merge request) as the pull-request steps need it, whichever
/// provider it came from.
package struct PullRequest: Sendable, Hashable {
    /// The number in the repository (`#12`; GitLab's `iid`, `!12`).
    package var number: Int
    /// The page people open.
    package var url: String
    package var isOpen: Bool
    package var isMerged: Bool
    /// Whether the provider would merge it now; nil while it has not worked that out yet.
    package var mergeable: Bool?
    /// Why it cannot be merged, in the provider's words (`dirty`, `ci_must_pass`), when known.
    package var mergeBlocker: String?
    /// The commit the merge made on the target branch, once merged.
    package var mergeCommitSHA: String?
    /// The source branch and its head commit.
    package var headBranch: String
    package var headSHA: String?
    /// The target branch.
    package var baseBranch: String
    package var labels: [String]

    package init(number: Int, url: String, isOpen: Bool, isMerged: Bool, mergeable: Bool? = nil,
                 mergeBlocker: String? = nil, mergeCommitSHA: String? = nil, headBranch: String,
                 headSHA: String? = nil, baseBranch: String, labels: [String] = []) {
        self.number = number
        self.url = url
        self.isOpen = isOpen
        self.isMerged = isMerged
        self.mergeable = mergeable
        self.mergeBlocker = mergeBlocker
        self.mergeCommitSHA = mergeCommitSHA
        self.headBranch = headBranch
        self.headSHA = headSHA
        self.baseBranch = baseBranch
        self.labels = labels
    }
}
