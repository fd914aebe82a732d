import Foundation
import Pipeline
import Steps

/// Stands in for steps that write to a remote during `reconcile --dry-run` and
/// `plan --diff`: nothing leaves the machine, and the step says what it would have done.
/// A `git-push` is previewed from its work tree (branch, commit and the diff it would
/// push), so later steps still get its outputs.
struct RemoteWriteRecorder: PromotionStepRunner {
    static let name = "dry-run-recorder"
    /// The steps replaced in a dry run.
    /// The steps replaced in a dry run: every step that writes to a remote, and the ones
    /// that wait on what those writes would have started.
    static let recorded: Set<String> = [
        "git-push", "git-tag", "git-open-pr", "git-wait-for-pr", "git-merge-pr", "argocd-update", "argocd-wait", "http",
    ]

    let uses: String
    /// Where the would-be writes are collected (nil: only the step message says it).
    let log: RemoteWriteLog?

    init() { self.init(uses: Self.name) }

    init(uses: String, log: RemoteWriteLog? = nil) {
        self.uses = uses
        self.log = log
    }

    func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        if uses == "git-push" {
            let preview = try GitPushPreview.make(config: config, context: context)
            log?.append(RemoteWrite(step: uses, summary: preview.summary, patch: preview.patch))
            return StepResult(output: preview.output, message: "dry run: \(preview.summary)")
        }
        let summary = RemoteWriteDescription.summary(uses: uses, config: config)
        log?.append(RemoteWrite(step: uses, summary: summary, patch: nil))
        return StepResult(output: RemoteWriteDescription.output(uses: uses, config: config), message: "dry run: \(summary)")
    }
}

/// One write a dry run did not make.
struct RemoteWrite: Sendable, Hashable, Codable {
    var step: String
    var summary: String
    /// For a push: the unified diff it would bring.
    var patch: String?
}

/// The writes one promotion's dry run would have made, in order.
final class RemoteWriteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [RemoteWrite] = []

    func append(_ write: RemoteWrite) { lock.withLock { entries.append(write) } }
    var writes: [RemoteWrite] { lock.withLock { entries } }
}
