/// An AnalysisTemplate shared by every Project (cluster-scoped).
public struct ClusterAnalysisTemplate: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: AnalysisTemplateSpec

    public init(
        apiVersion: String = KargoKind.clusterAnalysisTemplate.apiVersion,
        kind: String = KargoKind.clusterAnalysisTemplate.rawValue,
        metadata: ObjectMeta,
        spec: AnalysisTemplateSpec
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static var kargoKind: KargoKind { .clusterAnalysisTemplate }
}
