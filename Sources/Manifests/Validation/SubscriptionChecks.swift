import Foundation
import Pipeline

/// Checks a Warehouse's subscriptions for what schemas cannot: semantic-version
/// constraints, regular expressions, and path selectors.
struct SubscriptionChecks {
    let origin: ObjectOrigin

    /// The Warehouse CRD leaves each subscription open; Kargo validates `git`, `image`
    /// and `chart` against their own schemas, as this does before the object is decoded.
    static func validateSchemas(of origin: ObjectOrigin, into sink: inout DiagnosticSink) {
        for (position, subscription) in (origin.node.node(at: ["spec", "subscriptions"])?.items ?? []).enumerated() {
            for entry in subscription.entries ?? [] {
                guard let schema = SchemaCatalog.subscription(entry.key) else { continue }
                let path = origin.fullPath(["spec", "subscriptions", .index(position), .key(entry.key)])
                SchemaValidator(document: origin.document, metadataPath: nil).validate(entry.value, against: schema, at: path, into: &sink)
            }
        }
    }

    func check(into sink: inout DiagnosticSink) {
        for (position, subscription) in (origin.node.node(at: ["spec", "subscriptions"])?.items ?? []).enumerated() {
            let base: FieldPath = ["spec", "subscriptions", .index(position)]
            let keys = subscription.entries?.map(\.key) ?? []
            let kinds = keys.filter { SchemaCatalog.subscription($0) != nil }
            if keys.count != 1 {
                let found = keys.isEmpty ? "none" : keys.joined(separator: " and ")
                sink.error(at: origin.location(of: base), path: origin.fullPath(base),
                           "a subscription needs exactly one of `git`, `image` or `chart` (found \(found))")
            } else if kinds.isEmpty {
                sink.warning(at: origin.keyLocation(of: base.appending(keys[0])), path: origin.fullPath(base.appending(keys[0])),
                             "Freightline discovers `git`, `image` and `chart` artifacts; `\(keys[0])` subscriptions are loaded but never discovered")
            }
            for kind in kinds {
                let path = base.appending(kind)
                guard let node = subscription[kind] else { continue }
                checkConstraint(node["semverConstraint"], at: path.appending("semverConstraint"), into: &sink)
                if kind == "image" {
                    let strategy = node["imageSelectionStrategy"]?.string ?? "SemVer"
                    if strategy == "SemVer" {
                        checkConstraint(node["constraint"], at: path.appending("constraint"), into: &sink)
                    }
                }
                if let allow = node["allowTags"]?.string {
                    checkRegex(allow, at: path.appending("allowTags"), into: &sink)
                }
                for field in ["allowTagsRegexes", "ignoreTagsRegexes"] {
                    for (index, item) in (node[field]?.items ?? []).enumerated() {
                        if let text = item.string { checkRegex(text, at: path.appending(field).appending(index), into: &sink) }
                    }
                }
                for field in ["includePaths", "excludePaths"] {
                    for (index, item) in (node[field]?.items ?? []).enumerated() {
                        guard let text = item.string, let problem = NamePattern.problem(in: text) else { continue }
                        let itemPath = path.appending(field).appending(index)
                        sink.error(at: origin.location(of: itemPath), path: origin.fullPath(itemPath), problem)
                    }
                }
            }
        }
    }

    private func checkConstraint(_ node: YAMLNode?, at path: FieldPath, into sink: inout DiagnosticSink) {
        guard let text = node?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        do {
            _ = try SemVerConstraint(parsing: text)
        } catch {
            sink.error(at: origin.location(of: path), path: origin.fullPath(path),
                       "`\(text)` is not a valid semantic-version constraint: \(error) (e.g. ^1.2.0, ~1.4, >=1.0.0 <2.0.0, 1.x || 2.x)")
        }
    }

    private func checkRegex(_ text: String, at path: FieldPath, into sink: inout DiagnosticSink) {
        if let problem = RegexCheck.problem(in: text) {
            sink.error(at: origin.location(of: path), path: origin.fullPath(path), problem)
        }
    }
}
