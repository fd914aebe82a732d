/// A PromotionTask shared by every Project (cluster-scoped).
public struct ClusterPromotionTask: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: PromotionTaskSpec

    public init(
        apiVersion: String = KargoKind.clusterPromotionTask.apiVersion,
        kind: String = KargoKind.clusterPromotionTask.rawValue,
        metadata: ObjectMeta,
        spec: PromotionTaskSpec
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static var kargoKind: KargoKind { .clusterPromotionTask }
}
