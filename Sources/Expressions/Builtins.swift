/// expr-lang's builtin functions that Kargo users reach for, with Go's string semantics
/// (`strings.Split`, `strings.TrimSpace`, …) and expr-lang's numeric rules.
enum Builtins {
    static func call(_ name: String, _ arguments: Arguments) throws(ExpressionRuntimeError) -> ExpressionValue? {
        switch name {
        case "len":
            try arguments.expect(1)
            switch arguments[0] {
            case .string(let text): return .int(Int64(text.unicodeScalars.count))
            case .array(let items): return .int(Int64(items.count))
            case .map(let members): return .int(Int64(members.count))
            default: throw ExpressionRuntimeError("invalid argument for len (type \(arguments[0].typeName))")
            }
        case "upper":
            try arguments.expect(1)
            return .string(try arguments.string(0).uppercased())
        case "lower":
            try arguments.expect(1)
            return .string(try arguments.string(0).lowercased())
        case "trim":
            try arguments.expect(1...2)
            let text = try arguments.string(0)
            if arguments.count == 2 {
                let cutset = Set(try arguments.string(1).unicodeScalars)
                return .string(trimmed(text) { cutset.contains($0) })
            }
            return .string(trimmed(text) { $0.properties.isWhitespace })
        case "trimPrefix":
            try arguments.expect(2)
            let text = try arguments.string(0)
            let prefix = try arguments.string(1)
            return .string(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        case "trimSuffix":
            try arguments.expect(2)
            let text = try arguments.string(0)
            let suffix = try arguments.string(1)
            return .string(text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text)
        case "split":
            try arguments.expect(2...3)
            let limit = arguments.count == 3 ? try arguments.integer(2) : -1
            return .array(split(try arguments.string(0), by: try arguments.string(1), limit: limit).map { .string($0) })
        case "join":
            try arguments.expect(1...2)
            let separator = arguments.count == 2 ? try arguments.string(1) : ""
            var parts: [String] = []
            for item in try arguments.array(0) {
                guard case .string(let text) = item else {
                    throw ExpressionRuntimeError("join(): array elements must be strings, got \(item.typeName)")
                }
                parts.append(text)
            }
            return .string(parts.joined(separator: separator))
        case "replace":
            try arguments.expect(3)
            return .string(replacing(try arguments.string(0), try arguments.string(1), with: try arguments.string(2)))
        case "repeat":
            try arguments.expect(2)
            let count = try arguments.integer(1)
            guard count >= 0, count < 1_000_000 else { throw ExpressionRuntimeError("repeat(): invalid count \(count)") }
            return .string(String(repeating: try arguments.string(0), count: Int(count)))
        case "indexOf", "lastIndexOf":
            try arguments.expect(2)
            let text = Array(try arguments.string(0).unicodeScalars)
            let part = Array(try arguments.string(1).unicodeScalars)
            let starts = name == "indexOf" ? Array(0...text.count) : (0...text.count).reversed()
            for start in starts where start + part.count <= text.count && Array(text[start..<start + part.count]) == part {
                return .int(Int64(start))
            }
            return .int(-1)
        case "hasPrefix":
            try arguments.expect(2)
            return .bool(try arguments.string(0).hasPrefix(try arguments.string(1)))
        case "hasSuffix":
            try arguments.expect(2)
            return .bool(try arguments.string(0).hasSuffix(try arguments.string(1)))
        case "toJSON":
            try arguments.expect(1)
            return .string(try GoJSON.encode(arguments[0], indent: "  "))
        case "fromJSON":
            try arguments.expect(1)
            return try GoJSON.decode(try arguments.string(0))
        case "toBase64":
            try arguments.expect(1)
            return .string(Base64.encode(Array(try arguments.string(0).utf8)))
        case "fromBase64":
            try arguments.expect(1)
            guard let bytes = Base64.decode(try arguments.string(0)) else {
                throw ExpressionRuntimeError("fromBase64(): illegal base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        case "string":
            try arguments.expect(1)
            return .string(GoText.verbV(arguments[0]))
        case "int":
            try arguments.expect(1)
            return try toInt(arguments[0])
        case "float":
            try arguments.expect(1)
            return try toFloat(arguments[0])
        case "abs":
            try arguments.expect(1)
            switch arguments[0] {
            case .int(let number): return .int(number < 0 ? 0 &- number : number)
            case .double(let number): return .double(number.magnitude)
            default: throw ExpressionRuntimeError("invalid argument for abs (type \(arguments[0].typeName))")
            }
        case "ceil", "floor", "round":
            try arguments.expect(1)
            guard let number = Operators.double(arguments[0]) else {
                throw ExpressionRuntimeError("invalid argument for \(name) (type \(arguments[0].typeName))")
            }
            let rule: FloatingPointRoundingRule =
                name == "ceil" ? .up : name == "floor" ? .down : .toNearestOrAwayFromZero
            return .double(number.rounded(rule))
        case "max", "min":
            var items = arguments.values
            if arguments.count == 1, case .array(let inner) = arguments[0] { items = inner }
            guard var best = items.first else { throw ExpressionRuntimeError("\(name)(): not enough arguments") }
            for item in items {
                guard let order = Operators.compare(item, best), Operators.double(item) != nil else {
                    throw ExpressionRuntimeError("invalid argument for \(name) (type \(item.typeName))")
                }
                if name == "max" ? order > 0 : order < 0 { best = item }
            }
            return best
        case "sum", "mean":
            try arguments.expect(1)
            let items = try arguments.array(0)
            var total: ExpressionValue = .int(0)
            for item in items { total = try Operators.binary(.add, total, item, column: 0) }
            if name == "sum" { return total }
            guard !items.isEmpty, let value = Operators.double(total) else { return .double(0) }
            return .double(value / Double(items.count))
        case "first", "last":
            try arguments.expect(1)
            let items = try arguments.array(0)
            return (name == "first" ? items.first : items.last) ?? .null
        case "keys", "values":
            try arguments.expect(1)
            guard case .map(let members) = arguments[0] else {
                throw ExpressionRuntimeError("\(name)(): argument must be a map, got \(arguments[0].typeName)")
            }
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return .array(name == "keys" ? sorted.map { .string($0.key) } : sorted.map(\.value))
        case "type":
            try arguments.expect(1)
            return .string(arguments[0].exprTypeName)
        case "reverse":
            try arguments.expect(1)
            return .array(try arguments.array(0).reversed())
        case "sort":
            try arguments.expect(1...2)
            let order = arguments.count == 2 ? try arguments.string(1) : "asc"
            let descending = order == "desc"
            var failed = false
            let sorted = try arguments.array(0).sorted { a, b in
                guard let order = Operators.compare(a, b) else {
                    failed = true
                    return false
                }
                return descending ? order > 0 : order < 0
            }
            if failed { throw ExpressionRuntimeError("sort(): elements cannot be compared") }
            return .array(sorted)
        case "uniq":
            try arguments.expect(1)
            var seen: [ExpressionValue] = []
            for item in try arguments.array(0) where !seen.contains(where: { Operators.equal($0, item) }) {
                seen.append(item)
            }
            return .array(seen)
        case "concat":
            var items: [ExpressionValue] = []
            for index in 0..<arguments.count { items += try arguments.array(index) }
            return .array(items)
        case "flatten":
            try arguments.expect(1)
            return .array(flatten(try arguments.array(0)))
        case "get":
            try arguments.expect(2)
            switch (arguments[0], arguments[1]) {
            case (.map(let members), .string(let key)): return members[key] ?? .null
            case (.array(let items), let index):
                guard let position = Operators.integer(index) else { return .null }
                let resolved = position < 0 ? Int64(items.count) + position : position
                return resolved >= 0 && resolved < Int64(items.count) ? items[Int(resolved)] : .null
            default: return .null
            }
        default:
            return nil
        }
    }

    private static func trimmed(_ text: String, _ drop: (Unicode.Scalar) -> Bool) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, drop(first) { scalars.removeFirst() }
        while let last = scalars.last, drop(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// `strings.SplitN` (`limit` < 0 means all); an empty separator splits into scalars.
    static func split(_ text: String, by separator: String, limit: Int64) -> [String] {
        if limit == 0 { return [] }
        let scalars = Array(text.unicodeScalars)
        let sep = Array(separator.unicodeScalars)
        func make(_ slice: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: slice)
            return String(view)
        }
        if sep.isEmpty {
            var parts = scalars.map { String($0) }
            if limit > 0, parts.count > Int(limit) {
                parts = Array(parts[..<(Int(limit) - 1)]) + [make(scalars[(Int(limit) - 1)...])]
            }
            return parts
        }
        var parts: [String] = []
        var start = 0
        var index = 0
        while index + sep.count <= scalars.count {
            if limit > 0, parts.count == Int(limit) - 1 { break }
            if Array(scalars[index..<index + sep.count]) == sep {
                parts.append(make(scalars[start..<index]))
                index += sep.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(make(scalars[start...]))
        return parts
    }

    /// `strings.ReplaceAll`.
    private static func replacing(_ text: String, _ old: String, with new: String) -> String {
        if old.isEmpty {
            return new + text.unicodeScalars.map { String($0) + new }.joined()
        }
        return split(text, by: old, limit: -1).joined(separator: new)
    }

    private static func flatten(_ items: [ExpressionValue]) -> [ExpressionValue] {
        items.flatMap { item -> [ExpressionValue] in
            if case .array(let inner) = item { return flatten(inner) }
            return [item]
        }
    }

    /// expr-lang's `int()`: floats truncate, strings parse as base-10 integers.
    private static func toInt(_ value: ExpressionValue) throws(ExpressionRuntimeError) -> ExpressionValue {
        switch value {
        case .int: return value
        case .double(let number):
            guard number.isFinite, number.magnitude < 9.2e18 else {
                throw ExpressionRuntimeError("int(): \(GoFloatFormat.verbV(number)) does not fit in an int")
            }
            return .int(Int64(number.rounded(.towardZero)))
        case .string(let text):
            guard let number = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                throw ExpressionRuntimeError("int(): strconv.Atoi: parsing \(GoText.quote(text)): invalid syntax")
            }
            return .int(number)
        case .bool(let flag): return .int(flag ? 1 : 0)
        default: throw ExpressionRuntimeError("invalid operation: int(\(value.typeName))")
        }
    }

    /// expr-lang's `float()`.
    private static func toFloat(_ value: ExpressionValue) throws(ExpressionRuntimeError) -> ExpressionValue {
        switch value {
        case .double: return value
        case .int(let number): return .double(Double(number))
        case .string(let text):
            guard let number = Double(text) else {
                throw ExpressionRuntimeError("float(): strconv.ParseFloat: parsing \(GoText.quote(text)): invalid syntax")
            }
            return .double(number)
        default: throw ExpressionRuntimeError("invalid operation: float(\(value.typeName))")
        }
    }
}

extension ExpressionValue {
    /// expr-lang's `type()` names.
    var exprTypeName: String {
        switch self {
        case .null: "nil"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "string"
        case .array: "array"
        case .map: "map"
        case .time: "time.Time"
        case .object(.duration): "time.Duration"
        case .object: "struct"
        }
    }
}
