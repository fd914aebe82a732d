import Pipeline
import Steps

/// Stands in for steps that write to a remote during `--dry-run`: it succeeds without
/// touching anything and says what the real step would have done.
struct RemoteWriteRecorder: PromotionStepRunner {
    static let name = "dry-run-recorder"
    /// The steps replaced in a dry run.
    static let recorded: Set<String> = ["git-push", "git-tag", "git-open-pr", "git-merge-pr", "argocd-update", "http"]

    let uses: String

    init() { uses = Self.name }
    init(uses: String) { self.uses = uses }

    func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        var target = ""
        if case .object(let fields) = config {
            for key in ["targetBranch", "tag", "url", "path"] {
                if case .string(let value)? = fields[key] { target = " (\(key) \(value))"; break }
            }
        }
        return StepResult(output: ["dryRun": .bool(true)], message: "dry run: `\(uses)` not performed\(target)")
    }
}
