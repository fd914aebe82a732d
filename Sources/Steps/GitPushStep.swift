import GitStore
import Pipeline

/// `git-push`: pushes a work tree's HEAD to its branch, to `targetBranch`, or to
/// `kargo/promotion/<promotion>` (`generateTargetBranch`), replaying local
/// commits onto the remote when it moved (up to `maxAttempts`, default 10); or
/// pushes a `tag`. Never forces. Outputs `branch`, `commit`, and `commitURL`
/// when the hosting service is known (`provider`, or inferred from the host);
/// a tag push outputs `tag` and `commit`.
public struct GitPushStep: PromotionStepRunner {
    public static let name = "git-push"
    public init() {}

    struct Config: Decodable {
        var path: String
        var targetBranch: String?
        var generateTargetBranch: Bool?
        var maxAttempts: Int?
        var provider: String?
        var force: Bool?
        var tag: String?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard config.force != true else {
            throw .terminal("git-push: `force` is not supported: Freightline never rewrites a remote branch")
        }
        let target = try Self.targetBranch(config, promotion: context.promotion)
        let tag = config.tag.flatMap { $0.isEmpty ? nil : $0 }
        if tag != nil, target != nil {
            throw .terminal("git-push: `tag` cannot be combined with `targetBranch` or `generateTargetBranch`")
        }
        if let attempts = config.maxAttempts, attempts < 1 {
            throw .terminal("git-push: `maxAttempts` must be at least 1, found \(attempts)")
        }
        let repository = try GitWorkTreeAccess.open(config.path, context: context, step: Self.name)
        let url = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in try repository.originURL() }
        let rawURL = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in try repository.rawOriginURL() }
        let credentials = context.gitCredentials(rawURL)

        if let tag {
            let commit = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
                try repository.pushTag(tag, credentials: credentials)
                return try repository.resolve("refs/tags/" + tag)
            }
            return StepResult(output: ["tag": .string(tag), "commit": .string(commit.hex)])
        }
        let pushed = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
            try repository.pushHead(to: target, credentials: credentials, maxAttempts: config.maxAttempts ?? 10)
        }
        var output: [String: JSONValue] = ["branch": .string(pushed.branch), "commit": .string(pushed.commit.hex)]
        if let link = GitCommitURL.make(repoURL: url, commit: pushed.commit.hex, provider: config.provider) {
            output["commitURL"] = .string(link)
        }
        let message: String? = if pushed.alreadyPresent {
            "\(pushed.branch) already contains \(pushed.commit.hex); nothing pushed"
        } else if pushed.rebased {
            "rebased onto the remote \(pushed.branch) and pushed after \(pushed.attempts) attempts"
        } else { nil }
        return StepResult(output: output, message: message)
    }

    /// The branch named by the config, nil for "the checked-out branch".
    static func targetBranch(_ config: Config, promotion: String) throws(StepError) -> String? {
        let named = config.targetBranch.flatMap { $0.isEmpty ? nil : $0 }
        guard config.generateTargetBranch == true else { return named }
        guard named == nil else {
            throw .terminal("git-push: `generateTargetBranch` and `targetBranch` are mutually exclusive")
        }
        return "kargo/promotion/" + promotion
    }
}
