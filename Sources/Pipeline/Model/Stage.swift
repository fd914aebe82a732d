/// A Stage: one node of the delivery pipeline. It requests Freight from origins or upstream Stages,
/// promotes it with its promotion template and verifies it.
public struct Stage: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: StageSpec
    public var status: StageStatus?

    public init(
        apiVersion: String = KargoKind.stage.apiVersion,
        kind: String = KargoKind.stage.rawValue,
        metadata: ObjectMeta,
        spec: StageSpec,
        status: StageStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .stage }
}

/// What a Stage accepts (`requestedFreight`), how it promotes and how it verifies.
public struct StageSpec: Codable, Sendable, Hashable {
    public var shard: String?
    public var vars: [PromotionVariable]?
    public var requestedFreight: [RequestedFreight]?
    public var promotionTemplate: PromotionTemplate?
    public var verification: Verification?
    public var targets: StageTargets?

    public init(
        shard: String? = nil,
        vars: [PromotionVariable]? = nil,
        requestedFreight: [RequestedFreight]? = nil,
        promotionTemplate: PromotionTemplate? = nil,
        verification: Verification? = nil,
        targets: StageTargets? = nil
    ) {
        self.shard = shard
        self.vars = vars
        self.requestedFreight = requestedFreight
        self.promotionTemplate = promotionTemplate
        self.verification = verification
        self.targets = targets
    }
}

/// Label selectors for the deployment targets a Stage manages.
public struct StageTargets: Codable, Sendable, Hashable {
    public var selectors: [LabelSelector]?

    public init(selectors: [LabelSelector]? = nil) {
        self.selectors = selectors
    }
}

/// A Stage's state: the Freight it held (newest first, with verification history), health and
/// promotions. Freightline keeps it in the state ref.
public struct StageStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var lastHandledRefresh: String?
    public var freightHistory: FreightHistory?
    public var freightSummary: String?
    public var health: Health?
    public var observedGeneration: Int64?
    public var currentPromotion: PromotionReference?
    public var lastPromotion: PromotionReference?
    public var currentPromotionRequest: PromotionRequestReference?
    public var lastPromotionRequest: PromotionRequestReference?
    public var autoPromotionEnabled: Bool?
    public var promotionWindowStatus: PromotionWindowStatus?
    public var metadata: [String: JSONValue]?
    public var autoPromotionHolds: [String: AutoPromotionHold]?
    public var effectiveAutoPromotionHolds: [String: AutoPromotionHold]?

    public init(
        conditions: [Condition]? = nil,
        lastHandledRefresh: String? = nil,
        freightHistory: FreightHistory? = nil,
        freightSummary: String? = nil,
        health: Health? = nil,
        observedGeneration: Int64? = nil,
        currentPromotion: PromotionReference? = nil,
        lastPromotion: PromotionReference? = nil,
        currentPromotionRequest: PromotionRequestReference? = nil,
        lastPromotionRequest: PromotionRequestReference? = nil,
        autoPromotionEnabled: Bool? = nil,
        promotionWindowStatus: PromotionWindowStatus? = nil,
        metadata: [String: JSONValue]? = nil,
        autoPromotionHolds: [String: AutoPromotionHold]? = nil,
        effectiveAutoPromotionHolds: [String: AutoPromotionHold]? = nil
    ) {
        self.conditions = conditions
        self.lastHandledRefresh = lastHandledRefresh
        self.freightHistory = freightHistory
        self.freightSummary = freightSummary
        self.health = health
        self.observedGeneration = observedGeneration
        self.currentPromotion = currentPromotion
        self.lastPromotion = lastPromotion
        self.currentPromotionRequest = currentPromotionRequest
        self.lastPromotionRequest = lastPromotionRequest
        self.autoPromotionEnabled = autoPromotionEnabled
        self.promotionWindowStatus = promotionWindowStatus
        self.metadata = metadata
        self.autoPromotionHolds = autoPromotionHolds
        self.effectiveAutoPromotionHolds = effectiveAutoPromotionHolds
    }
}

/// Keeps auto-promotion from replacing the named Freight of one origin.
public struct AutoPromotionHold: Codable, Sendable, Hashable {
    public var freightName: String
    public var origin: FreightOrigin
    public var promotionName: String?
    public var actor: String?
    public var createdAt: Timestamp?
    /// Freightline extension: why a person held the Stage (`freightline hold --reason`).
    public var reason: String?

    public init(
        freightName: String,
        origin: FreightOrigin,
        promotionName: String? = nil,
        actor: String? = nil,
        createdAt: Timestamp? = nil,
        reason: String? = nil
    ) {
        self.freightName = freightName
        self.origin = origin
        self.promotionName = promotionName
        self.actor = actor
        self.createdAt = createdAt
        self.reason = reason
    }
}

/// A Stage's health as last assessed; `config` and `output` belong to the health checks.
public struct Health: Codable, Sendable, Hashable {
    public var status: HealthState?
    public var issues: [String]?
    public var config: JSONValue?
    public var output: JSONValue?

    public init(
        status: HealthState? = nil,
        issues: [String]? = nil,
        config: JSONValue? = nil,
        output: JSONValue? = nil
    ) {
        self.status = status
        self.issues = issues
        self.config = config
        self.output = output
    }
}

/// The health of a Stage.
public enum HealthState: String, Codable, Sendable, CaseIterable {
    case healthy = "Healthy"
    case notApplicable = "NotApplicable"
    case progressing = "Progressing"
    case unknown = "Unknown"
    case unhealthy = "Unhealthy"
}

/// A promotion request a Stage is handling or last handled.
public struct PromotionRequestReference: Codable, Sendable, Hashable {
    public var name: String
    public var freight: PromotionRequestFreightReference?
    public var phase: String?
    public var finishedAt: Timestamp?

    public init(
        name: String,
        freight: PromotionRequestFreightReference? = nil,
        phase: String? = nil,
        finishedAt: Timestamp? = nil
    ) {
        self.name = name
        self.freight = freight
        self.phase = phase
        self.finishedAt = finishedAt
    }
}

/// The Freight named by a promotion request.
public struct PromotionRequestFreightReference: Codable, Sendable, Hashable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
