import Expressions
import Foundation
import Pipeline

/// Checks an (Cluster)AnalysisTemplate for what its schema cannot: Go durations on
/// metrics, one known provider per metric, conditions that parse, Argo Rollouts' limits,
/// and `{{args.NAME}}` references to declared args.
struct AnalysisTemplateChecks {
    let origin: ObjectOrigin

    static let runnableProviders: Set<String> = ["web", "prometheus", "job"]
    /// Every provider Argo Rollouts knows; others are typos.
    static let knownProviders: Set<String> = runnableProviders.union([
        "datadog", "newRelic", "wavefront", "kayenta", "cloudWatch", "graphite", "influxdb", "skywalking", "plugin",
    ])

    func check(into sink: inout DiagnosticSink) {
        let node = origin.node
        let declared = Set((node.node(at: ["spec", "args"])?.items ?? []).compactMap { $0["name"]?.string })
        for (position, metric) in (node.node(at: ["spec", "metrics"])?.items ?? []).enumerated() {
            let base: FieldPath = ["spec", "metrics", .index(position)]
            for field in ["interval", "initialDelay"] {
                guard let text = metric[field]?.string, !text.contains("{{") else { continue }
                do {
                    _ = try GoDuration(parsing: text)
                } catch {
                    let path = base.appending(field)
                    sink.error(at: origin.location(of: path), path: origin.fullPath(path), "`\(text)` is not a duration: \(error)")
                }
            }
            let providers = metric["provider"]?.entries?.map(\.key) ?? []
            let providerPath = base.appending("provider")
            if providers.count != 1 {
                sink.error(at: origin.location(of: providerPath), path: origin.fullPath(providerPath),
                           providers.isEmpty ? "metric needs a provider (web, prometheus or job)" : "metric sets several providers (\(providers.joined(separator: ", "))); set exactly one")
            } else if let provider = providers.first, !Self.knownProviders.contains(provider) {
                sink.error(at: origin.keyLocation(of: providerPath.appending(provider)), path: origin.fullPath(providerPath.appending(provider)),
                           "unknown metric provider `\(provider)`; Freightline runs web, prometheus and job")
            } else if let provider = providers.first, !Self.runnableProviders.contains(provider) {
                sink.warning(at: origin.keyLocation(of: providerPath.appending(provider)), path: origin.fullPath(providerPath.appending(provider)),
                             "provider `\(provider)` is not run by Freightline (it runs web, prometheus and job); verification using this template will fail")
            }
            checkConditions(metric, at: base, into: &sink)
            checkLimits(metric, at: base, into: &sink)
            checkArgumentReferences(metric, at: base, declared: declared, into: &sink)
        }
    }

    /// `successCondition` / `failureCondition` must parse as Argo's expressions (over
    /// `result`, with asInt, asFloat, isNaN, isInf, isNil, default). Conditions that take
    /// `{{args.*}}` are checked once the arguments are known, at run time.
    private func checkConditions(_ metric: YAMLNode, at base: FieldPath, into sink: inout DiagnosticSink) {
        for field in ["successCondition", "failureCondition"] {
            guard let text = metric[field]?.string, !text.isEmpty, !text.contains("{{") else { continue }
            do {
                _ = try ParsedExpression(text, dialect: .analysis)
            } catch {
                let path = base.appending(field)
                sink.error(at: origin.location(of: path), path: origin.fullPath(path), "`\(text)` is not a valid condition: \(error)")
            }
        }
    }

    /// Argo Rollouts' `ValidateMetric`: limits must not be negative (failureLimit may be -1
    /// to disable it, but not together with consecutiveSuccessLimit disabled).
    private func checkLimits(_ metric: YAMLNode, at base: FieldPath, into sink: inout DiagnosticSink) {
        func number(_ field: String) -> Int64? {
            switch metric[field]?.value {
            case .int(let value)?: value
            case .string(let text)?: Int64(text)
            default: nil
            }
        }
        let failureLimit = number("failureLimit") ?? 0
        let successLimit = number("consecutiveSuccessLimit") ?? 0
        var problems: [(String, String)] = []
        if successLimit < 0 { problems.append(("consecutiveSuccessLimit", "consecutiveSuccessLimit must be >= 0")) }
        if failureLimit < -1 { problems.append(("failureLimit", "failureLimit must be >= 0, or -1 to be disabled")) }
        if successLimit == 0 && failureLimit == -1 {
            problems.append(("failureLimit", "failureLimit and consecutiveSuccessLimit cannot both be disabled"))
        }
        if let inconclusive = number("inconclusiveLimit"), inconclusive < 0 {
            problems.append(("inconclusiveLimit", "inconclusiveLimit must be >= 0"))
        }
        if let errors = number("consecutiveErrorLimit"), errors < 0 {
            problems.append(("consecutiveErrorLimit", "consecutiveErrorLimit must be >= 0"))
        }
        for (field, message) in problems {
            let path = base.appending(field)
            sink.error(at: origin.location(of: path), path: origin.fullPath(path), message)
        }
    }

    /// Every `{{args.NAME}}` inside a metric must name an argument of the template.
    private func checkArgumentReferences(_ node: YAMLNode, at path: FieldPath, declared: Set<String>, into sink: inout DiagnosticSink) {
        switch node.value {
        case .string(let text):
            for name in Self.argumentReferences(in: text) where !declared.contains(name) {
                sink.error(at: origin.location(of: path), path: origin.fullPath(path),
                           "`{{args.\(name)}}` refers to an argument the template does not declare; declared: \(declared.isEmpty ? "none" : declared.sorted().joined(separator: ", "))")
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { checkArgumentReferences(item, at: path.appending(index), declared: declared, into: &sink) }
        case .mapping(let entries):
            for entry in entries { checkArgumentReferences(entry.value, at: path.appending(entry.key), declared: declared, into: &sink) }
        default:
            break
        }
    }

    static func argumentReferences(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let inner = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("args.") { names.append(String(inner.dropFirst(5))) }
            rest = rest[close.upperBound...]
        }
        return names
    }
}
