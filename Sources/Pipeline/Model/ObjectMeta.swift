/// The Kubernetes metadata every Kargo object carries. A namespaced object's
/// `namespace` is the name of its Kargo Project.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var generateName: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var finalizers: [String]?
    public var ownerReferences: [JSONValue]?
    public var managedFields: [JSONValue]?

    public init(name: String, namespace: String? = nil, labels: [String: String]? = nil,
                annotations: [String: String]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations)
        generateName = try c.decodeIfPresent(String.self, forKey: .generateName)
        uid = try c.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
        generation = try c.decodeIfPresent(Int64.self, forKey: .generation)
        creationTimestamp = try c.decodeIfPresent(Timestamp.self, forKey: .creationTimestamp)
        deletionTimestamp = try c.decodeIfPresent(Timestamp.self, forKey: .deletionTimestamp)
        finalizers = try c.decodeIfPresent([String].self, forKey: .finalizers)
        ownerReferences = try c.decodeIfPresent([JSONValue].self, forKey: .ownerReferences)
        managedFields = try c.decodeIfPresent([JSONValue].self, forKey: .managedFields)
    }
}
