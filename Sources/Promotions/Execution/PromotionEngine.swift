import ArgoCD
import Expressions
import GitHosting
import GitStore
import Pipeline
import Steps

/// Runs one Promotion's steps, as Kargo's promotion controller does, in a single pass: from
/// `status.currentStep` with `status.state` restored, each step's `if`, `vars` and
/// `config` are evaluated, the config is checked against the step's schema, the step runs,
/// and its result is recorded. A step that waits (returns Running) or hits a retryable
/// error below its threshold leaves the Promotion Running at that step; the next run
/// resumes there. The engine reads no clock, file or network of its own: all of it comes
/// in through the environment, the clock and the runners.
public struct PromotionEngine: Sendable {
    public typealias RunnerLookup = @Sendable (String) -> (any StepRunning)?

    public var clock: @Sendable () -> Timestamp
    /// The runner for a `uses` name; `set-metadata` and `set-freight-alias` are performed by
    /// the engine and never looked up.
    public var runner: RunnerLookup
    /// A step's own retry defaults (Kargo's system default: threshold 1, no timeout).
    public var retryDefaults: @Sendable (String) -> StepRetryDefaults
    /// Called before each step starts and after it ends.
    public var stepBoundary: @Sendable (StepBoundaryEvent) async -> Void
    /// Credentials for a Git remote URL, passed to the steps (never to expressions).
    public var gitCredentials: @Sendable (String) -> GitCredentials?
    /// The run's cache clones, handed to steps (see `StepContext.gitCache`).
    public var gitCache: GitCache?
    /// Token and API of a repository's hosting provider, for the pull-request steps.
    public var gitHosting: @Sendable (String) -> GitHostingAccess?
    /// The Argo CD server for the `argocd-*` steps, nil when none is configured.
    public var argoCD: ArgoCDAccess?

    public init(
        clock: @escaping @Sendable () -> Timestamp,
        runner: @escaping RunnerLookup = { StepRegistry.runner(named: $0) },
        retryDefaults: @escaping @Sendable (String) -> StepRetryDefaults = { _ in .system },
        stepBoundary: @escaping @Sendable (StepBoundaryEvent) async -> Void = { _ in },
        gitCredentials: @escaping @Sendable (String) -> GitCredentials? = { _ in nil },
        gitCache: GitCache? = nil,
        gitHosting: @escaping @Sendable (String) -> GitHostingAccess? = { _ in nil },
        argoCD: ArgoCDAccess? = nil
    ) {
        self.clock = clock
        self.runner = runner
        self.retryDefaults = retryDefaults
        self.stepBoundary = stepBoundary
        self.gitCredentials = gitCredentials
        self.gitCache = gitCache
        self.gitHosting = gitHosting
        self.argoCD = argoCD
    }

    /// Runs `promotion` (whose `spec.steps` are already expanded, see `PromotionExpansion`)
    /// as far as it can go now. A Promotion already in a final phase is returned unchanged.
    public func run(_ promotion: Promotion, in environment: PromotionEnvironment) async -> PromotionOutcome {
        if let phase = promotion.status?.phase, phase != .running, phase != .pending {
            return PromotionOutcome(status: promotion.status ?? PromotionStatus())
        }
        let redaction = SecretRedaction(secrets: environment.secrets, values: environment.maskedValues)
        var progress = PromotionProgress(promotion: promotion, now: clock())
        let scope = StepExpressionScope(
            environment: environment, promotionName: promotion.metadata.name, freightName: promotion.spec.freight,
            clock: clock)
        let run = StepRun(
            engine: self, scope: scope, redaction: redaction,
            promotionVars: promotion.spec.vars ?? PromotionExpansion.variables(for: environment.stage))

        let start = max(0, Int(promotion.status?.currentStep ?? 0))
        for index in progress.steps.indices where index >= start {
            progress.ensureMetadata(upTo: index)
            if progress.hasEnded(index) { continue }
            let alias = progress.alias(of: index)
            let uses = progress.steps[index].uses ?? ""
            await stepBoundary(StepBoundaryEvent(
                moment: .willStart, index: index, alias: alias, uses: uses, stepStatus: progress.metadata[index].status,
                promotionStatus: progress.status(
                    phase: .running, message: nil, currentStep: index, finishedAt: nil, redaction: redaction)))
            let wait = await run.step(index, progress: &progress)
            await stepBoundary(StepBoundaryEvent(
                moment: .didEnd, index: index, alias: alias, uses: uses, stepStatus: progress.metadata[index].status,
                promotionStatus: progress.status(
                    phase: .running, message: nil, currentStep: index, finishedAt: nil, redaction: redaction)))
            if let wait {
                let status = progress.status(
                    phase: .running, message: progress.metadata[index].message, currentStep: index, finishedAt: nil,
                    redaction: redaction)
                return PromotionOutcome(status: status, waiting: wait, changes: progress.changes)
            }
        }

        let (phase, message) = PromotionFinalPhase.decide(progress.metadata)
        let status = progress.status(
            phase: phase, message: message, currentStep: max(progress.steps.count - 1, 0), finishedAt: clock(),
            redaction: redaction)
        return PromotionOutcome(status: status, changes: progress.changes)
    }
}
