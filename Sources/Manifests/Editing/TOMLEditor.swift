import Foundation
import Pipeline

/// Comment-preserving edits of a TOML file: a value is replaced where it is written; a
/// missing key becomes a `key = value` line at the end of the deepest existing table on
/// its path (as a dotted key when tables are missing), or a member of an inline table.
public struct TOMLEditor: Sendable {
    public private(set) var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func set(_ path: EditKeyPath, to value: JSONValue) throws(EditError) {
        let document = try TOMLText.scan(bytes)
        let components = path.components
        if let entry = document.entries.first(where: { $0.path == components }) {
            var text = try Self.render(value, key: path)
            if entry.kind == .literalString, case .string(let string) = value, !string.contains("'"),
               !string.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                text = "'" + string + "'"
            }
            bytes.replaceSubrange(entry.start..<entry.end, with: Array(text.utf8))
            return
        }
        // The deepest written thing on the path decides where the new key goes.
        for length in stride(from: components.count - 1, through: 0, by: -1) {
            let prefix = Array(components.prefix(length))
            let rest = components[length...]
            if length > 0, let holder = document.entries.first(where: { $0.path == prefix }) {
                try insert(into: holder, rest: rest, value: value, path: path)
                return
            }
            if let table = document.tables.last(where: { $0.path == prefix }) {
                if rest.count > 1, document.tables.contains(where: { $0.path.starts(with: prefix + [rest.first!]) }) {
                    continue  // a deeper table exists under another header; keep looking
                }
                let line = Self.dottedKey(rest) + " = " + (try Self.render(value, key: path)) + bytes.lineBreak
                var at = table.contentEnd
                var text = line
                if at > 0 && bytes[at - 1] != 0x0A { text = bytes.lineBreak + line }
                if length == 0 && document.tables.count == 1 { at = bytes.count; text = (bytes.isEmpty || bytes.last == 0x0A ? "" : bytes.lineBreak) + line }
                bytes.replaceSubrange(at..<at, with: Array(text.utf8))
                return
            }
        }
        throw .invalidKey(path.description)
    }

    private mutating func insert(into holder: TOMLText.Entry, rest: ArraySlice<String>, value: JSONValue, path: EditKeyPath) throws(EditError) {
        let at = EditKeyPath.prefixText(Array(path.components.prefix(path.components.count - rest.count)))
        switch holder.kind {
        case .inlineTable:
            let member = Self.dottedKey(rest) + " = " + (try Self.render(value, key: path))
            let close = bytes[..<holder.end].lastIndex(of: UInt8(ascii: "}"))!
            var end = close
            while end > holder.start + 1, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            let text = holder.childCount == 0 ? member : ", " + member
            bytes.replaceSubrange(end..<end, with: Array(text.utf8))
        case .array:
            guard let index = Int(rest.first!), index == holder.childCount || index == -1, rest.count == 1 else {
                throw .indexOutOfRange(key: path.description, at: at, index: rest.first!, count: holder.childCount)
            }
            let item = try Self.render(value, key: path)
            let close = bytes[..<holder.end].lastIndex(of: UInt8(ascii: "]"))!
            let lastItem = TOMLScannerSupport.lastItemEnd(bytes, from: holder.start + 1, to: close)
            let text = holder.childCount == 0 ? item : ", " + item
            let position = holder.childCount == 0 ? close : lastItem
            bytes.replaceSubrange(position..<position, with: Array(text.utf8))
        default:
            throw .notAContainer(key: path.description, at: at, found: "a value (\(String(decoding: bytes[holder.start..<holder.end], as: UTF8.self)))")
        }
    }

    static func dottedKey(_ parts: ArraySlice<String>) -> String {
        parts.map { part in
            !part.isEmpty && part.utf8.allSatisfy(TOMLScanner.isBare) ? part : render(string: part)
        }.joined(separator: ".")
    }

    static func render(_ value: JSONValue, key: EditKeyPath) throws(EditError) -> String {
        switch value {
        case .null: throw .unsupportedValue(key: key.description, reason: "TOML has no null value")
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number > 0 ? "inf" : "-inf" }
            let text = String(number)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .string(let text): return render(string: text)
        case .array(let items):
            var parts: [String] = []
            for item in items { parts.append(try render(item, key: key)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object(let members):
            var parts: [String] = []
            for name in members.keys.sorted() { parts.append(dottedKey([name]) + " = " + (try render(members[name]!, key: key))) }
            return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
        }
    }

    static func render(string text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += String(format: "\\u%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

enum TOMLScannerSupport {
    /// The end of the last item's text inside `[ ... ]`, before any comma, space or comment.
    static func lastItemEnd(_ bytes: [UInt8], from start: Int, to close: Int) -> Int {
        var end = close
        while end > start {
            let byte = bytes[end - 1]
            if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ",")].contains(byte) { end -= 1; continue }
            // A comment line between the last item and `]`: step over it.
            var lineStart = end
            while lineStart > start && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            if let hash = bytes[lineStart..<end].firstIndex(of: UInt8(ascii: "#")), !bytes[lineStart..<hash].contains(where: { $0 == 0x22 || $0 == 0x27 }) {
                end = hash
                continue
            }
            break
        }
        return end
    }
}

extension EditKeyPath {
    static func prefixText(_ parts: [String]) -> String {
        parts.map { $0.replacingOccurrences(of: ".", with: "\\.") }.joined(separator: ".")
    }
}
