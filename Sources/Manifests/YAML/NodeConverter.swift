import Yams

/// Converts Yams' node tree into `YAMLNode`, resolving scalars like Kubernetes does,
/// applying `<<` merge keys, and charging every visited node to a budget.
enum NodeConverter {
    enum Failure: Error {
        case budgetExceeded(line: Int, column: Int)
        case complexKey(line: Int, column: Int)
    }

    static func convert(_ node: Node, budget: inout NodeBudget) throws(Failure) -> YAMLNode {
        let mark = node.mark
        let line = mark?.line ?? 1
        let column = mark?.column ?? 1
        budget.used += 1
        if budget.used > budget.limit { throw .budgetExceeded(line: line, column: column) }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(resolve(scalar), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, budget: &budget))
            }
            return YAMLNode(.sequence(items), line: line, column: column)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            var merged: [YAMLEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    let keyMark = key.mark
                    throw .complexKey(line: keyMark?.line ?? line, column: keyMark?.column ?? column)
                }
                let converted = try convert(value, budget: &budget)
                if keyScalar.string == "<<", keyScalar.style == .plain || keyScalar.style == .any {
                    merged.append(contentsOf: mergeEntries(of: converted))
                    continue
                }
                entries.append(YAMLEntry(
                    key: keyScalar.string,
                    keyLine: keyScalar.mark?.line ?? line,
                    keyColumn: keyScalar.mark?.column ?? column,
                    value: converted))
            }
            if !merged.isEmpty {
                var present = Set(entries.map(\.key))
                for entry in merged where present.insert(entry.key).inserted {
                    entries.append(entry)
                }
            }
            return YAMLNode(.mapping(entries), line: line, column: column)
        case .alias:
            return YAMLNode(.null, line: line, column: column)
        }
    }

    /// `<<: *base` or `<<: [*a, *b]`: earlier maps win over later ones, as in YAML 1.1.
    private static func mergeEntries(of value: YAMLNode) -> [YAMLEntry] {
        switch value.value {
        case .mapping(let entries): return entries
        case .sequence(let items): return items.flatMap { $0.entries ?? [] }
        default: return []
        }
    }

    private static func resolve(_ scalar: Node.Scalar) -> YAMLNode.Value {
        let tag = scalar.tag.rawValue
        if !tag.isEmpty && tag != "!" && tag != "?" {
            return ScalarResolver.resolve(text: scalar.string, tag: tag) ?? .string(scalar.string)
        }
        switch scalar.style {
        case .plain, .any: return ScalarResolver.resolve(plain: scalar.string)
        default: return .string(scalar.string)
        }
    }
}
