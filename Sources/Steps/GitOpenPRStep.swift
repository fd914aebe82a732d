import GitHosting
import HTTPSupport
import Pipeline

/// `git-open-pr`: opens a pull request (GitLab: merge request) from `sourceBranch` into
/// `targetBranch` on GitHub, GitLab or Gitea, or reuses the one already open for those
/// branches, so a promotion that runs again never opens a second. Skipped when the provider
/// finds no changes between the branches. Outputs `pr.id`, `pr.url`, and `prNumber` for
/// configs written against older Kargo versions.
///
/// `insecureSkipTLSVerify` is accepted but cannot be honoured (as in `http`): `URLSession`
/// on Linux always verifies certificates. `createTargetBranch` is a no-op, as in Kargo.
public struct GitOpenPRStep: PromotionStepRunner {
    public static let name = "git-open-pr"

    let transport: any HTTPTransport

    public init() { self.init(transport: PullRequestAccess.sharedTransport) }

    /// For tests: a transport of their own.
    public init(transport: any HTTPTransport) { self.transport = transport }

    struct Config: Decodable {
        var repoURL: String
        var provider: String?
        var insecureSkipTLSVerify: Bool?
        var sourceBranch: String
        var targetBranch: String
        var createTargetBranch: Bool?
        var title: String?
        var description: String?
        var labels: [String]?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let source = config.sourceBranch
        let target = config.targetBranch
        guard source != target else {
            throw .terminal("\(Self.name): `sourceBranch` and `targetBranch` are both \(source)")
        }
        let provider = try PullRequestAccess.provider(repoURL: config.repoURL, provider: config.provider, context: context,
                                                      transport: transport, step: Self.name)
        let labels = config.labels ?? []
        let noun = provider.kind.pullRequestNoun

        let existing = try await PullRequestAccess.call(Self.name) { () async throws(GitHostingError) in
            try await provider.openPullRequest(from: source, into: target)
        }
        if let existing {
            let missing = labels.filter { !existing.labels.contains($0) }
            try await PullRequestAccess.call(Self.name) { () async throws(GitHostingError) in
                try await provider.addLabels(missing, to: existing.number)
            }
            return Self.result(existing, message: "reusing the open \(noun) #\(existing.number) from \(source) into \(target): \(existing.url)")
        }

        let title = config.title.flatMap { $0.isEmpty ? nil : $0 }
            ?? PromotionPullRequestText.title(freight: context.targetFreight, stage: context.stage, sourceBranch: source)
        let description = config.description.flatMap { $0.isEmpty ? nil : $0 }
            ?? PromotionPullRequestText.description(freight: context.targetFreight, stage: context.stage,
                                                    project: context.project, promotion: context.promotion)
        let created: PullRequest
        do throws(GitHostingError) {
            created = try await provider.createPullRequest(from: source, into: target, title: title,
                                                           description: description, labels: labels)
        } catch {
            if case .noChanges = error {
                return StepResult(status: .skipped,
                                  message: "no changes between \(source) and \(target); no \(noun) opened")
            }
            throw PullRequestAccess.stepError(error, step: Self.name)
        }
        return Self.result(created, message: "opened \(noun) #\(created.number): \(created.url)")
    }

    private static func result(_ pullRequest: PullRequest, message: String) -> StepResult {
        StepResult(output: ["pr": PullRequestAccess.output(pullRequest), "prNumber": .int(Int64(pullRequest.number))],
                   message: message)
    }
}
