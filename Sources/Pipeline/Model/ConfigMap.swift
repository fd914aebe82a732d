/// A core Kubernetes ConfigMap, read by the `configMap()` expression function.
public struct ConfigMap: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: String]?
    public var immutable: Bool?

    public init(
        apiVersion: String = KargoKind.configMap.apiVersion,
        kind: String = KargoKind.configMap.rawValue,
        metadata: ObjectMeta,
        data: [String: String]? = nil,
        binaryData: [String: String]? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }

    public static var kargoKind: KargoKind { .configMap }
}
