/// A pull request as GitHub's REST API returns it, which Gitea's API copies field for field
/// (Gitea has no `merged_at` here nor `mergeable_state`). The providers read it differently:
/// see `GitHubPullRequests` and `GiteaProvider`.
struct PullJSON: Decodable {
    struct Ref: Decodable {
        var ref: String
        var sha: String?
    }

    struct Label: Decodable {
        var name: String
    }

    var number: Int
    var html_url: String
    var state: String
    var merged: Bool?
    var merged_at: String?
    var mergeable: Bool?
    var mergeable_state: String?
    var merge_commit_sha: String?
    var head: Ref
    var base: Ref
    var labels: [Label]?

    /// The common reading; `mergeable` and `mergeBlocker` are the provider's to judge.
    func pullRequest(isMerged: Bool, mergeable: Bool?, mergeBlocker: String?) -> PullRequest {
        PullRequest(number: number, url: html_url, isOpen: state == "open", isMerged: isMerged,
                    mergeable: mergeable, mergeBlocker: mergeBlocker,
                    // Before the merge, GitHub's merge_commit_sha is a test merge.
                    mergeCommitSHA: isMerged ? merge_commit_sha : nil,
                    headBranch: head.ref, headSHA: head.sha, baseBranch: base.ref,
                    labels: (labels ?? []).map(\.name))
    }
}
