/// Why a GitHub API call failed. `request` is `METHOD URL` without the query; `message` is
/// GitHub's own `message` field. Neither ever holds the token: the client redacts what the
/// server sends back before it gets here.
package enum GitHubError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 401: the token is missing, expired or wrong.
    case unauthorized(request: String, message: String)
    /// 403: the token lacks a permission, or a rate limit was hit.
    case forbidden(request: String, message: String)
    /// 404: no such repository, issue or comment, or the token cannot see it.
    case notFound(request: String, message: String)
    /// Any other status that is not a success.
    case status(Int, request: String, message: String?)
    /// No HTTP answer at all: the host is unknown, refused the connection or timed out.
    case unreachable(request: String, reason: String)
    /// A success whose body or headers are not what GitHub documents.
    case malformedResponse(request: String, detail: String)

    package var description: String {
        switch self {
        case .unauthorized(let request, let message):
            "GitHub answered 401 (\(message)) to \(request): the token is missing, expired or wrong"
        case .forbidden(let request, let message):
            "GitHub answered 403 (\(message)) to \(request): the token may lack the pull-requests: write (or issues: write) permission, or a rate limit was hit"
        case .notFound(let request, let message):
            "GitHub answered 404 (\(message)) to \(request): the repository or pull request does not exist, or the token cannot see it"
        case .status(let status, let request, let message):
            "GitHub answered \(status)\(message.map { " (\($0))" } ?? "") to \(request)"
        case .unreachable(let request, let reason):
            "cannot reach GitHub for \(request): \(reason)"
        case .malformedResponse(let request, let detail):
            "unexpected answer from GitHub to \(request): \(detail)"
        }
    }
}
