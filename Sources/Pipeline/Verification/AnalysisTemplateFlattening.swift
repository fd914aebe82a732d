/// Argo Rollouts' rules for turning a Stage's `verification` into one run's spec
/// (`FlattenTemplates` and `MergeArgs`): the metrics of every referenced template (and of
/// templates they include through `spec.templates`), their `args` combined, then the
/// Stage's own `args` laid over them. Every argument must end up with a `value` or a
/// `valueFrom`, or the verification cannot start.
public struct AnalysisTemplateFlattening: Sendable {
    public var config: KargoConfig
    public var project: String

    public init(config: KargoConfig, project: String) {
        self.config = config
        self.project = project
    }

    /// The flattened spec, with `stageArgs` (already evaluated) merged in.
    public func spec(for verification: Verification, stageArgs: [Argument])
        throws(VerificationSetupError) -> AnalysisRunSpec
    {
        var templates: [AnalysisTemplateSpec] = []
        var seen: Set<String> = []
        for reference in verification.analysisTemplates ?? [] {
            try collect(reference.name, clusterScope: reference.kind == .clusterAnalysisTemplate,
                        into: &templates, seen: &seen)
        }
        guard !templates.isEmpty else { throw VerificationSetupError("verification names no analysis templates") }

        var metrics: [Metric] = []
        var names: Set<String> = []
        for template in templates {
            for metric in template.metrics ?? [] {
                guard names.insert(metric.name).inserted else {
                    throw VerificationSetupError("two metrics have the same name '\(metric.name)'")
                }
                metrics.append(metric)
            }
        }
        guard !metrics.isEmpty else { throw VerificationSetupError("the analysis templates define no metrics") }

        let combined = try combinedArgs(templates)
        let merged = try Self.merge(stageArgs, into: combined)
        let dryRun = templates.flatMap { $0.dryRun ?? [] }
        let retention = templates.flatMap { $0.measurementRetention ?? [] }
        return AnalysisRunSpec(metrics: metrics, args: merged.isEmpty ? nil : merged,
                               dryRun: dryRun.isEmpty ? nil : dryRun,
                               measurementRetention: retention.isEmpty ? nil : retention)
    }

    private func collect(_ name: String, clusterScope: Bool, into templates: inout [AnalysisTemplateSpec],
                         seen: inout Set<String>) throws(VerificationSetupError) {
        let key = (clusterScope ? "ClusterAnalysisTemplate/" : "AnalysisTemplate/") + name
        guard seen.insert(key).inserted else { return }
        let spec: AnalysisTemplateSpec
        if clusterScope {
            guard let found = config.clusterAnalysisTemplates.first(where: { $0.metadata.name == name }) else {
                throw VerificationSetupError("ClusterAnalysisTemplate \"\(name)\" not found")
            }
            spec = found.spec
        } else {
            guard let found = config.analysisTemplates.first(where: {
                $0.metadata.name == name && ($0.metadata.namespace ?? project) == project
            }) else {
                throw VerificationSetupError("AnalysisTemplate \"\(name)\" not found in project \"\(project)\"")
            }
            spec = found.spec
        }
        for nested in spec.templates ?? [] {
            guard let nestedName = nested.templateName, !nestedName.isEmpty else { continue }
            try collect(nestedName, clusterScope: nested.clusterScope ?? false, into: &templates, seen: &seen)
        }
        templates.append(spec)
    }

    /// Argo's `flattenArgs`: one entry per name; a set value is never replaced by an unset
    /// one, and two different values for one name are an error.
    private func combinedArgs(_ templates: [AnalysisTemplateSpec]) throws(VerificationSetupError) -> [Argument] {
        var combined: [Argument] = []
        for argument in templates.flatMap({ $0.args ?? [] }) {
            guard let index = combined.firstIndex(where: { $0.name == argument.name }) else {
                combined.append(argument)
                continue
            }
            if let previous = combined[index].value, let value = argument.value, previous != value {
                throw VerificationSetupError(
                    "argument `\(argument.name)` specified multiple times with different values: '\(previous)', '\(value)'")
            }
            if combined[index].value == nil { combined[index] = argument }
        }
        return combined
    }

    /// Argo's `MergeArgs`: incoming values replace the templates' for names the templates
    /// declare; names they do not declare are ignored. Then every argument needs a value.
    static func merge(_ incoming: [Argument], into templateArgs: [Argument]) throws(VerificationSetupError) -> [Argument] {
        var merged = templateArgs
        for argument in incoming {
            guard let index = merged.firstIndex(where: { $0.name == argument.name }) else { continue }
            if let value = argument.value {
                merged[index].value = value
            } else if let from = argument.valueFrom {
                merged[index].valueFrom = from
            }
        }
        for argument in merged where argument.value == nil && argument.valueFrom == nil {
            throw VerificationSetupError("args.\(argument.name) was not resolved: give it a value in the Stage's verification args or a default in the template")
        }
        return merged
    }
}

/// Verification cannot start: a template is missing, metrics clash, an argument has no
/// value. Recorded as the verification's Error message; `validate` reports the same
/// problems ahead of time.
public struct VerificationSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
