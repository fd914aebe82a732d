import Foundation
import Pipeline

/// Checks an (Cluster)AnalysisTemplate for what its schema cannot: Go durations on
/// metrics, one provider per metric, and `{{args.NAME}}` references to declared args.
struct AnalysisTemplateChecks {
    let origin: ObjectOrigin

    static let runnableProviders: Set<String> = ["web", "prometheus", "job"]

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
            } else if let provider = providers.first, !Self.runnableProviders.contains(provider) {
                sink.warning(at: origin.keyLocation(of: providerPath.appending(provider)), path: origin.fullPath(providerPath.appending(provider)),
                             "provider `\(provider)` is not run by Freightline (it runs web, prometheus and job); verification using this template will fail")
            }
            checkArgumentReferences(metric, at: base, declared: declared, into: &sink)
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
