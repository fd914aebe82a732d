import Foundation
import GitStore
import Pipeline
import Reconciler

/// `plan --diff`: runs every promotion the plan would start, for real, in a scratch work
/// folder, with each remote write (push, tag, PR, Argo CD, HTTP) held back and recorded,
/// so the pull request shows the exact manifest diffs. The repositories are only read
/// (cloned or fetched into the cache); nothing is pushed and no state is written.
struct PlanDiffRunner {
    var config: KargoConfig
    var credentials: CredentialStore
    var cacheRoot: String
    var now: Timestamp

    func run(_ plan: Plan, state: PipelineState) async -> [StageDiff] {
        let workRoot = NSTemporaryDirectory() + "freightline-plan-diff-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: workRoot) }
        let expander = StepsExecutor(config: config, workRoot: workRoot, keepWork: false, credentials: credentials,
                                     gitCache: GitCache(root: cacheRoot), now: now, dryRun: true,
                                     hooks: TestHooks(environment: [:]))
        var scratch = state
        let claims = PromotionClaims(holder: "plan-diff", now: now, leaseDuration: GoDuration(nanoseconds: 600_000_000_000),
                                     steps: expander.expandSteps).claim(plan, config: config, state: &scratch)
        var diffs: [StageDiff] = []
        for claim in claims {
            guard let promotion = scratch.promotions.first(where: {
                $0.metadata.namespace == claim.project && $0.metadata.name == claim.promotion
            }), let stage = config.stages(in: claim.project).first(where: { $0.metadata.name == claim.stage }) else { continue }
            var executor = expander
            let log = RemoteWriteLog()
            executor.writeLog = log
            let result = await executor.execute(promotion, stage: stage, project: claim.project, config: config, state: scratch)
            let alias = scratch.freight(in: claim.project, named: claim.freight)?.alias
                ?? FreightAlias.assign(scratch.freight(in: claim.project))[claim.freight] ?? String(claim.freight.prefix(7))
            diffs.append(StageDiff(project: claim.project, stage: claim.stage, freight: claim.freight, alias: alias,
                                   phase: (result.status.phase ?? .running).rawValue, message: result.status.message,
                                   writes: log.writes))
        }
        return diffs
    }
}
