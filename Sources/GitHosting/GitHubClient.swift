import Foundation
import HTTPSupport

/// GitHub's REST API (v3), only as far as Freightline's pull-request comment needs it: list
/// an issue's comments, create one, update one. Works against github.com and GitHub
/// Enterprise Server (`https://ghe.example.com/api/v3`).
package struct GitHubClient: Sendable {
    package static let publicAPI = URL(string: "https://api.github.com")!
    /// The REST API version every request asks for.
    package static let apiVersion = "2022-11-28"

    package var apiURL: URL
    package var token: GitHubToken
    package var transport: any HTTPTransport
    package var userAgent: String
    /// Comments asked for per page (GitHub's maximum is 100).
    package var pageSize = 100
    /// Pages followed before giving up, so a server whose `next` link never ends cannot loop.
    package var pageLimit = 100
    package var timeout: Double = 30

    package init(apiURL: URL = GitHubClient.publicAPI, token: GitHubToken,
                 transport: any HTTPTransport = URLSessionTransport(), userAgent: String = "freightline") {
        self.apiURL = apiURL
        self.token = token
        self.transport = transport
        self.userAgent = userAgent
    }

    /// Checks an API base URL given on the command line: https, or http to a loopback
    /// address only (a local stand-in), so the token never crosses a network in clear text.
    package static func apiURL(parsing text: String) throws(GitHubInputError) -> URL {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host,
              !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil
        else {
            throw GitHubInputError("API URL `\(text)` is not a URL like https://api.github.com or https://ghe.example.com/api/v3")
        }
        guard scheme == "https" || (scheme == "http" && HostingAPIClient.isLoopback(host)) else {
            throw GitHubInputError("API URL `\(text)` must use https (http is accepted for loopback addresses only)")
        }
        return url
    }

    // MARK: issue comments

    /// Every comment of `issue`, oldest first, following `Link: <…>; rel="next"` pages.
    package func comments(of issue: GitHubIssue) async throws(GitHubError) -> [IssueComment] {
        var next: URL? = endpoint(issue.repository, "issues/\(issue.number)/comments", query: "per_page=\(pageSize)")
        var comments: [IssueComment] = []
        var pages = 0
        while let url = next {
            pages += 1
            let request = request("GET", url)
            guard pages <= pageLimit else {
                throw .malformedResponse(request: Self.shown(request), detail: "more than \(pageLimit) pages of comments")
            }
            let response = try await send(request)
            comments += try decode([IssueComment].self, from: response, for: request)
            next = try nextPage(after: response, for: request)
        }
        return comments
    }

    /// Posts a new comment on `issue`.
    package func createComment(on issue: GitHubIssue, body: String) async throws(GitHubError) -> IssueComment {
        let url = endpoint(issue.repository, "issues/\(issue.number)/comments")
        let request = request("POST", url, body: body)
        return try await decode(IssueComment.self, from: send(request), for: request)
    }

    /// Replaces the body of comment `id` in `repository`.
    package func updateComment(_ id: Int64, in repository: GitHubRepository, body: String) async throws(GitHubError)
        -> IssueComment {
        let url = endpoint(repository, "issues/comments/\(id)")
        let request = request("PATCH", url, body: body)
        return try await decode(IssueComment.self, from: send(request), for: request)
    }

    // MARK: plumbing

    private func endpoint(_ repository: GitHubRepository, _ path: String, query: String? = nil) -> URL {
        // Owner and name are checked to be [A-Za-z0-9._-] and the rest is ours, so this parses.
        let url = api.url("repos/\(repository.owner)/\(repository.name)/\(path)")
        guard let query else { return url }
        guard let withQuery = URL(string: url.absoluteString + "?" + query) else { preconditionFailure("not a URL: \(url)?\(query)") }
        return withQuery
    }

    /// The shared plumbing, with GitHub's headers.
    package var api: HostingAPIClient {
        HostingAPIClient(apiURL: apiURL, token: token, headers: [
            "Authorization": "Bearer \(token.secret)",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": Self.apiVersion,
            "User-Agent": userAgent,
        ], transport: transport, timeout: timeout)
    }

    private func request(_ method: String, _ url: URL, body: String? = nil) -> HTTPRequest {
        guard let body else { return api.request(method, url) }
        return api.request(method, url, json: ["body": body])
    }

    /// Sends `request`; any status other than 2xx becomes a `GitHubError` with GitHub's
    /// `message`, redacted of the token.
    private func send(_ request: HTTPRequest) async throws(GitHubError) -> HTTPResponse {
        do throws(HostingAPIFailure) {
            return try await api.send(request)
        } catch {
            throw Self.error(error)
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, for request: HTTPRequest)
        throws(GitHubError) -> Value {
        do throws(HostingAPIFailure) {
            return try api.decode(type, from: response, for: request)
        } catch {
            throw Self.error(error)
        }
    }

    /// The `rel="next"` page, which must stay on the API's scheme, host and port: the token
    /// is sent there too.
    private func nextPage(after response: HTTPResponse, for request: HTTPRequest) throws(GitHubError) -> URL? {
        do throws(HostingAPIFailure) {
            return try api.nextPage(after: response, for: request)
        } catch {
            throw Self.error(error)
        }
    }

    private static func error(_ failure: HostingAPIFailure) -> GitHubError {
        switch failure {
        case .unreachable(let request, let reason): return .unreachable(request: request, reason: reason)
        case .malformedResponse(let request, let detail): return .malformedResponse(request: request, detail: detail)
        case .answered(let status, let request, let messages, _, _):
            let message = messages.first
            switch status {
            case 401: return .unauthorized(request: request, message: message ?? "Unauthorized")
            case 403: return .forbidden(request: request, message: message ?? "Forbidden")
            case 404: return .notFound(request: request, message: message ?? "Not Found")
            default: return .status(status, request: request, message: message)
            }
        }
    }

    private static func shown(_ request: HTTPRequest) -> String { HostingAPIClient.shown(request) }
}
