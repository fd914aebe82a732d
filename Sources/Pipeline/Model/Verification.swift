/// The analysis templates run after a promotion to verify a Stage, and the arguments passed to them.
public struct Verification: Codable, Sendable, Hashable {
    public var analysisTemplates: [AnalysisTemplateReference]?
    public var analysisRunMetadata: AnalysisRunMetadata?
    public var args: [AnalysisRunArgument]?

    public init(
        analysisTemplates: [AnalysisTemplateReference]? = nil,
        analysisRunMetadata: AnalysisRunMetadata? = nil,
        args: [AnalysisRunArgument]? = nil
    ) {
        self.analysisTemplates = analysisTemplates
        self.analysisRunMetadata = analysisRunMetadata
        self.args = args
    }
}

/// Names an AnalysisTemplate (default) or ClusterAnalysisTemplate.
public struct AnalysisTemplateReference: Codable, Sendable, Hashable {
    public var name: String
    public var kind: AnalysisTemplateKind?

    public init(name: String, kind: AnalysisTemplateKind? = nil) {
        self.name = name
        self.kind = kind
    }
}

/// Which template kind an AnalysisTemplateReference points at.
public enum AnalysisTemplateKind: String, Codable, Sendable, CaseIterable {
    case analysisTemplate = "AnalysisTemplate"
    case clusterAnalysisTemplate = "ClusterAnalysisTemplate"
}

/// Labels and annotations for the analysis runs a verification creates.
public struct AnalysisRunMetadata: Codable, Sendable, Hashable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}

/// A value for an analysis template argument; it may hold `${{ }}` expressions.
public struct AnalysisRunArgument: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
