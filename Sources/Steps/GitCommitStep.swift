import GitStore
import Pipeline

/// `git-commit`: stages every change in a work tree and commits it on the
/// checked-out branch. Output `commit`: the new commit, or HEAD's when nothing
/// changed (then no commit is made, so repeating the step is a no-op).
public struct GitCommitStep: PromotionStepRunner {
    public static let name = "git-commit"
    public init() {}

    struct Config: Decodable {
        var path: String
        var message: String
        var author: GitWorkTreeAccess.Author?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard !config.message.isEmpty else { throw .terminal("git-commit: `message` is empty") }
        let repository = try GitWorkTreeAccess.open(config.path, context: context, step: Self.name)
        let author = try GitWorkTreeAccess.signature(config.author, repository: repository, now: context.now,
                                                     step: Self.name)
        let (commit, head) = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
            let commit = try repository.commitAll(message: config.message, author: author)
            return (commit, commit == nil ? try repository.headCommit() : commit)
        }
        if let commit {
            return StepResult(output: ["commit": .string(commit.hex)])
        }
        let at = head.map { "HEAD stays at \($0.hex)" } ?? "the branch has no commits yet"
        return StepResult(output: ["commit": .string(head?.hex ?? "")],
                          message: "no changes to commit in \(config.path); \(at)")
    }
}
