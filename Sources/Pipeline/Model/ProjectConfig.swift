/// Project-wide settings; Freightline reads its `promotionPolicies` (which Stages auto-promote)
/// and `promotionWindows`, and loads the rest unchanged.
public struct ProjectConfig: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ProjectConfigSpec?
    public var status: ProjectConfigStatus?

    public init(
        apiVersion: String = KargoKind.projectConfig.apiVersion,
        kind: String = KargoKind.projectConfig.rawValue,
        metadata: ObjectMeta,
        spec: ProjectConfigSpec? = nil,
        status: ProjectConfigStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .projectConfig }
}

/// The settings of a ProjectConfig.
public struct ProjectConfigSpec: Codable, Sendable, Hashable {
    public var promotionPolicies: [PromotionPolicy]?
    public var promotionWindows: [PromotionWindow]?
    public var webhookReceivers: [WebhookReceiverConfig]?
    public var freightLinks: [DeepLink]?
    public var stageLinks: [DeepLink]?

    public init(
        promotionPolicies: [PromotionPolicy]? = nil,
        promotionWindows: [PromotionWindow]? = nil,
        webhookReceivers: [WebhookReceiverConfig]? = nil,
        freightLinks: [DeepLink]? = nil,
        stageLinks: [DeepLink]? = nil
    ) {
        self.promotionPolicies = promotionPolicies
        self.promotionWindows = promotionWindows
        self.webhookReceivers = webhookReceivers
        self.freightLinks = freightLinks
        self.stageLinks = stageLinks
    }
}

/// Observed state of a ProjectConfig.
public struct ProjectConfigStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var observedGeneration: Int64?
    public var lastHandledRefresh: String?
    public var webhookReceivers: [WebhookReceiverDetails]?
}
