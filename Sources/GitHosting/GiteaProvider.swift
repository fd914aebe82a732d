import Foundation
import HTTPSupport

/// Gitea's and Forgejo's pull requests (REST v1). Labels are left off: Gitea takes label ids,
/// not names, and Kargo does not set them either.
package struct GiteaProvider: GitHostingProvider {
    private let api: RepositoryAPI
    private let owner: String
    private let name: String

    package init(apiURL: URL, token: GitHubToken, owner: String, name: String,
                 transport: any HTTPTransport = URLSessionTransport(), userAgent: String = "freightline") {
        let client = HostingAPIClient(apiURL: apiURL, token: token, headers: [
            "Authorization": "token \(token.secret)",
            "Accept": "application/json",
            "User-Agent": userAgent,
        ], transport: transport)
        api = RepositoryAPI(client: client, provider: .gitea, repository: "\(owner)/\(name)")
        self.owner = owner
        self.name = name
    }

    package var kind: GitHostingProviderKind { .gitea }
    package var repository: String { api.repository }

    private func url(_ path: String, query: [(String, String)] = []) -> URL {
        api.client.url("repos/\(HostingAPIClient.encoded(owner))/\(HostingAPIClient.encoded(name))/\(path)", query: query)
    }

    package func openPullRequest(from source: String, into target: String) async throws(GitHostingError) -> PullRequest? {
        // Older Gitea versions cannot filter by branch: list the open ones, page by page.
        let request = api.client.request("GET", url("pulls", query: [("state", "open"), ("limit", "50")]))
        let found = try await api.list(request, of: Pull.self)
        return found.map(\.pullRequest).first { $0.headBranch == source && $0.baseBranch == target && $0.isOpen }
    }

    package func createPullRequest(from source: String, into target: String, title: String, description: String,
                                   labels: [String]) async throws(GitHostingError) -> PullRequest {
        let request = api.client.request("POST", url("pulls"), json: [
            "head": source, "base": target, "title": title, "body": description,
        ])
        do throws(HostingAPIFailure) {
            return try api.client.decode(Pull.self, from: try await api.client.send(request), for: request).pullRequest
        } catch {
            if case .answered(let status, _, let messages, false, _) = error {
                if status == 422,
                   let message = messages.first(where: { $0.localizedCaseInsensitiveContains("no changes between") }) {
                    throw .noChanges(api.call(request), source: source, target: target, message: message)
                }
                // 409: "pull request already exists for these targets".
                if status == 409, let existing = try await openPullRequest(from: source, into: target) {
                    return existing
                }
            }
            throw api.error(error)
        }
    }

    package func addLabels(_ labels: [String], to number: Int) async throws(GitHostingError) {}

    package func pullRequest(_ number: Int) async throws(GitHostingError) -> PullRequest {
        try await api.json(api.client.request("GET", url("pulls/\(number)")), as: Pull.self).pullRequest
    }

    package func merge(_ pullRequest: PullRequest, method: String?) async throws(GitHostingError) -> PullRequest {
        var body = ["Do": method ?? "merge"]
        // Gitea refuses (409) when the head moved since it was checked.
        if let head = pullRequest.headSHA { body["head_commit_id"] = head }
        let request = api.client.request("POST", url("pulls/\(pullRequest.number)/merge"), json: body)
        do throws(HostingAPIFailure) {
            _ = try await api.client.send(request)
        } catch {
            // 405: not mergeable (conflicts, checks, approvals); 409: the head moved.
            if case .answered(let status, _, let messages, false, _) = error, status == 405 || status == 409 {
                throw .notMergeable(api.call(request), status: status, message: messages.first ?? "Method Not Allowed")
            }
            throw api.error(error)
        }
        // The merge answers with an empty body; the merge commit is on the pull request.
        return try await self.pullRequest(pullRequest.number)
    }

    // MARK: Gitea's JSON

    private struct Pull: Decodable {
        var json: PullJSON

        init(from decoder: any Decoder) throws { json = try PullJSON(from: decoder) }

        /// Gitea's reading: `merged` is always given, and `mergeable` is about conflicts.
        var pullRequest: PullRequest {
            json.pullRequest(isMerged: json.merged ?? false, mergeable: json.mergeable,
                             mergeBlocker: json.mergeable == false ? "conflicts" : nil)
        }
    }
}
