/// One origin of Freight a Stage accepts, and from where it may come (directly or via upstream Stages).
public struct RequestedFreight: Codable, Sendable, Hashable {
    public var origin: FreightOrigin
    public var sources: FreightSources?

    public init(origin: FreightOrigin, sources: FreightSources? = nil) {
        self.origin = origin
        self.sources = sources
    }
}

/// Where a Stage may take Freight from: `direct` from the origin, or after it was verified in
/// (and soaked for `requiredSoakTime` in) one or all upstream `stages`.
public struct FreightSources: Codable, Sendable, Hashable {
    public var direct: Bool?
    public var stages: [String]?
    public var requiredSoakTime: String?
    public var availabilityStrategy: FreightAvailabilityStrategy?
    public var autoPromotionOptions: AutoPromotionOptions?

    public init(
        direct: Bool? = nil,
        stages: [String]? = nil,
        requiredSoakTime: String? = nil,
        availabilityStrategy: FreightAvailabilityStrategy? = nil,
        autoPromotionOptions: AutoPromotionOptions? = nil
    ) {
        self.direct = direct
        self.stages = stages
        self.requiredSoakTime = requiredSoakTime
        self.availabilityStrategy = availabilityStrategy
        self.autoPromotionOptions = autoPromotionOptions
    }
}

/// How many upstream Stages must have verified Freight. An empty string (allowed by the CRD)
/// means the default, `OneOf`.
public enum FreightAvailabilityStrategy: String, Codable, Sendable, CaseIterable {
    case all = "All"
    case oneOf = "OneOf"
    case unspecified = ""
}

/// How auto-promotion chooses Freight for this origin.
public struct AutoPromotionOptions: Codable, Sendable, Hashable {
    public var selectionPolicy: AutoPromotionSelectionPolicy?

    public init(selectionPolicy: AutoPromotionSelectionPolicy? = nil) {
        self.selectionPolicy = selectionPolicy
    }
}

/// Which Freight auto-promotion picks (Kargo's default is `NewestFreight`).
public enum AutoPromotionSelectionPolicy: String, Codable, Sendable, CaseIterable {
    case newestFreight = "NewestFreight"
    case matchUpstream = "MatchUpstream"
}
