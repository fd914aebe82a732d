/// A version of a generic artifact, as recorded in Freight; `metadata` is the subscriber's own data.
public struct ArtifactReference: Codable, Sendable, Hashable {
    public var artifactType: String?
    public var subscriptionName: String?
    public var version: String?
    public var metadata: JSONValue?

    public init(
        artifactType: String? = nil,
        subscriptionName: String? = nil,
        version: String? = nil,
        metadata: JSONValue? = nil
    ) {
        self.artifactType = artifactType
        self.subscriptionName = subscriptionName
        self.version = version
        self.metadata = metadata
    }
}
