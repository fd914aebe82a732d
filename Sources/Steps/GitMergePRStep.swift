import GitHosting
import HTTPSupport
import Pipeline

/// `git-merge-pr`: merges pull request `prNumber` now, with `mergeMethod` (checked against
/// what the provider accepts before anything is sent), and outputs the merge commit as
/// `commit`. Already merged: succeeds with that merge commit, so running it again is safe.
/// Closed: fails. Not mergeable (conflicts, checks, approvals): Running when `wait` is true,
/// so the next reconcile tries again (`pollInterval` is accepted and ignored), else fails
/// saying why. Only synchronous merges: no merge queues, as in Kargo.
///
/// `insecureSkipTLSVerify` is accepted but cannot be honoured, as in `git-open-pr`.
public struct GitMergePRStep: PromotionStepRunner {
    public static let name = "git-merge-pr"

    let transport: any HTTPTransport

    public init() { self.init(transport: PullRequestAccess.sharedTransport) }

    /// For tests: a transport of their own.
    public init(transport: any HTTPTransport) { self.transport = transport }

    struct Config: Decodable {
        var repoURL: String
        var provider: String?
        var insecureSkipTLSVerify: Bool?
        var prNumber: Int
        var mergeMethod: String?
        var wait: Bool?
        var pollInterval: String?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let provider = try PullRequestAccess.provider(repoURL: config.repoURL, provider: config.provider, context: context,
                                                      transport: transport, step: Self.name)
        let method: String?
        do throws(GitHostingError) {
            method = try provider.kind.mergeMethod(config.mergeMethod)
        } catch {
            throw .terminal("\(Self.name): \(error)")
        }
        let wait = config.wait ?? false
        let noun = provider.kind.pullRequestNoun
        let pullRequest = try await PullRequestAccess.call(Self.name) { () async throws(GitHostingError) in
            try await provider.pullRequest(config.prNumber)
        }
        if pullRequest.isMerged { return Self.merged(pullRequest, noun: noun, already: true) }
        guard pullRequest.isOpen else {
            throw .terminal("\(Self.name): \(noun) #\(pullRequest.number) was closed without being merged: \(pullRequest.url)")
        }
        // nil is "not worked out yet" (or a protection an admin token may bypass): the merge
        // call decides.
        if pullRequest.mergeable == false {
            return try Self.notMergeable(pullRequest, reason: pullRequest.mergeBlocker ?? "not mergeable", wait: wait,
                                         noun: noun)
        }
        let merged: PullRequest
        do throws(GitHostingError) {
            merged = try await provider.merge(pullRequest, method: method)
        } catch {
            if case .notMergeable(_, _, let message) = error {
                return try Self.notMergeable(pullRequest, reason: message, wait: wait, noun: noun)
            }
            throw PullRequestAccess.stepError(error, step: Self.name)
        }
        return Self.merged(merged, noun: noun, already: false)
    }

    private static func merged(_ pullRequest: PullRequest, noun: String, already: Bool) -> StepResult {
        var output: [String: JSONValue] = [:]
        if let commit = pullRequest.mergeCommitSHA { output["commit"] = .string(commit) }
        let verb = already ? "was already merged" : "merged"
        return StepResult(output: output, message: "\(noun) #\(pullRequest.number) \(verb)"
                          + (pullRequest.mergeCommitSHA.map { " as \($0)" } ?? "") + ": \(pullRequest.url)")
    }

    private static func notMergeable(_ pullRequest: PullRequest, reason: String, wait: Bool, noun: String)
        throws(StepError) -> StepResult {
        guard wait else {
            throw .terminal("\(name): \(noun) #\(pullRequest.number) cannot be merged now (\(reason)): \(pullRequest.url); "
                            + "set `wait: true` to wait until it can")
        }
        return StepResult(status: .running,
                          message: "waiting for \(noun) #\(pullRequest.number) (\(pullRequest.url)) to become mergeable: \(reason)")
    }
}
