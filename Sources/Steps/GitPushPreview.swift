import GitStore
import Pipeline

/// What `git-push` would do, without contacting the remote: the branch and the commit it
/// would push, and the unified diff from what the remote branch holds now (as last
/// fetched into the work tree) to that commit. `plan --diff` and `reconcile --dry-run`
/// run it in place of the push, so later steps still see `outputs.<alias>.branch` and
/// `.commit`, and the user's remote is never written.
public struct GitPushPreview: Sendable, Hashable {
    public var branch: String
    public var commit: String
    /// The unified diff the push would bring to `branch` (empty when it brings nothing).
    public var patch: String
    /// Whether `branch` does not exist on the remote yet.
    public var newBranch: Bool

    /// Reads the preview from the work tree a `git-push` config names.
    public static func make(config: JSONValue, context: StepContext) throws(StepError) -> GitPushPreview {
        let config = try StepConfig.decode(GitPushStep.Config.self, from: config, step: GitPushStep.name)
        let target = try GitPushStep.targetBranch(config, promotion: context.promotion)
        let repository = try GitWorkTreeAccess.open(config.path, context: context, step: GitPushStep.name)
        guard let head = try GitWorkTreeAccess.call(GitPushStep.name, { () throws(GitError) in try repository.headCommit() }) else {
            throw .terminal("git-push: nothing is committed in \(config.path); there is nothing to push")
        }
        return try GitWorkTreeAccess.call(GitPushStep.name) { () throws(GitError) in
            let current = try repository.currentBranch()
            let branch = target ?? current ?? "HEAD"
            let remote = repository.remoteTrackingCommit(branch)
            let base = remote ?? current.flatMap { repository.remoteTrackingCommit($0) }
            let patch = base == head ? "" : try repository.patch(from: base, to: head)
            return GitPushPreview(branch: branch, commit: head.hex, patch: patch, newBranch: remote == nil)
        }
    }

    /// The step outputs a real push would give.
    public var output: [String: JSONValue] {
        ["branch": .string(branch), "commit": .string(commit), "dryRun": .bool(true)]
    }

    /// "would push main at 1a2b3c4 (2 files changed)".
    public var summary: String {
        let files = patch.split(separator: "\n").filter { $0.hasPrefix("diff --git ") }.count
        let change = files == 0 ? "no changes" : "\(files) file\(files == 1 ? "" : "s") changed"
        return "would push \(newBranch ? "new branch " : "")\(branch) at \(commit.prefix(7)) (\(change))"
    }
}
