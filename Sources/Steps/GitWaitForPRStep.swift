import GitHosting
import HTTPSupport
import Pipeline

/// `git-wait-for-pr`: checks once whether pull request `prNumber` is merged. Still open:
/// Running, and the next `freightline reconcile` checks again (so `pollInterval` is accepted
/// and ignored: the reconcile schedule is the poll). Merged: succeeds with the merge commit
/// as `commit` and `pr.{id,url,open,merged}`. Closed without merge: fails for good.
///
/// `insecureSkipTLSVerify` is accepted but cannot be honoured, as in `git-open-pr`.
public struct GitWaitForPRStep: PromotionStepRunner {
    public static let name = "git-wait-for-pr"

    let transport: any HTTPTransport

    public init() { self.init(transport: PullRequestAccess.sharedTransport) }

    /// For tests: a transport of their own.
    public init(transport: any HTTPTransport) { self.transport = transport }

    struct Config: Decodable {
        var repoURL: String
        var provider: String?
        var insecureSkipTLSVerify: Bool?
        var prNumber: Int
        var pollInterval: String?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let provider = try PullRequestAccess.provider(repoURL: config.repoURL, provider: config.provider, context: context,
                                                      transport: transport, step: Self.name)
        let pullRequest = try await PullRequestAccess.call(Self.name) { () async throws(GitHostingError) in
            try await provider.pullRequest(config.prNumber)
        }
        let noun = provider.kind.pullRequestNoun
        if pullRequest.isMerged {
            var output: [String: JSONValue] = ["pr": PullRequestAccess.output(pullRequest, state: true)]
            if let commit = pullRequest.mergeCommitSHA { output["commit"] = .string(commit) }
            return StepResult(output: output, message: "\(noun) #\(pullRequest.number) was merged"
                              + (pullRequest.mergeCommitSHA.map { " as \($0)" } ?? ""))
        }
        guard pullRequest.isOpen else {
            throw .terminal("\(Self.name): \(noun) #\(pullRequest.number) was closed without being merged: \(pullRequest.url)")
        }
        return StepResult(status: .running,
                          message: "waiting for \(noun) #\(pullRequest.number) (\(pullRequest.url)) to be merged")
    }
}
