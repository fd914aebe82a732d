/// Freight: an immutable set of artifact versions from one origin. Its name is the SHA-1 Kargo
/// computes over the origin and artifacts; its status records where it is, was verified and is approved.
public struct Freight: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var alias: String?
    public var origin: FreightOrigin
    public var commits: [GitCommit]?
    public var images: [Image]?
    public var charts: [Chart]?
    public var artifacts: [ArtifactReference]?
    public var discoveredAt: Timestamp?
    public var status: FreightStatus?

    public init(
        apiVersion: String = KargoKind.freight.apiVersion,
        kind: String = KargoKind.freight.rawValue,
        metadata: ObjectMeta,
        alias: String? = nil,
        origin: FreightOrigin,
        commits: [GitCommit]? = nil,
        images: [Image]? = nil,
        charts: [Chart]? = nil,
        artifacts: [ArtifactReference]? = nil,
        discoveredAt: Timestamp? = nil,
        status: FreightStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.alias = alias
        self.origin = origin
        self.commits = commits
        self.images = images
        self.charts = charts
        self.artifacts = artifacts
        self.discoveredAt = discoveredAt
        self.status = status
    }

    public static var kargoKind: KargoKind { .freight }
}

/// Per-Stage facts about Freight, keyed by Stage name; `metadata` holds values set by `set-metadata` steps.
public struct FreightStatus: Codable, Sendable, Hashable {
    public var currentlyIn: [String: CurrentStage]?
    public var verifiedIn: [String: VerifiedStage]?
    public var approvedFor: [String: ApprovedStage]?
    public var metadata: [String: JSONValue]?
    /// Freightline extension: Stages this Freight must never reach, keyed by Stage name,
    /// or `*` for every Stage (`freightline reject`).
    public var rejectedFor: [String: FreightRejection]?

    public init(
        currentlyIn: [String: CurrentStage]? = nil,
        verifiedIn: [String: VerifiedStage]? = nil,
        approvedFor: [String: ApprovedStage]? = nil,
        metadata: [String: JSONValue]? = nil,
        rejectedFor: [String: FreightRejection]? = nil
    ) {
        self.currentlyIn = currentlyIn
        self.verifiedIn = verifiedIn
        self.approvedFor = approvedFor
        self.metadata = metadata
        self.rejectedFor = rejectedFor
    }
}

/// Freight is in a Stage now, since `since`.
public struct CurrentStage: Codable, Sendable, Hashable {
    public var since: Timestamp?

    public init(since: Timestamp? = nil) {
        self.since = since
    }
}

/// Freight was verified in a Stage; `longestSoak` is its longest completed stay there (a Go duration).
public struct VerifiedStage: Codable, Sendable, Hashable {
    public var verifiedAt: Timestamp?
    public var longestSoak: String?

    public init(verifiedAt: Timestamp? = nil, longestSoak: String? = nil) {
        self.verifiedAt = verifiedAt
        self.longestSoak = longestSoak
    }
}

/// Freight was manually approved for a Stage.
public struct ApprovedStage: Codable, Sendable, Hashable {
    public var approvedAt: Timestamp?

    public init(approvedAt: Timestamp? = nil) {
        self.approvedAt = approvedAt
    }
}

/// A person's decision that a Freight must not be promoted (to one Stage or all), with
/// who, when and why, so the planner can say so.
public struct FreightRejection: Codable, Sendable, Hashable {
    public var rejectedAt: Timestamp?
    public var actor: String?
    public var reason: String?

    public init(rejectedAt: Timestamp? = nil, actor: String? = nil, reason: String? = nil) {
        self.rejectedAt = rejectedAt
        self.actor = actor
        self.reason = reason
    }

    /// The key of a rejection that applies to every Stage.
    public static let allStages = "*"
}
