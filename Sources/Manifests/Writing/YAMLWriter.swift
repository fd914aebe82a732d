import Pipeline

/// Writes values as YAML deterministically: Kubernetes' top-level order (`apiVersion`,
/// `kind`, `metadata`, `spec`, `status`), every other mapping sorted by key, strings quoted
/// whenever a reader could take them for anything else. Same value, same bytes: state
/// diffs read like a change log.
public enum YAMLWriter {
    public static func document(_ value: JSONValue) -> String {
        var output = ""
        switch value {
        case .object(let members) where !members.isEmpty:
            let sorted = members.keys.sorted()
            let leading = leadingKeys.filter { members[$0] != nil }
            mapping(members, keys: leading + sorted.filter { !leadingKeys.contains($0) }, indent: 0, into: &output)
        case .array(let items) where !items.isEmpty:
            sequence(items, indent: 0, into: &output)
        default:
            output = scalar(value) + "\n"
        }
        return output
    }

    private static let leadingKeys = ["apiVersion", "kind", "metadata", "spec", "status"]

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: count)
    }

    private static func mapping(_ members: [String: JSONValue], keys: [String], indent: Int, into output: inout String) {
        for key in keys {
            output += spaces(indent) + scalar(.string(key)) + ":"
            afterKey(members[key]!, indent: indent, into: &output)
        }
    }

    private static func afterKey(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            mapping(members, keys: members.keys.sorted(), indent: indent + 2, into: &output)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            sequence(items, indent: indent, into: &output)
        default:
            output += " " + scalar(value) + "\n"
        }
    }

    private static func sequence(_ items: [JSONValue], indent: Int, into output: inout String) {
        for item in items {
            switch item {
            case .object(let members) where !members.isEmpty:
                let keys = members.keys.sorted()
                output += spaces(indent) + "- " + scalar(.string(keys[0])) + ":"
                afterKey(members[keys[0]]!, indent: indent + 2, into: &output)
                mapping(members, keys: Array(keys.dropFirst()), indent: indent + 2, into: &output)
            case .array(let nested) where !nested.isEmpty:
                output += spaces(indent) + "-\n"
                sequence(nested, indent: indent + 2, into: &output)
            default:
                output += spaces(indent) + "- " + scalar(item) + "\n"
            }
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            if number.isNaN { return ".nan" }
            if number.isInfinite { return number > 0 ? ".inf" : "-.inf" }
            if number.rounded() == number && abs(number) < 1e15 { return String(Int64(number)) + ".0" }
            return String(number)
        case .string(let text): return isPlainSafe(text) ? text : quoted(text)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// Plain when it reads back as the same string under Kubernetes' YAML rules.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if " \t".unicodeScalars.contains(first) || " \t".unicodeScalars.contains(last) { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // `-x`, `:x` and `?x` are fine when followed by a non-space, but keep it simple.
            return false
        }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" {
            return false
        }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if looksLikeTimestamp(text) { return false }
        if case .string = ScalarResolver.resolve(plain: text) { return true }
        return false
    }

    /// YAML 1.1 readers (PyYAML, older go-yaml) turn `2026-11-23...` into a date; quoted,
    /// it stays the string Kubernetes writes.
    private static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(5))
        guard bytes.count == 5 else { return false }
        return bytes[0..<4].allSatisfy { $0 >= 48 && $0 <= 57 } && bytes[4] == UInt8(ascii: "-")
    }

    static func quoted(_ text: String) -> String {
        EscapedText.doubleQuoted(text)
    }
}
