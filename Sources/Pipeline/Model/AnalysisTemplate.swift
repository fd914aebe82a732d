/// An Argo Rollouts AnalysisTemplate (`argoproj.io/v1alpha1`): the metrics Freightline
/// measures to verify a Stage.
public struct AnalysisTemplate: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: AnalysisTemplateSpec

    public init(
        apiVersion: String = KargoKind.analysisTemplate.apiVersion,
        kind: String = KargoKind.analysisTemplate.rawValue,
        metadata: ObjectMeta,
        spec: AnalysisTemplateSpec
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static var kargoKind: KargoKind { .analysisTemplate }
}

/// Arguments and metrics of an analysis template; `templates` pulls in other templates.
public struct AnalysisTemplateSpec: Codable, Sendable, Hashable {
    public var args: [Argument]?
    public var metrics: [Metric]?
    public var dryRun: [DryRun]?
    public var measurementRetention: [MeasurementRetention]?
    public var templates: [NestedAnalysisTemplateRef]?

    public init(
        args: [Argument]? = nil,
        metrics: [Metric]? = nil,
        dryRun: [DryRun]? = nil,
        measurementRetention: [MeasurementRetention]? = nil,
        templates: [NestedAnalysisTemplateRef]? = nil
    ) {
        self.args = args
        self.metrics = metrics
        self.dryRun = dryRun
        self.measurementRetention = measurementRetention
        self.templates = templates
    }
}

/// A template argument: a default `value`, a value read from a Secret or field, or neither (required).
public struct Argument: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public var valueFrom: ValueFrom?

    public init(name: String, value: String? = nil, valueFrom: ValueFrom? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an argument's value comes from when it is not given literally.
public struct ValueFrom: Codable, Sendable, Hashable {
    public var secretKeyRef: SecretKeyRef?
    public var fieldRef: FieldRef?

    public init(secretKeyRef: SecretKeyRef? = nil, fieldRef: FieldRef? = nil) {
        self.secretKeyRef = secretKeyRef
        self.fieldRef = fieldRef
    }
}

/// A key of a Secret in the same namespace.
public struct SecretKeyRef: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String?

    public init(name: String? = nil, key: String? = nil) {
        self.name = name
        self.key = key
    }
}

/// A field of the object being analysed, by path.
public struct FieldRef: Codable, Sendable, Hashable {
    public var fieldPath: String?

    public init(fieldPath: String? = nil) {
        self.fieldPath = fieldPath
    }
}

/// A metric whose failures are recorded but do not fail the analysis.
public struct DryRun: Codable, Sendable, Hashable {
    public var metricName: String?

    public init(metricName: String? = nil) {
        self.metricName = metricName
    }
}

/// How many measurements of a metric to keep.
public struct MeasurementRetention: Codable, Sendable, Hashable {
    public var metricName: String?
    public var limit: Int32?

    public init(metricName: String? = nil, limit: Int32? = nil) {
        self.metricName = metricName
        self.limit = limit
    }
}

/// Another (Cluster)AnalysisTemplate whose metrics and args this one includes.
public struct NestedAnalysisTemplateRef: Codable, Sendable, Hashable {
    public var templateName: String?
    public var clusterScope: Bool?

    public init(templateName: String? = nil, clusterScope: Bool? = nil) {
        self.templateName = templateName
        self.clusterScope = clusterScope
    }
}
