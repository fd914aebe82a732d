/// A Kargo Project: the namespace that holds one set of pipelines. Older repositories also carry
/// their auto-promotion `promotionPolicies` here instead of on a ProjectConfig.
public struct Project: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ProjectSpec?
    public var status: ProjectStatus?

    public init(
        apiVersion: String = KargoKind.project.apiVersion,
        kind: String = KargoKind.project.rawValue,
        metadata: ObjectMeta,
        spec: ProjectSpec? = nil,
        status: ProjectStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var kargoKind: KargoKind { .project }
}

/// The older `Project.spec`, which only held promotion policies (now on ProjectConfig).
public struct ProjectSpec: Codable, Sendable, Hashable {
    public var promotionPolicies: [PromotionPolicy]?

    public init(promotionPolicies: [PromotionPolicy]? = nil) {
        self.promotionPolicies = promotionPolicies
    }
}

/// Observed state of a Project.
public struct ProjectStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var stats: ProjectStats?
    public var phase: String?
    public var message: String?

    public init(
        conditions: [Condition]? = nil,
        stats: ProjectStats? = nil,
        phase: String? = nil,
        message: String? = nil
    ) {
        self.conditions = conditions
        self.stats = stats
        self.phase = phase
        self.message = message
    }
}

/// Counts of the Warehouses and Stages in a Project.
public struct ProjectStats: Codable, Sendable, Hashable {
    public var warehouses: WarehouseStats?
    public var stages: StageStats?
}

/// How many Warehouses a Project has, and how many are healthy.
public struct WarehouseStats: Codable, Sendable, Hashable {
    public var count: Int64?
    public var health: HealthStats?
}

/// How many Stages a Project has, and how many are healthy.
public struct StageStats: Codable, Sendable, Hashable {
    public var count: Int64?
    public var health: HealthStats?
}

/// Health tallies inside ProjectStats.
public struct HealthStats: Codable, Sendable, Hashable {
    public var healthy: Int64?
}
