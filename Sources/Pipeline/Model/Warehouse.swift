/// A Warehouse: subscriptions to Git repositories, image repositories and Helm charts. Each new
/// combination of discovered artifact versions becomes Freight.
public struct Warehouse: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: WarehouseSpec
    public var status: WarehouseStatus?

    public init(
        apiVersion: String = KargoKind.warehouse.apiVersion,
        kind: String = KargoKind.warehouse.rawValue,
        metadata: ObjectMeta,
        spec: WarehouseSpec,
        status: WarehouseStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .warehouse }
}

/// What a Warehouse watches and how often (`interval` is a Go duration such as `5m0s`).
public struct WarehouseSpec: Codable, Sendable, Hashable {
    public var subscriptions: [RepoSubscription]?
    public var interval: String?
    public var freightCreationPolicy: FreightCreationPolicy?
    public var freightCreationCriteria: FreightCreationCriteria?
    public var shard: String?

    public init(
        subscriptions: [RepoSubscription]? = nil,
        interval: String? = nil,
        freightCreationPolicy: FreightCreationPolicy? = nil,
        freightCreationCriteria: FreightCreationCriteria? = nil,
        shard: String? = nil
    ) {
        self.subscriptions = subscriptions
        self.interval = interval
        self.freightCreationPolicy = freightCreationPolicy
        self.freightCreationCriteria = freightCreationCriteria
        self.shard = shard
    }
}

/// Whether discovery creates Freight by itself (`Automatic`, Kargo's default) or only on request.
public enum FreightCreationPolicy: String, Codable, Sendable, CaseIterable {
    case automatic = "Automatic"
    case manual = "Manual"
}

/// An expression over the discovered artifacts that must hold before Freight is created.
public struct FreightCreationCriteria: Codable, Sendable, Hashable {
    public var expression: String?

    public init(expression: String? = nil) {
        self.expression = expression
    }
}

/// What a Warehouse last discovered; Freightline keeps it in the state ref to pace discovery.
public struct WarehouseStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var lastHandledRefresh: String?
    public var observedGeneration: Int64?
    public var lastFreightID: String?
    public var discoveredArtifacts: DiscoveredArtifacts?

    public init(
        conditions: [Condition]? = nil,
        lastHandledRefresh: String? = nil,
        observedGeneration: Int64? = nil,
        lastFreightID: String? = nil,
        discoveredArtifacts: DiscoveredArtifacts? = nil
    ) {
        self.conditions = conditions
        self.lastHandledRefresh = lastHandledRefresh
        self.observedGeneration = observedGeneration
        self.lastFreightID = lastFreightID
        self.discoveredArtifacts = discoveredArtifacts
    }
}
