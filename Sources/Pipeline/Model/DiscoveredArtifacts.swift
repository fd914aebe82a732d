/// Everything the last discovery of a Warehouse found, per subscription.
public struct DiscoveredArtifacts: Codable, Sendable, Hashable {
    public var discoveredAt: Timestamp?
    public var git: [GitDiscoveryResult]?
    public var images: [ImageDiscoveryResult]?
    public var charts: [ChartDiscoveryResult]?
    public var results: [DiscoveryResult]?

    public init(
        discoveredAt: Timestamp? = nil,
        git: [GitDiscoveryResult]? = nil,
        images: [ImageDiscoveryResult]? = nil,
        charts: [ChartDiscoveryResult]? = nil,
        results: [DiscoveryResult]? = nil
    ) {
        self.discoveredAt = discoveredAt
        self.git = git
        self.images = images
        self.charts = charts
        self.results = results
    }
}

/// Commits found for one Git subscription, newest first.
public struct GitDiscoveryResult: Codable, Sendable, Hashable {
    public var repoURL: String
    public var commits: [DiscoveredCommit]?
    public var subscriptionName: String?
    public var observedRefs: GitDiscoveryRefs?

    public init(
        repoURL: String,
        commits: [DiscoveredCommit]? = nil,
        subscriptionName: String? = nil,
        observedRefs: GitDiscoveryRefs? = nil
    ) {
        self.repoURL = repoURL
        self.commits = commits
        self.subscriptionName = subscriptionName
        self.observedRefs = observedRefs
    }
}

/// The refs seen during Git discovery, so an unchanged repository can be skipped next time.
public struct GitDiscoveryRefs: Codable, Sendable, Hashable {
    public var branchHead: String?
    public var tags: [DiscoveredRef]?

    public init(branchHead: String? = nil, tags: [DiscoveredRef]? = nil) {
        self.branchHead = branchHead
        self.tags = tags
    }
}

/// A Git ref name and the commit it pointed at.
public struct DiscoveredRef: Codable, Sendable, Hashable {
    public var name: String
    public var id: String

    public init(name: String, id: String) {
        self.name = name
        self.id = id
    }
}

/// A commit found by discovery.
public struct DiscoveredCommit: Codable, Sendable, Hashable {
    public var id: String?
    public var branch: String?
    public var tag: String?
    public var subject: String?
    public var author: String?
    public var committer: String?
    public var creatorDate: Timestamp?

    public init(
        id: String? = nil,
        branch: String? = nil,
        tag: String? = nil,
        subject: String? = nil,
        author: String? = nil,
        committer: String? = nil,
        creatorDate: Timestamp? = nil
    ) {
        self.id = id
        self.branch = branch
        self.tag = tag
        self.subject = subject
        self.author = author
        self.committer = committer
        self.creatorDate = creatorDate
    }
}

/// Image references found for one image subscription, newest first.
public struct ImageDiscoveryResult: Codable, Sendable, Hashable {
    public var repoURL: String
    public var platform: String?
    public var references: [DiscoveredImageReference]?
    public var subscriptionName: String?

    public init(
        repoURL: String,
        platform: String? = nil,
        references: [DiscoveredImageReference]? = nil,
        subscriptionName: String? = nil
    ) {
        self.repoURL = repoURL
        self.platform = platform
        self.references = references
        self.subscriptionName = subscriptionName
    }
}

/// An image tag and the digest it resolved to.
public struct DiscoveredImageReference: Codable, Sendable, Hashable {
    public var tag: String?
    public var digest: String?
    public var annotations: [String: String]?
    public var createdAt: Timestamp?

    public init(
        tag: String? = nil,
        digest: String? = nil,
        annotations: [String: String]? = nil,
        createdAt: Timestamp? = nil
    ) {
        self.tag = tag
        self.digest = digest
        self.annotations = annotations
        self.createdAt = createdAt
    }
}

/// Chart versions found for one chart subscription, newest first.
public struct ChartDiscoveryResult: Codable, Sendable, Hashable {
    public var repoURL: String
    public var name: String?
    public var semverConstraint: String?
    public var versions: [String]?
    public var subscriptionName: String?

    public init(
        repoURL: String,
        name: String? = nil,
        semverConstraint: String? = nil,
        versions: [String]? = nil,
        subscriptionName: String? = nil
    ) {
        self.repoURL = repoURL
        self.name = name
        self.semverConstraint = semverConstraint
        self.versions = versions
        self.subscriptionName = subscriptionName
    }
}

/// Artifacts found for a generic (non Git/image/chart) subscription, keyed by its `name`.
public struct DiscoveryResult: Codable, Sendable, Hashable {
    public var name: String
    public var artifactReferences: [ArtifactReference]?

    public init(name: String, artifactReferences: [ArtifactReference]? = nil) {
        self.name = name
        self.artifactReferences = artifactReferences
    }
}
