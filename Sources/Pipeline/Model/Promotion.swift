/// A Promotion: one attempt to move Freight into a Stage by running its steps. Its status
/// records progress, per-step results and outputs so an interrupted run can resume.
public struct Promotion: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: PromotionSpec
    public var status: PromotionStatus?

    public init(
        apiVersion: String = KargoKind.promotion.apiVersion,
        kind: String = KargoKind.promotion.rawValue,
        metadata: ObjectMeta,
        spec: PromotionSpec,
        status: PromotionStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .promotion }
}

/// The Stage, Freight and fully expanded steps of a Promotion.
public struct PromotionSpec: Codable, Sendable, Hashable {
    public var stage: String
    public var freight: String?
    public var origin: FreightOrigin?
    public var target: String?
    public var vars: [PromotionVariable]?
    public var steps: [PromotionStep]?

    public init(
        stage: String,
        freight: String? = nil,
        origin: FreightOrigin? = nil,
        target: String? = nil,
        vars: [PromotionVariable]? = nil,
        steps: [PromotionStep]? = nil
    ) {
        self.stage = stage
        self.freight = freight
        self.origin = origin
        self.target = target
        self.vars = vars
        self.steps = steps
    }
}

/// Progress of a Promotion; `state` holds the steps' outputs, `currentStep` the index to run next.
public struct PromotionStatus: Codable, Sendable, Hashable {
    public var lastHandledRefresh: String?
    public var phase: PromotionPhase?
    public var message: String?
    public var freight: FreightReference?
    public var freightCollection: FreightCollection?
    public var healthChecks: [HealthCheckStep]?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var currentStep: Int64?
    public var stepExecutionMetadata: [StepExecutionMetadata]?
    public var state: JSONValue?

    public init(
        lastHandledRefresh: String? = nil,
        phase: PromotionPhase? = nil,
        message: String? = nil,
        freight: FreightReference? = nil,
        freightCollection: FreightCollection? = nil,
        healthChecks: [HealthCheckStep]? = nil,
        startedAt: Timestamp? = nil,
        finishedAt: Timestamp? = nil,
        currentStep: Int64? = nil,
        stepExecutionMetadata: [StepExecutionMetadata]? = nil,
        state: JSONValue? = nil
    ) {
        self.lastHandledRefresh = lastHandledRefresh
        self.phase = phase
        self.message = message
        self.freight = freight
        self.freightCollection = freightCollection
        self.healthChecks = healthChecks
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.currentStep = currentStep
        self.stepExecutionMetadata = stepExecutionMetadata
        self.state = state
    }
}

/// Where a Promotion is in its life.
public enum PromotionPhase: String, Codable, Sendable, CaseIterable {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case errored = "Errored"
    case aborted = "Aborted"
}

/// How one step of a Promotion went: timing, error count and outcome.
public struct StepExecutionMetadata: Codable, Sendable, Hashable {
    public var alias: String?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var errorCount: UInt32?
    public var status: PromotionStepStatus?
    public var message: String?
    public var continueOnError: Bool?

    public init(
        alias: String? = nil,
        startedAt: Timestamp? = nil,
        finishedAt: Timestamp? = nil,
        errorCount: UInt32? = nil,
        status: PromotionStepStatus? = nil,
        message: String? = nil,
        continueOnError: Bool? = nil
    ) {
        self.alias = alias
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.errorCount = errorCount
        self.status = status
        self.message = message
        self.continueOnError = continueOnError
    }
}

/// The outcome (or progress) of one promotion step.
public enum PromotionStepStatus: String, Codable, Sendable, CaseIterable {
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case errored = "Errored"
    case aborted = "Aborted"
    case skipped = "Skipped"
}

/// A health check a successful step registers for its Stage.
public struct HealthCheckStep: Codable, Sendable, Hashable {
    public var uses: String?
    public var config: JSONValue?

    public init(uses: String? = nil, config: JSONValue? = nil) {
        self.uses = uses
        self.config = config
    }
}

/// A Promotion as remembered by a Stage: its name, Freight and final status.
public struct PromotionReference: Codable, Sendable, Hashable {
    public var name: String
    public var freight: FreightReference?
    public var status: PromotionStatus?
    public var finishedAt: Timestamp?

    public init(
        name: String,
        freight: FreightReference? = nil,
        status: PromotionStatus? = nil,
        finishedAt: Timestamp? = nil
    ) {
        self.name = name
        self.freight = freight
        self.status = status
        self.finishedAt = finishedAt
    }
}
