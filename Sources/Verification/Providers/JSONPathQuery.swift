import Pipeline

/// A web metric's `jsonPath`: a Kubernetes JSONPath template (k8s.io/client-go/util/jsonpath,
/// which Argo Rollouts uses), such as `{$.data.ok}` or `{.items[0].value}`. Text outside
/// braces is literal text and is a result of its own, as in Kubernetes.
///
/// Supported inside braces: the root (`$` or `@`), `.field` (with `\.` escapes),
/// `['field']` / `["field"]`, `[n]` and `[-n]`, slices `[a:b:step]`, `[*]` and `.*`, and
/// recursive descent `..field`. Filters (`[?(...)]`), unions (`[0,1]`) and `range`/`end`
/// are rejected when the template is parsed.
struct JSONPathQuery: Sendable, Hashable {
    /// Why a template does not parse, or what evaluating it found (Kubernetes' wording).
    struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        var message: String
        init(_ message: String) { self.message = message }
        var description: String { message }
    }

    enum Segment: Sendable, Hashable {
        case text(String)
        case path([Step])
    }

    enum Step: Sendable, Hashable {
        case field(String)
        /// `[n]` is `start: n, end: n + 1`, with `endDerived`, as Kubernetes parses it.
        case slice(start: Int?, end: Int?, step: Int?, endDerived: Bool)
        case wildcard
        /// `..`: the value and every value nested in it, depth first.
        case recursive
    }

    let template: String
    let segments: [Segment]

    init(_ template: String) throws(Failure) {
        self.template = template
        segments = try Self.parse(template)
    }

    /// The results of every segment, in order, as Kubernetes' `FindResults` returns them.
    func results(in document: JSONValue) throws(Failure) -> [[JSONValue]] {
        var all: [[JSONValue]] = []
        for segment in segments {
            switch segment {
            case .text(let text): all.append([.string(text)])
            case .path(let steps):
                var current = [document]
                for step in steps { current = try Self.apply(step, to: current) }
                all.append(current)
            }
        }
        return all
    }

    /// The first value any segment produced (Argo's `getValue`), or nil when none did.
    func firstValue(in document: JSONValue) throws(Failure) -> JSONValue? {
        try results(in: document).lazy.compactMap(\.first).first
    }

    // MARK: Parsing

    private static func parse(_ template: String) throws(Failure) -> [Segment] {
        var segments: [Segment] = []
        var rest = Substring(template)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "{") else {
                segments.append(.text(String(rest)))
                break
            }
            if open > rest.startIndex { segments.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Failure("unclosed action in JSONPath \(template)")
            }
            segments.append(.path(try parseAction(rest[rest.index(after: open)..<close], template: template)))
            rest = rest[rest.index(after: close)...]
        }
        return segments
    }

    private static let terminators: Set<Character> = [".", ",", "[", "]", "$", "@", "{", "}", " ", "\t", "\n", "\r"]

    private static func parseAction(_ action: Substring, template: String) throws(Failure) -> [Step] {
        var steps: [Step] = []
        var index = action.startIndex
        while index < action.endIndex {
            let character = action[index]
            switch character {
            case "$", "@":
                index = action.index(after: index)
            case " ", "\t", "\n", "\r":
                index = action.index(after: index)
            case ".":
                var next = action.index(after: index)
                if next < action.endIndex, action[next] == "." {
                    steps.append(.recursive)
                    next = action.index(after: next)
                }
                var name = ""
                var cursor = next
                while cursor < action.endIndex {
                    let scalar = action[cursor]
                    if scalar == "\\" {
                        cursor = action.index(after: cursor)
                        if cursor < action.endIndex {
                            name.append(action[cursor])
                            cursor = action.index(after: cursor)
                        }
                        continue
                    }
                    if terminators.contains(scalar) { break }
                    name.append(scalar)
                    cursor = action.index(after: cursor)
                }
                if name == "*" {
                    steps.append(.wildcard)
                } else if !name.isEmpty {
                    steps.append(.field(name))
                }
                index = cursor
            case "[":
                guard let close = bracketEnd(in: action, from: index) else {
                    throw Failure("unterminated array in JSONPath \(template)")
                }
                let inside = trimmed(action[action.index(after: index)..<close])
                steps.append(try parseBracket(inside, template: template))
                index = action.index(after: close)
            case "\"", "'":
                throw Failure("string literals in JSONPath \(template) are not supported")
            default:
                let word = action[index...].prefix { !terminators.contains($0) }
                throw Failure("unrecognized identifier \(word) in JSONPath \(template)")
            }
        }
        return steps
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The `]` closing the bracket at `open`, skipping quoted text.
    private static func bracketEnd(in action: Substring, from open: Substring.Index) -> Substring.Index? {
        var quote: Character?
        var index = action.index(after: open)
        while index < action.endIndex {
            let character = action[index]
            if let current = quote {
                if character == current { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "]" {
                return index
            }
            index = action.index(after: index)
        }
        return nil
    }

    private static func parseBracket(_ inside: String, template: String) throws(Failure) -> Step {
        if inside.hasPrefix("?") { throw Failure("filters in JSONPath \(template) are not supported") }
        if inside == "*" { return .slice(start: nil, end: nil, step: nil, endDerived: false) }
        if inside.count >= 2, let first = inside.first, first == "'" || first == "\"", inside.last == first,
           !inside.dropFirst().dropLast().contains(first) {
            return .field(String(inside.dropFirst().dropLast()))
        }
        if inside.contains(",") { throw Failure("unions in JSONPath \(template) are not supported") }
        let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map { trimmed($0) }
        guard (1...3).contains(parts.count) else { throw Failure("invalid array index [\(inside)] in JSONPath \(template)") }
        var numbers: [Int?] = []
        for part in parts {
            if part.isEmpty {
                numbers.append(nil)
            } else if let number = Int(part) {
                numbers.append(number)
            } else {
                throw Failure("invalid array index [\(inside)] in JSONPath \(template)")
            }
        }
        if parts.count == 1 {
            guard let start = numbers[0] else { throw Failure("invalid array index [] in JSONPath \(template)") }
            return .slice(start: start, end: start + 1, step: nil, endDerived: true)
        }
        return .slice(start: numbers[0], end: numbers[1], step: parts.count == 3 ? numbers[2] : nil, endDerived: false)
    }

    // MARK: Evaluation (Kubernetes' evalField, evalArray, evalWildcard, evalRecursive)

    private static func apply(_ step: Step, to input: [JSONValue]) throws(Failure) -> [JSONValue] {
        switch step {
        case .field(let name):
            guard !input.isEmpty else { return [] }
            var results: [JSONValue] = []
            for value in input {
                if case .object(let members) = value, let member = members[name] { results.append(member) }
            }
            if results.isEmpty { throw Failure("\(name) is not found") }
            return results
        case .slice(let start, let end, let step, let endDerived):
            var results: [JSONValue] = []
            for value in input {
                if case .null = value { continue }
                guard case .array(let items) = value else { throw Failure("\(value.typeName) is not array or slice") }
                let count = items.count
                var from = start ?? 0
                if from < 0 { from += count }
                var to = end ?? count
                if let end, end < 0 || (end == 0 && endDerived) { to += count }
                guard to != from else { return results }
                if from >= count || from < 0 {
                    throw Failure("array index out of bounds: index \(from), length \(count)")
                }
                if to > count || to < 0 { throw Failure("array index out of bounds: index \(to - 1), length \(count)") }
                if from > to { throw Failure("starting index \(from) is greater than ending index \(to)") }
                let stride = step ?? 1
                guard stride > 0 else { throw Failure("step must be > 0") }
                results += Swift.stride(from: from, to: to, by: stride).map { items[$0] }
            }
            return results
        case .wildcard:
            var results: [JSONValue] = []
            for value in input {
                switch value {
                case .object(let members): results += members.keys.sorted().map { members[$0]! }
                case .array(let items): results += items
                default: continue
                }
            }
            return results
        case .recursive:
            var results: [JSONValue] = []
            for value in input { descend(value, into: &results) }
            return results
        }
    }

    private static func descend(_ value: JSONValue, into results: inout [JSONValue]) {
        results.append(value)
        switch value {
        case .object(let members): for key in members.keys.sorted() { descend(members[key]!, into: &results) }
        case .array(let items): for item in items { descend(item, into: &results) }
        default: break
        }
    }
}
