/// What `plan` decides for every Stage, with reasons a person can act on. One value,
/// rendered as text, markdown or JSON (the JSON shape is the documented contract).
public struct Plan: Codable, Sendable, Hashable {
    public var now: Timestamp
    public var projects: [ProjectPlan]

    public init(now: Timestamp, projects: [ProjectPlan]) {
        self.now = now
        self.projects = projects
    }
}

public struct ProjectPlan: Codable, Sendable, Hashable {
    public var name: String
    /// The Project's Freight, newest first.
    public var freight: [FreightSummary]
    /// Stages in flow order (upstreams first).
    public var stages: [StagePlan]
}

/// One Freight as plans show it.
public struct FreightSummary: Codable, Sendable, Hashable {
    public var name: String
    public var alias: String
    public var origin: String
    public var discoveredAt: Timestamp?
    /// Human-readable artifact versions: `ghcr.io/acme/app:1.4.0`, `https://github.com/acme/cfg@1a2b3c4`.
    public var artifacts: [String]
    public var currentlyIn: [String]
    public var verifiedIn: [String]
}

/// What happens to a Stage in this run.
public enum StageDecision: String, Codable, Sendable, Hashable, CaseIterable {
    /// New Freight will be promoted (auto-promotion, or a queued manual request).
    case promote
    /// Newer Freight exists but none can be promoted yet; the reasons say why.
    case blocked
    /// The Stage holds the newest Freight it can get.
    case upToDate = "up-to-date"
    /// Verification of the current Freight is in progress.
    case verifying
    /// A Promotion into the Stage is running.
    case promoting
    /// Freight is eligible, but auto-promotion is off or the Stage is held: a person decides.
    case manual
}

/// A Freight named in a plan: its name, readable alias and origin.
public struct FreightLabel: Codable, Sendable, Hashable {
    public var freight: String
    public var alias: String
    public var origin: String

    public init(freight: String, alias: String, origin: String) {
        self.freight = freight
        self.alias = alias
        self.origin = origin
    }
}

/// The Freight a Stage holds now: for a single origin, that Freight; for several
/// origins, the collection id with one item per origin.
public struct CurrentFreight: Codable, Sendable, Hashable {
    public var freight: String
    public var alias: String
    public var since: Timestamp?
    public var items: [FreightLabel]
}

public struct StagePlan: Codable, Sendable, Hashable {
    public var name: String
    public var current: CurrentFreight?
    public var decision: StageDecision
    /// For `promote` and `manual`: the Freight that would be (or could be) promoted.
    public var freight: String?
    public var alias: String?
    /// Every Freight the decision concerns, one per origin that would change.
    public var promotions: [FreightLabel]
    /// Whether a promotion policy enables auto-promotion for this Stage.
    public var autoPromotion: Bool
    public var reasons: [String]
    /// The Stage's promotion windows now (nil: no window applies to it).
    public var promotionWindow: PromotionWindowStatus? = nil
}

extension StagePlan {
    /// `current`, `freight` and `alias` are written as `null` when absent: the JSON
    /// schema promises every key on every Stage.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(current, forKey: .current)
        try container.encode(decision, forKey: .decision)
        try container.encode(freight, forKey: .freight)
        try container.encode(alias, forKey: .alias)
        try container.encode(promotions, forKey: .promotions)
        try container.encode(autoPromotion, forKey: .autoPromotion)
        try container.encode(reasons, forKey: .reasons)
        try container.encodeIfPresent(promotionWindow, forKey: .promotionWindow)
    }
}
