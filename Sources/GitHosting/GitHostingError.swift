/// Why a pull-request call to a hosting provider failed, with what the user needs to act:
/// the provider, the repository, the request (`METHOD URL`, never a query or user info) and
/// the provider's own message, always redacted of the token. `isRetryable` says whether the
/// next run can succeed without anyone changing anything.
package enum GitHostingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where a failed call went.
    package struct Call: Sendable, Hashable {
        package var provider: GitHostingProviderKind
        /// `owner/name` or GitLab's `group/subgroup/project`.
        package var repository: String
        /// `METHOD URL`.
        package var request: String

        package init(provider: GitHostingProviderKind, repository: String, request: String) {
            self.provider = provider
            self.repository = repository
            self.request = request
        }
    }

    /// `provider` names a service Freightline does not speak (`azure`, `bitbucket`, a typo).
    case unsupportedProvider(String)
    /// Nothing names the provider and the host name does not give it away.
    case unknownProvider(host: String)
    /// The repository URL has no host or no repository path Freightline can address.
    case invalidRepositoryURL(String, reason: String)
    /// The API URL (from the Secret, or derived) is not one a token may be sent to.
    case invalidAPIURL(String, reason: String)
    /// `mergeMethod` is not one the provider accepts.
    case unsupportedMergeMethod(String, provider: GitHostingProviderKind)
    /// 401, or 403 that is not a rate limit: the token is wrong, expired or lacks a permission.
    case badCredentials(Call, status: Int, message: String)
    /// 404: no such repository or pull request, or the token cannot see it.
    case notFound(Call, message: String)
    /// 422 (GitLab: 400 and 409 too): the provider refused the request's content.
    case validationFailed(Call, messages: [String])
    /// The provider refuses to open a pull request because the branches do not differ.
    case noChanges(Call, source: String, target: String, message: String)
    /// The provider refused to merge now (conflicts, checks, approvals, a moved head).
    case notMergeable(Call, status: Int, message: String)
    /// 429, or 403 with no requests left; `retryAfter` in seconds when the provider said.
    case rateLimited(Call, retryAfter: Int?)
    /// 5xx: the provider is having trouble.
    case serverError(Call, status: Int, message: String?)
    /// Any other status that is not a success.
    case status(Call, status: Int, message: String?)
    /// No HTTP answer at all: unknown host, refused connection, timeout, TLS failure.
    case unreachable(Call, reason: String)
    /// A success whose body is not the documented JSON (often an `apiURL` pointing at the web UI).
    case malformedResponse(Call, detail: String)

    /// Whether waiting and calling again can help: rate limits, server errors, network trouble.
    package var isRetryable: Bool {
        switch self {
        case .rateLimited, .serverError, .unreachable: true
        default: false
        }
    }

    package var description: String {
        switch self {
        case .unsupportedProvider(let name):
            "provider `\(name)` is not supported by Freightline; supported: "
                + GitHostingProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownProvider(let host):
            "cannot tell which hosting provider serves \(host); set `provider` in the step config (or in the "
                + "Git credential Secret) to one of " + GitHostingProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalidRepositoryURL(let url, let reason):
            "repository URL `\(url)` \(reason)"
        case .invalidAPIURL(let url, let reason):
            "API URL `\(url)` \(reason)"
        case .unsupportedMergeMethod(let method, let provider):
            "merge method `\(method)` is not supported by \(provider); valid: \(provider.mergeMethods.joined(separator: ", "))"
        case .badCredentials(let call, let status, let message):
            "\(call.provider) answered \(status) (\(message)) to \(call.request): bad credentials for \(call.repository); "
                + "check the token in the Git credential Secret for this repository (it may be wrong, expired or lack permissions)"
        case .notFound(let call, let message):
            "\(call.provider) answered 404 (\(message)) to \(call.request): the repository \(call.repository) or its "
                + "\(call.provider.pullRequestNoun) was not found, or the token cannot see it"
        case .validationFailed(let call, let messages):
            "\(call.provider) refused \(call.request) for \(call.repository): \(messages.joined(separator: "; "))"
        case .noChanges(let call, let source, let target, let message):
            "\(call.provider) found no changes between \(source) and \(target) in \(call.repository) (\(message))"
        case .notMergeable(let call, let status, let message):
            "\(call.provider) cannot merge now (\(status): \(message)) for \(call.request) in \(call.repository)"
        case .rateLimited(let call, let retryAfter):
            "\(call.provider) rate limited \(call.request) for \(call.repository); "
                + (retryAfter.map { "retry after \($0)s" } ?? "retry later")
        case .serverError(let call, let status, let message):
            "\(call.provider) answered \(status)\(message.map { " (\($0))" } ?? "") to \(call.request) for "
                + "\(call.repository); the next run tries again"
        case .status(let call, let status, let message):
            "\(call.provider) answered \(status)\(message.map { " (\($0))" } ?? "") to \(call.request) for \(call.repository)"
        case .unreachable(let call, let reason):
            "cannot reach \(call.provider) for \(call.request) (\(call.repository)): \(reason)"
        case .malformedResponse(let call, let detail):
            "unexpected answer from \(call.provider) to \(call.request) for \(call.repository): \(detail); "
                + "check that the API URL is the provider's REST API"
        }
    }
}

extension GitHostingError {
    /// What a failed call means, by status, for any provider: a provider first picks out the
    /// answers only it can read (no changes, not mergeable) and hands the rest here.
    package init(_ failure: HostingAPIFailure, provider: GitHostingProviderKind, repository: String) {
        let call = Call(provider: provider, repository: repository, request: failure.request)
        switch failure {
        case .unreachable(_, let reason):
            self = .unreachable(call, reason: reason)
        case .malformedResponse(_, let detail):
            self = .malformedResponse(call, detail: detail)
        case .answered(let status, _, let messages, let rateLimited, let retryAfter):
            let message = messages.isEmpty ? nil : messages.joined(separator: "; ")
            if rateLimited {
                self = .rateLimited(call, retryAfter: retryAfter)
                return
            }
            switch status {
            case 401, 403: self = .badCredentials(call, status: status, message: message ?? (status == 401 ? "Unauthorized" : "Forbidden"))
            case 404: self = .notFound(call, message: message ?? "Not Found")
            case 422: self = .validationFailed(call, messages: messages.isEmpty ? ["Unprocessable Entity"] : messages)
            case 500...: self = .serverError(call, status: status, message: message)
            default: self = .status(call, status: status, message: message)
            }
        }
    }
}
