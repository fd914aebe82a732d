/// A Kubernetes label selector over Applications (`matchLabels`, `matchExpressions`), as the
/// `argocd-*` steps' `selector` field gives it. The Argo CD server filters its list by the
/// selector's string form; `matches` applies the same rules locally.
public struct ApplicationSelector: Sendable, Hashable, Codable {
    public enum Operator: String, Sendable, Hashable, Codable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public struct Requirement: Sendable, Hashable, Codable {
        public var key: String
        public var `operator`: Operator
        public var values: [String]?

        public init(key: String, operator: Operator, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// A selector Kubernetes would refuse; `detail` says which part and why.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var detail: String
        public var description: String { "invalid selector: \(detail)" }
    }

    public var matchLabels: [String: String]?
    public var matchExpressions: [Requirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// The selector string (`team=platform,environment in (production,staging),!legacy`),
    /// requirements sorted by key as Kubernetes prints them. Throws when the selector is
    /// empty or an operator's values do not fit it.
    public func query() throws(Invalid) -> String {
        let labels = matchLabels ?? [:]
        let expressions = matchExpressions ?? []
        guard !labels.isEmpty || !expressions.isEmpty else {
            throw Invalid(detail: "give at least one of `matchLabels` or `matchExpressions`")
        }
        var parts: [(key: String, text: String)] = labels.map { ($0.key, "\($0.key)=\($0.value)") }
        for expression in expressions {
            let values = (expression.values ?? []).sorted()
            switch expression.operator {
            case .in, .notIn:
                guard !values.isEmpty else {
                    throw Invalid(detail: "`\(expression.key)` with operator \(expression.operator.rawValue) needs `values`")
                }
                let word = expression.operator == .in ? "in" : "notin"
                parts.append((expression.key, "\(expression.key) \(word) (\(values.joined(separator: ",")))"))
            case .exists, .doesNotExist:
                guard values.isEmpty else {
                    throw Invalid(detail: "`\(expression.key)` with operator \(expression.operator.rawValue) takes no `values`")
                }
                parts.append((expression.key, expression.operator == .exists ? expression.key : "!\(expression.key)"))
            }
        }
        return parts.sorted { $0.key == $1.key ? $0.text < $1.text : $0.key < $1.key }.map(\.text).joined(separator: ",")
    }

    /// Whether an Application with `labels` is selected: every requirement holds.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for expression in matchExpressions ?? [] {
            let value = labels[expression.key]
            let values = expression.values ?? []
            let holds = switch expression.operator {
            case .in: value.map(values.contains) ?? false
            case .notIn: value.map { !values.contains($0) } ?? true
            case .exists: value != nil
            case .doesNotExist: value == nil
            }
            if !holds { return false }
        }
        return true
    }
}
