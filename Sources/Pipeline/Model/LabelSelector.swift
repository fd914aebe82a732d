/// A Kubernetes label selector: every `matchLabels` pair and every expression must hold.
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(
        matchLabels: [String: String]? = nil,
        matchExpressions: [LabelSelectorRequirement]? = nil
    ) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One expression of a label selector (`operator` is `In`, `NotIn`, `Exists` or `DoesNotExist`).
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    public var key: String
    public var `operator`: String?
    public var values: [String]?

    public init(key: String, operator: String? = nil, values: [String]? = nil) {
        self.key = key
        self.`operator` = `operator`
        self.values = values
    }
}
