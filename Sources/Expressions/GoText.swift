/// Go's `fmt` renderings that expr-lang functions inherit: `%v` for `string()` and
/// `strconv.Quote` (`%q`) for Kargo's `quote()`.
enum GoText {
    /// `fmt.Sprint(v)`: `<nil>`, `[1 2]`, `map[a:1 b:2]` (keys sorted), `{url tag …}`.
    static func verbV(_ value: ExpressionValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return GoFloatFormat.verbV(number)
        case .string(let text): return text
        case .time(let time, let offset): return GoCalendar.rfc3339(time, utcOffset: offset)
        case .array(let items): return "[" + items.map(verbV).joined(separator: " ") + "]"
        case .map(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return "map[" + sorted.map { "\($0.key):\(verbV($0.value))" }.joined(separator: " ") + "]"
        case .object(let object):
            if case .version(let version) = object { return version.description }
            if case .duration(let duration) = object { return duration.description }
            return "{" + object.fields.map { verbV($0.value.isNull ? .map([:]) : $0.value) }.joined(separator: " ") + "}"
        }
    }

    /// `strconv.Quote`: printable text kept, the usual C escapes, `\xHH` for other control
    /// bytes and `\uHHHH` for non-printing code points.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + GoJSON.hex(scalar.value, width: 2)
                } else if scalar.value >= 0x80, scalar.value < 0xA0 || scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .unassigned
                {
                    out += scalar.value > 0xFFFF
                        ? "\\U" + GoJSON.hex(scalar.value, width: 8) : "\\u" + GoJSON.hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
