import GitStore
import Pipeline

/// `git-tag`: tags HEAD of a work tree (annotated with `message`, as Kargo
/// does; lightweight without one). Outputs `tag` and `commit` (the tagged
/// commit). A tag already on HEAD is kept, so repeating the step is a no-op.
public struct GitTagStep: PromotionStepRunner {
    public static let name = "git-tag"
    public init() {}

    struct Config: Decodable {
        var path: String
        var tag: String
        var message: String?
        var force: Bool?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard !config.tag.isEmpty else { throw .terminal("git-tag: `tag` is empty") }
        let repository = try GitWorkTreeAccess.open(config.path, context: context, step: Self.name)
        let tagger = try GitWorkTreeAccess.signature(nil, repository: repository, now: context.now, step: Self.name)
        let message = config.message.flatMap { $0.isEmpty ? nil : $0 }
        let commit = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
            try repository.createTag(config.tag, message: message, tagger: tagger, force: config.force ?? false)
        }
        return StepResult(output: ["tag": .string(config.tag), "commit": .string(commit.hex)])
    }
}
