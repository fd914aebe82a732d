import Foundation
import HTTPSupport

/// GitLab's merge requests (REST v4, gitlab.com and self-managed). The project is addressed
/// by its URL-encoded path (`group%2Fsubgroup%2Fproject`), so nested groups need no lookup.
package struct GitLabProvider: GitHostingProvider {
    private let api: RepositoryAPI
    private let projectID: String

    package init(apiURL: URL, token: GitHubToken, project: String, transport: any HTTPTransport = URLSessionTransport(),
                 userAgent: String = "freightline") {
        let client = HostingAPIClient(apiURL: apiURL, token: token, headers: [
            "PRIVATE-TOKEN": token.secret,
            "Accept": "application/json",
            "User-Agent": userAgent,
        ], transport: transport)
        api = RepositoryAPI(client: client, provider: .gitlab, repository: project)
        projectID = HostingAPIClient.encoded(project)
    }

    package var kind: GitHostingProviderKind { .gitlab }
    package var repository: String { api.repository }

    private func url(_ path: String, query: [(String, String)] = []) -> URL {
        api.client.url("projects/\(projectID)/\(path)", query: query)
    }

    package func openPullRequest(from source: String, into target: String) async throws(GitHostingError) -> PullRequest? {
        let request = api.client.request("GET", url("merge_requests", query: [
            ("state", "opened"), ("source_branch", source), ("target_branch", target), ("per_page", "100"),
        ]))
        let found = try await api.list(request, of: MergeRequest.self)
        return found.map(\.pullRequest).first { $0.headBranch == source && $0.baseBranch == target && $0.isOpen }
    }

    package func createPullRequest(from source: String, into target: String, title: String, description: String,
                                   labels: [String]) async throws(GitHostingError) -> PullRequest {
        var body = ["source_branch": source, "target_branch": target, "title": title, "description": description]
        // GitLab takes labels as one comma-separated string.
        if !labels.isEmpty { body["labels"] = labels.joined(separator: ",") }
        let request = api.client.request("POST", url("merge_requests"), json: body)
        do throws(HostingAPIFailure) {
            return try api.client.decode(MergeRequest.self, from: try await api.client.send(request), for: request).pullRequest
        } catch {
            if case .answered(let status, _, let messages, false, _) = error {
                // 409: "Another open merge request already exists for this source branch".
                if status == 409, let existing = try await openPullRequest(from: source, into: target) {
                    try await addLabels(labels.filter { !existing.labels.contains($0) }, to: existing.number)
                    return existing
                }
                if [400, 409, 422].contains(status) {
                    throw .validationFailed(api.call(request), messages: messages.isEmpty ? ["HTTP \(status)"] : messages)
                }
            }
            throw api.error(error)
        }
    }

    package func addLabels(_ labels: [String], to number: Int) async throws(GitHostingError) {
        guard !labels.isEmpty else { return }
        let request = api.client.request("PUT", url("merge_requests/\(number)"),
                                         json: ["add_labels": labels.joined(separator: ",")])
        try await api.send(request)
    }

    package func pullRequest(_ number: Int) async throws(GitHostingError) -> PullRequest {
        try await api.json(api.client.request("GET", url("merge_requests/\(number)")), as: MergeRequest.self).pullRequest
    }

    package func merge(_ pullRequest: PullRequest, method: String?) async throws(GitHostingError) -> PullRequest {
        // `merge` and `squash` decide squashing; no method leaves it to the merge request and
        // the project. `sha` makes GitLab refuse (409) if the source moved since it was checked.
        let request = api.client.request("PUT", url("merge_requests/\(pullRequest.number)/merge"),
                                         json: MergeBody(squash: method.map { $0 == "squash" }, sha: pullRequest.headSHA))
        do throws(HostingAPIFailure) {
            return try api.client.decode(MergeRequest.self, from: try await api.client.send(request), for: request).pullRequest
        } catch {
            // 405: not mergeable now (draft, checks, approvals); 406: conflicts; 409: the
            // source moved; 422: the branch cannot be merged.
            if case .answered(let status, _, let messages, false, _) = error, [405, 406, 409, 422].contains(status) {
                throw .notMergeable(api.call(request), status: status, message: messages.first ?? "Method Not Allowed")
            }
            throw api.error(error)
        }
    }

    // MARK: GitLab's JSON

    private struct MergeBody: Encodable {
        var squash: Bool?
        var sha: String?
    }

    private struct MergeRequest: Decodable {
        var iid: Int
        var web_url: String
        var state: String
        var detailed_merge_status: String?
        var merge_status: String?
        var merge_commit_sha: String?
        var squash_commit_sha: String?
        var sha: String?
        var source_branch: String
        var target_branch: String
        var labels: [String]?

        var pullRequest: PullRequest {
            let merged = state == "merged"
            let (mergeable, blocker) = mergeability
            return PullRequest(number: iid, url: web_url, isOpen: state == "opened", isMerged: merged,
                               mergeable: mergeable, mergeBlocker: blocker,
                               // A fast-forward merge makes no commit: the source's head is
                               // then the target's.
                               mergeCommitSHA: merged ? (merge_commit_sha ?? squash_commit_sha ?? sha) : nil,
                               headBranch: source_branch, headSHA: sha, baseBranch: target_branch,
                               labels: labels ?? [])
        }

        /// `detailed_merge_status` (GitLab 15.6+), else the older `merge_status`.
        private var mergeability: (Bool?, String?) {
            guard state == "opened" else { return (false, state) }
            if let detailed = detailed_merge_status {
                switch detailed {
                case "mergeable": return (true, nil)
                case "checking", "unchecked", "preparing", "approvals_syncing": return (nil, detailed)
                default: return (false, detailed)
                }
            }
            switch merge_status {
            case "can_be_merged": return (true, nil)
            case "cannot_be_merged", "cannot_be_merged_recheck": return (false, merge_status)
            default: return (nil, merge_status)
            }
        }
    }
}
