/// Cluster-wide settings shared by every Project: the Git identity for commits, promotion
/// windows and webhook receivers.
public struct ClusterConfig: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ClusterConfigSpec?
    public var status: ClusterConfigStatus?

    public init(
        apiVersion: String = KargoKind.clusterConfig.apiVersion,
        kind: String = KargoKind.clusterConfig.rawValue,
        metadata: ObjectMeta,
        spec: ClusterConfigSpec? = nil,
        status: ClusterConfigStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .clusterConfig }
}

/// The settings of a ClusterConfig.
public struct ClusterConfigSpec: Codable, Sendable, Hashable {
    public var gitClient: GitClientConfig?
    public var promotionWindows: [PromotionWindow]?
    public var webhookReceivers: [WebhookReceiverConfig]?
    public var freightLinks: [DeepLink]?
    public var stageLinks: [DeepLink]?

    public init(
        gitClient: GitClientConfig? = nil,
        promotionWindows: [PromotionWindow]? = nil,
        webhookReceivers: [WebhookReceiverConfig]? = nil,
        freightLinks: [DeepLink]? = nil,
        stageLinks: [DeepLink]? = nil
    ) {
        self.gitClient = gitClient
        self.promotionWindows = promotionWindows
        self.webhookReceivers = webhookReceivers
        self.freightLinks = freightLinks
        self.stageLinks = stageLinks
    }
}

/// The author identity (and optional signing key Secret) used for commits made by promotion steps.
public struct GitClientConfig: Codable, Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var signingKeySecret: LocalObjectReference?

    public init(
        name: String? = nil,
        email: String? = nil,
        signingKeySecret: LocalObjectReference? = nil
    ) {
        self.name = name
        self.email = email
        self.signingKeySecret = signingKeySecret
    }
}

/// Observed state of a ClusterConfig.
public struct ClusterConfigStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var observedGeneration: Int64?
    public var lastHandledRefresh: String?
    public var webhookReceivers: [WebhookReceiverDetails]?
}
