import Expressions
import Pipeline

/// The working copy of a Promotion's status during one run: per-step metadata, outputs
/// (kept unredacted in memory so later steps of this run read real values) and pending
/// state changes. `status(...)` renders it as it is recorded, secrets masked.
struct PromotionProgress: Sendable {
    var steps: [PromotionStep]
    var metadata: [StepExecutionMetadata]
    var outputs: [String: JSONValue]
    var changes = PromotionStateChanges()
    var startedAt: Timestamp
    /// Fields the engine does not own (freight, healthChecks, lastHandledRefresh), kept.
    var base: PromotionStatus
    /// Health checks registered by the steps that succeeded (kept across runs in
    /// `status.healthChecks`, so a step finished in an earlier run still counts).
    var healthChecks: [HealthCheckStep]

    init(promotion: Promotion, now: Timestamp) {
        let status = promotion.status ?? PromotionStatus()
        steps = promotion.spec.steps ?? []
        metadata = status.stepExecutionMetadata ?? []
        outputs = status.state?.objectValue ?? [:]
        startedAt = status.startedAt ?? now
        base = status
        healthChecks = status.healthChecks ?? []
    }

    /// The alias of step `index`: its `as`, or Kargo's default for a step never expanded.
    func alias(of index: Int) -> String {
        steps[index].as ?? StepAlias.of(steps[index], at: index)
    }

    /// Makes sure step `index` has a metadata entry (a status written by an older run or
    /// by hand may list fewer).
    mutating func ensureMetadata(upTo index: Int) {
        while metadata.count <= index {
            metadata.append(StepExecutionMetadata(alias: alias(of: metadata.count)))
        }
    }

    /// What `success()`, `failure()` and `status()` see at step `index`.
    func executions(before index: Int) -> [StepExecution] {
        metadata.prefix(index).compactMap { meta in
            guard let alias = meta.alias, let status = meta.status else { return nil }
            return StepExecution(alias: alias, status: status.rawValue, continueOnError: meta.continueOnError == true)
        }
    }

    /// Whether step `index` already ended in an earlier run (a crash after its end but
    /// before the next step was recorded): it must not run twice.
    func hasEnded(_ index: Int) -> Bool {
        guard index < metadata.count, metadata[index].finishedAt != nil, let status = metadata[index].status else {
            return false
        }
        return status != .running
    }

    func status(
        phase: PromotionPhase, message: String?, currentStep: Int, finishedAt: Timestamp?, redaction: SecretRedaction
    ) -> PromotionStatus {
        var status = base
        status.phase = phase
        status.message = message.map(redaction.redact)
        status.currentStep = Int64(currentStep)
        status.stepExecutionMetadata = metadata
        status.state = outputs.isEmpty ? nil : redaction.redact(.object(outputs))
        status.startedAt = startedAt
        status.finishedAt = finishedAt
        status.healthChecks = healthChecks.isEmpty ? nil : healthChecks
        return status
    }
}
