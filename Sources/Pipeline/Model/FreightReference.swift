/// A copy of a Freight's identity and artifacts, as kept in Stage history and Promotion status.
public struct FreightReference: Codable, Sendable, Hashable {
    public var name: String?
    public var origin: FreightOrigin?
    public var commits: [GitCommit]?
    public var images: [Image]?
    public var charts: [Chart]?
    public var artifacts: [ArtifactReference]?

    public init(
        name: String? = nil,
        origin: FreightOrigin? = nil,
        commits: [GitCommit]? = nil,
        images: [Image]? = nil,
        charts: [Chart]? = nil,
        artifacts: [ArtifactReference]? = nil
    ) {
        self.name = name
        self.origin = origin
        self.commits = commits
        self.images = images
        self.charts = charts
        self.artifacts = artifacts
    }
}
