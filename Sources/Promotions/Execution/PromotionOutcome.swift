import Pipeline

/// The result of one `PromotionEngine.run`: the Promotion's new status and the Stage and
/// Freight changes its state steps asked for. The caller commits both together, also when
/// the phase is still Running (a resumed run starts from state that already holds them).
public struct PromotionOutcome: Sendable, Hashable {
    /// Phase, message, currentStep, per-step metadata, `state` (outputs, secrets redacted),
    /// startedAt and finishedAt.
    public var status: PromotionStatus
    /// Why the Promotion is still Running; nil once it reached a final phase.
    public var waiting: PromotionWait?
    /// Stage name → metadata keys set by `set-metadata`.
    public var stageMetadataUpdates: [String: [String: JSONValue]]
    /// Freight name → metadata keys set by `set-metadata`.
    public var freightMetadataUpdates: [String: [String: JSONValue]]
    /// Freight name → alias set by `set-freight-alias`.
    public var freightAliasUpdates: [String: String]

    public init(
        status: PromotionStatus,
        waiting: PromotionWait? = nil,
        changes: PromotionStateChanges = PromotionStateChanges()
    ) {
        self.status = status
        self.waiting = waiting
        self.stageMetadataUpdates = changes.stageMetadata
        self.freightMetadataUpdates = changes.freightMetadata
        self.freightAliasUpdates = changes.freightAliases
    }

    public var phase: PromotionPhase { status.phase ?? .running }

    /// Succeeded, Failed, Errored or Aborted: nothing left to run.
    public var isFinal: Bool { phase != .running && phase != .pending }

    /// The same, in Pipeline's terms, for `PromotionRecord.apply`.
    public var result: PromotionResult {
        PromotionResult(status: status, stageMetadata: stageMetadataUpdates, freightMetadata: freightMetadataUpdates,
                        freightAliases: freightAliasUpdates)
    }
}

/// Why a Promotion stays Running after a run; the next run resumes at `status.currentStep`.
public enum PromotionWait: Sendable, Hashable {
    /// The step reported it is waiting on something outside (a pull request, a sync).
    case stepRunning(alias: String)
    /// The step hit a retryable error; `errorCount` of `errorThreshold` attempts used.
    case retrying(alias: String, errorCount: UInt32, errorThreshold: UInt32)
}
