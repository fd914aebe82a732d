import Foundation
import HTTPSupport

/// GitHub's pull requests (REST v3, github.com and Enterprise Server), through the same
/// `GitHubClient` (headers, token) as the pull-request comment.
package struct GitHubPullRequests: GitHostingProvider {
    package var client: GitHubClient
    package var gitHubRepository: GitHubRepository

    package init(client: GitHubClient, repository: GitHubRepository) {
        self.client = client
        gitHubRepository = repository
    }

    package var kind: GitHostingProviderKind { .github }
    package var repository: String { gitHubRepository.description }

    private var api: RepositoryAPI { RepositoryAPI(client: client.api, provider: .github, repository: repository) }

    private func url(_ path: String, query: [(String, String)] = []) -> URL {
        api.client.url("repos/\(HostingAPIClient.encoded(gitHubRepository.owner))/"
                       + "\(HostingAPIClient.encoded(gitHubRepository.name))/\(path)", query: query)
    }

    package func openPullRequest(from source: String, into target: String) async throws(GitHostingError) -> PullRequest? {
        // `head` must be `owner:branch`; same-repository pull requests have the repository's owner.
        let request = api.client.request("GET", url("pulls", query: [
            ("state", "open"), ("head", "\(gitHubRepository.owner):\(source)"), ("base", target), ("per_page", "100"),
        ]))
        let found = try await api.list(request, of: Pull.self)
        return found.map(\.pullRequest).first { $0.headBranch == source && $0.baseBranch == target }
    }

    package func createPullRequest(from source: String, into target: String, title: String, description: String,
                                   labels: [String]) async throws(GitHostingError) -> PullRequest {
        let request = api.client.request("POST", url("pulls"), json: [
            "title": title, "head": source, "base": target, "body": description,
        ])
        var created: PullRequest
        do throws(HostingAPIFailure) {
            let response = try await api.client.send(request)
            created = try api.client.decode(Pull.self, from: response, for: request).pullRequest
        } catch {
            if case .answered(422, _, let messages, _, _) = error {
                if let message = messages.first(where: { $0.localizedCaseInsensitiveContains("No commits between") }) {
                    throw .noChanges(api.call(request), source: source, target: target, message: message)
                }
                // Opened meanwhile by someone else (or an earlier attempt whose answer was lost).
                if messages.contains(where: { $0.localizedCaseInsensitiveContains("pull request already exists") }),
                   let existing = try await openPullRequest(from: source, into: target) {
                    created = existing
                    try await addLabels(labels.filter { !existing.labels.contains($0) }, to: existing.number)
                    created.labels = Array(Set(existing.labels + labels)).sorted()
                    return created
                }
            }
            throw api.error(error)
        }
        try await addLabels(labels, to: created.number)
        created.labels = labels
        return created
    }

    package func addLabels(_ labels: [String], to number: Int) async throws(GitHostingError) {
        guard !labels.isEmpty else { return }
        // Pull requests are issues as far as labels go.
        try await api.send(api.client.request("POST", url("issues/\(number)/labels"), json: ["labels": labels]))
    }

    package func pullRequest(_ number: Int) async throws(GitHostingError) -> PullRequest {
        try await api.json(api.client.request("GET", url("pulls/\(number)")), as: Pull.self).pullRequest
    }

    package func merge(_ pullRequest: PullRequest, method: String?) async throws(GitHostingError) -> PullRequest {
        var body = ["merge_method": method ?? "merge"]
        // Merge only the head that was checked; GitHub answers 409 if it moved since.
        if let head = pullRequest.headSHA { body["sha"] = head }
        let request = api.client.request("PUT", url("pulls/\(pullRequest.number)/merge"), json: body)
        let result: MergeResult
        do throws(HostingAPIFailure) {
            result = try api.client.decode(MergeResult.self, from: try await api.client.send(request), for: request)
        } catch {
            if case .answered(let status, _, let messages, false, _) = error, status == 405 || status == 409 {
                throw .notMergeable(api.call(request), status: status,
                                    message: messages.first ?? "Pull Request is not mergeable")
            }
            throw api.error(error)
        }
        var merged = pullRequest
        merged.isOpen = false
        merged.isMerged = true
        merged.mergeCommitSHA = result.sha
        return merged
    }

    // MARK: GitHub's JSON

    private struct Pull: Decodable {
        var json: PullJSON

        init(from decoder: any Decoder) throws { json = try PullJSON(from: decoder) }

        /// GitHub's reading: `mergeable` is about conflicts only; `mergeable_state` also
        /// knows about required reviews and checks (`blocked`), a stale head (`behind`) and drafts.
        var pullRequest: PullRequest {
            var mergeableNow: Bool? = json.mergeable
            var blocker: String?
            switch (json.mergeable, json.mergeable_state) {
            case (false, let state): blocker = state ?? "dirty"
            case (true, let state?) where ["blocked", "behind", "draft", "dirty"].contains(state):
                mergeableNow = false
                blocker = state
            case (true, "unknown"): mergeableNow = nil
            default: break
            }
            return json.pullRequest(isMerged: json.merged ?? (json.merged_at != nil), mergeable: mergeableNow,
                                    mergeBlocker: blocker)
        }
    }

    private struct MergeResult: Decodable {
        var sha: String?
        var merged: Bool?
    }
}

