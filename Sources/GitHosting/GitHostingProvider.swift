/// The pull-request operations Freightline's steps need from a hosting provider, so
/// `git-open-pr`, `git-wait-for-pr` and `git-merge-pr` are written once for GitHub, GitLab and
/// Gitea. Each call is one or a few REST requests; nothing waits or polls.
package protocol GitHostingProvider: Sendable {
    var kind: GitHostingProviderKind { get }
    /// The repository's path at the provider (`acme/gitops`), for messages.
    var repository: String { get }

    /// The open pull request from `source` into `target`, nil when there is none.
    func openPullRequest(from source: String, into target: String) async throws(GitHostingError) -> PullRequest?

    /// Opens a pull request. Labels the provider cannot set (Gitea) are left off.
    /// Throws `.noChanges` when the provider refuses because the branches do not differ.
    func createPullRequest(from source: String, into target: String, title: String, description: String,
                           labels: [String]) async throws(GitHostingError) -> PullRequest

    /// Adds `labels` to an existing pull request; a no-op where the provider has none.
    func addLabels(_ labels: [String], to number: Int) async throws(GitHostingError)

    /// The pull request numbered `number`, whatever its state.
    func pullRequest(_ number: Int) async throws(GitHostingError) -> PullRequest

    /// Merges `pullRequest` with `method` (already checked against `kind.mergeMethods`; nil:
    /// the provider's default) and returns it as merged, with its merge commit. Throws
    /// `.notMergeable` when the provider refuses to merge now.
    func merge(_ pullRequest: PullRequest, method: String?) async throws(GitHostingError) -> PullRequest
}
