/// JSON text as Go writes and reads it. Kargo renders non-string results with
/// `json.Marshal` and `toJSON()` uses `json.MarshalIndent`, so map keys come out sorted,
/// struct fields in declaration order, and `<`, `>`, `&` as `\u003c`… (Go's HTML-safe
/// default). `fromJSON()` reads numbers as float64, as `json.Unmarshal` into `any` does.
enum GoJSON {
    /// Encodes a value; `indent` non-nil gives `MarshalIndent(v, "", indent)`.
    static func encode(_ value: ExpressionValue, indent: String? = nil) throws(ExpressionRuntimeError) -> String {
        var out = ""
        try write(value, into: &out, indent: indent, depth: 0)
        return out
    }

    private static func write(_ value: ExpressionValue, into out: inout String, indent: String?, depth: Int)
        throws(ExpressionRuntimeError)
    {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number):
            guard let text = GoFloatFormat.json(number) else {
                throw ExpressionRuntimeError("json: unsupported value: \(GoFloatFormat.verbV(number))")
            }
            out += text
        case .string(let text): out += quote(text)
        case .time(let time, let offset): out += quote(GoCalendar.rfc3339(time, utcOffset: offset))
        case .array(let items):
            try writeContainer(
                items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent, depth: depth)
        case .map(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            try writeContainer(
                sorted.map { ($0.key, $0.value) }, open: "{", close: "}", into: &out, indent: indent, depth: depth)
        case .object(let object):
            switch object {
            case .version(let version):
                out += quote(version.description)
                return
            case .duration(let duration):
                out += String(duration.nanoseconds)
                return
            default:
                break
            }
            let fields = object.fields.filter { !($0.omitEmpty && $0.value.isGoEmpty) }
            try writeContainer(
                fields.map { ($0.jsonName, $0.value) }, open: "{", close: "}", into: &out, indent: indent,
                depth: depth)
        }
    }

    private static func writeContainer(
        _ entries: [(String?, ExpressionValue)], open: String, close: String, into out: inout String,
        indent: String?, depth: Int
    ) throws(ExpressionRuntimeError) {
        out += open
        guard !entries.isEmpty else {
            out += close
            return
        }
        for (offset, entry) in entries.enumerated() {
            if offset > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: depth + 1) }
            if let key = entry.0 { out += quote(key) + (indent == nil ? ":" : ": ") }
            try write(entry.1, into: &out, indent: indent, depth: depth + 1)
        }
        if let indent { out += "\n" + String(repeating: indent, count: depth) }
        out += close
    }

    /// A JSON string literal with Go's escaping.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Parses JSON text; numbers become `.double`, as in Go.
    static func decode(_ text: String) throws(ExpressionRuntimeError) -> ExpressionValue {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == reader.scalars.count else {
            throw ExpressionRuntimeError("invalid JSON: unexpected text at offset \(reader.position + 1)")
        }
        return value
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0
        /// Nesting depth, bounded so hostile text cannot exhaust the stack.
        var depth = 0

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func skipWhitespace() {
            while let scalar = current, scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                position += 1
            }
        }

        func failure(_ what: String) -> ExpressionRuntimeError {
            ExpressionRuntimeError("invalid JSON: \(what) at offset \(position + 1)")
        }

        mutating func literal(_ word: String, _ value: ExpressionValue) throws(ExpressionRuntimeError) -> ExpressionValue {
            for scalar in word.unicodeScalars {
                guard current == scalar else { throw failure("unexpected character") }
                position += 1
            }
            return value
        }

        mutating func value() throws(ExpressionRuntimeError) -> ExpressionValue {
            guard let scalar = current else { throw failure("unexpected end of input") }
            depth += 1
            defer { depth -= 1 }
            guard depth <= 100 else { throw failure("nesting deeper than 100 levels") }
            switch scalar {
            case "n": return try literal("null", .null)
            case "t": return try literal("true", .bool(true))
            case "f": return try literal("false", .bool(false))
            case "\"": return .string(try string())
            case "[":
                position += 1
                var items: [ExpressionValue] = []
                skipWhitespace()
                if current == "]" {
                    position += 1
                    return .array(items)
                }
                while true {
                    skipWhitespace()
                    items.append(try value())
                    skipWhitespace()
                    if current == "," {
                        position += 1
                    } else if current == "]" {
                        position += 1
                        return .array(items)
                    } else {
                        throw failure("expected `,` or `]`")
                    }
                }
            case "{":
                position += 1
                var members: [String: ExpressionValue] = [:]
                skipWhitespace()
                if current == "}" {
                    position += 1
                    return .map(members)
                }
                while true {
                    skipWhitespace()
                    guard current == "\"" else { throw failure("expected a string key") }
                    let key = try string()
                    skipWhitespace()
                    guard current == ":" else { throw failure("expected `:`") }
                    position += 1
                    skipWhitespace()
                    members[key] = try value()
                    skipWhitespace()
                    if current == "," {
                        position += 1
                    } else if current == "}" {
                        position += 1
                        return .map(members)
                    } else {
                        throw failure("expected `,` or `}`")
                    }
                }
            default:
                return try number()
            }
        }

        mutating func number() throws(ExpressionRuntimeError) -> ExpressionValue {
            var text = ""
            while let scalar = current, "0123456789+-.eE".unicodeScalars.contains(scalar) {
                text.unicodeScalars.append(scalar)
                position += 1
            }
            guard !text.isEmpty, let number = Double(text) else { throw failure("invalid number") }
            return .double(number)
        }

        mutating func string() throws(ExpressionRuntimeError) -> String {
            position += 1
            var out = String.UnicodeScalarView()
            while true {
                guard let scalar = current else { throw failure("unterminated string") }
                position += 1
                if scalar == "\"" { return String(out) }
                if scalar != "\\" {
                    out.append(scalar)
                    continue
                }
                guard let escape = current else { throw failure("unterminated string") }
                position += 1
                switch escape {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "/", "\\", "\"": out.append(escape)
                case "u":
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), current == "\\" {
                        position += 2
                        let low = try hex4()
                        code = 0x10000 &+ ((code &- 0xD800) << 10) &+ (low &- 0xDC00)
                    }
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: throw failure("invalid escape")
                }
            }
        }

        mutating func hex4() throws(ExpressionRuntimeError) -> UInt32 {
            guard position + 4 <= scalars.count else { throw failure("invalid \\u escape") }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[position..<position + 4])
            guard let code = UInt32(text, radix: 16) else { throw failure("invalid \\u escape") }
            position += 4
            return code
        }
    }
}
