import GitHosting
import HTTPSupport
import Pipeline

/// What the three pull-request steps share: finding the provider and token for a `repoURL`,
/// turning a provider's error into a step error that says whether to retry, and the `pr`
/// output Kargo's expressions read.
enum PullRequestAccess {
    /// One session for every pull-request step, so connections are reused.
    static let sharedTransport = URLSessionTransport()

    /// The provider serving `repoURL`, with the token of the credential Secret that covers it.
    static func provider(repoURL: String, provider: String?, context: StepContext, transport: any HTTPTransport,
                         step: String) throws(StepError) -> any GitHostingProvider {
        guard let access = context.gitHosting(repoURL), !access.token.isEmpty else {
            throw .terminal("\(step): no Git credential Secret covers \(redacted(repoURL)); add one for this repoURL "
                            + "whose `password` is an API token of the hosting provider")
        }
        let endpoint: GitHostingEndpoint
        do throws(GitHostingError) {
            endpoint = try GitHostingEndpoint(repoURL: repoURL, provider: provider, access: access)
        } catch {
            throw .terminal("\(step): \(error)")
        }
        return endpoint.provider(token: access.token, transport: transport)
    }

    /// Runs one provider call; its error becomes retryable (rate limits, 5xx, network) or
    /// terminal (credentials, not found, refused), prefixed with the step's name.
    static func call<Value>(_ step: String, _ body: () async throws(GitHostingError) -> Value)
        async throws(StepError) -> Value {
        do throws(GitHostingError) {
            return try await body()
        } catch {
            throw stepError(error, step: step)
        }
    }

    static func stepError(_ error: GitHostingError, step: String) -> StepError {
        error.isRetryable ? .retryable("\(step): \(error)") : .terminal("\(step): \(error)")
    }

    /// Kargo's `pr` output: `id` and `url`, and with `state`, `open` and `merged`.
    static func output(_ pullRequest: PullRequest, state: Bool = false) -> JSONValue {
        var members: [String: JSONValue] = ["id": .int(Int64(pullRequest.number)), "url": .string(pullRequest.url)]
        if state {
            members["open"] = .bool(pullRequest.isOpen)
            members["merged"] = .bool(pullRequest.isMerged)
        }
        return .object(members)
    }

    /// `repoURL` without user info, for messages (a token sometimes travels there).
    static func redacted(_ repoURL: String) -> String {
        guard let scheme = repoURL.range(of: "://"), let at = repoURL[scheme.upperBound...].firstIndex(of: "@"),
              !repoURL[scheme.upperBound..<at].contains("/")
        else { return repoURL }
        return String(repoURL[..<scheme.upperBound]) + String(repoURL[repoURL.index(after: at)...])
    }
}
