/// Where each key's value and each table sits in a TOML file, found by a small scanner
/// (not a full TOML parser): enough to splice a new value into the original bytes so
/// comments and layout survive, which no TOML library in reach does.
struct TOMLText {
    enum Kind: Equatable { case basicString, literalString, multilineString, array, inlineTable, other }

    struct Entry {
        /// Table path plus key parts; array-of-tables elements and array items are numbers.
        var path: [String]
        var start: Int
        var end: Int
        var kind: Kind
        /// For arrays and inline tables: the offset of the closing bracket, and whether empty.
        var childCount = 0
    }

    struct Table {
        var path: [String]
        /// Where a new `key = value` line for this table goes: after its last line of content.
        var contentEnd: Int
    }

    var entries: [Entry] = []
    /// The root table first, then each `[header]` and `[[header]]` element.
    var tables: [Table] = []

    static func scan(_ bytes: [UInt8]) throws(EditError) -> TOMLText {
        var scanner = TOMLScanner(bytes: bytes)
        return try scanner.scan()
    }
}

struct TOMLScanner {
    let bytes: [UInt8]
    var index = 0
    var result = TOMLText()
    var arrayTableCounts: [[String]: Int] = [:]

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scan() throws(EditError) -> TOMLText {
        result.tables = [TOMLText.Table(path: [], contentEnd: 0)]
        var current: [String] = []
        while true {
            skipBlankAndComments(lines: true)
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "[") {
                let isArray = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                let parts = try keyParts()
                skipSpace()
                guard consume("]"), !isArray || consume("]") else { throw failure("expected `]` closing a table header") }
                current = resolve(parts, newArrayElement: isArray)
                endLine()
                result.tables.append(TOMLText.Table(path: current, contentEnd: index))
            } else {
                let parts = try keyParts()
                skipSpace()
                guard consume("=") else { throw failure("expected `=` after a key") }
                skipSpace()
                try value(path: current + parts)
                endLine()
                result.tables[result.tables.count - 1].contentEnd = index
            }
        }
        return result
    }

    /// A header's absolute path: earlier `[[x]]` parts address their latest element.
    private mutating func resolve(_ parts: [String], newArrayElement: Bool) -> [String] {
        var path: [String] = []
        for (position, part) in parts.enumerated() {
            path.append(part)
            if position == parts.count - 1 && newArrayElement {
                let count = arrayTableCounts[path, default: 0]
                arrayTableCounts[path] = count + 1
                path.append(String(count))
            } else if let count = arrayTableCounts[path] {
                path.append(String(count - 1))
            }
        }
        return path
    }

    private mutating func value(path: [String]) throws(EditError) {
        guard index < bytes.count else { throw failure("expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let quote = bytes[index]
            let multiline = bytes[index...].starts(with: [quote, quote, quote])
            if multiline {
                index += 3
                while index < bytes.count && !bytes[index...].starts(with: [quote, quote, quote]) {
                    index += quote == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { throw failure("unterminated multi-line string") }
                index += 3
                while index < bytes.count && bytes[index] == quote { index += 1 }  // up to two quotes may close it
            } else {
                _ = try quotedString()
            }
            let kind: TOMLText.Kind = multiline ? .multilineString : (quote == UInt8(ascii: "'") ? .literalString : .basicString)
            result.entries.append(.init(path: path, start: start, end: index, kind: kind))
        case UInt8(ascii: "["):
            index += 1
            var count = 0
            while true {
                skipBlankAndComments(lines: true)
                guard index < bytes.count else { throw failure("unterminated array") }
                if consume("]") { break }
                try value(path: path + [String(count)])
                count += 1
                skipBlankAndComments(lines: true)
                if consume(",") { continue }
                guard consume("]") else { throw failure("expected `,` or `]` in an array") }
                break
            }
            result.entries.append(.init(path: path, start: start, end: index, kind: .array, childCount: count))
        case UInt8(ascii: "{"):
            index += 1
            var count = 0
            while true {
                skipSpace()
                if consume("}") { break }
                let parts = try keyParts()
                skipSpace()
                guard consume("=") else { throw failure("expected `=` in an inline table") }
                skipSpace()
                try value(path: path + parts)
                count += 1
                skipSpace()
                if consume(",") { continue }
                guard consume("}") else { throw failure("expected `,` or `}` in an inline table") }
                break
            }
            result.entries.append(.init(path: path, start: start, end: index, kind: .inlineTable, childCount: count))
        default:
            while index < bytes.count, !" \t\r\n,]}#".utf8.contains(bytes[index]) { index += 1 }
            // A date and time may be separated by one space: `1979-05-27 07:32:00Z`.
            if index - start == 10, index + 1 < bytes.count, bytes[index] == 0x20, (48...57).contains(bytes[index + 1]) {
                index += 1
                while index < bytes.count, !" \t\r\n,]}#".utf8.contains(bytes[index]) { index += 1 }
            }
            guard index > start else { throw failure("expected a value") }
            result.entries.append(.init(path: path, start: start, end: index, kind: .other))
        }
    }

    private mutating func keyParts() throws(EditError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpace()
            guard index < bytes.count else { throw failure("expected a key") }
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                parts.append(try quotedString())
            } else {
                let start = index
                while index < bytes.count, Self.isBare(bytes[index]) { index += 1 }
                guard index > start else { throw failure("expected a key") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpace()
            guard consume(".") else { return parts }
        }
    }

    private mutating func quotedString() throws(EditError) -> String {
        let quote = bytes[index]
        index += 1
        var text = ""
        var chunk = index
        while index < bytes.count && bytes[index] != quote && bytes[index] != 0x0A {
            if quote == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count {
                text += String(decoding: bytes[chunk..<index], as: UTF8.self)
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "n"): text += "\n"
                case UInt8(ascii: "t"): text += "\t"
                case UInt8(ascii: "r"): text += "\r"
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = escape == UInt8(ascii: "u") ? 4 : 8
                    guard index + width <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + width)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw failure("bad unicode escape") }
                    text.unicodeScalars.append(scalar)
                    index += width
                default: text.unicodeScalars.append(Unicode.Scalar(escape))
                }
                chunk = index
            } else {
                index += 1
            }
        }
        guard index < bytes.count && bytes[index] == quote else { throw failure("unterminated string") }
        text += String(decoding: bytes[chunk..<index], as: UTF8.self)
        index += 1
        return text
    }

    static func isBare(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 0x5F || byte == 0x2D
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func skipBlankAndComments(lines: Bool) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D, 0x0A: index += 1
            case UInt8(ascii: "#"): while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            default: return
            }
        }
    }

    /// After a value or header: spaces, an optional comment, then the line break.
    private mutating func endLine() {
        skipSpace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "#") {
            while index < bytes.count && bytes[index] != 0x0A { index += 1 }
        }
        if index < bytes.count && bytes[index] == 0x0D { index += 1 }
        if index < bytes.count && bytes[index] == 0x0A { index += 1 }
    }

    private func failure(_ message: String) -> EditError {
        let prefix = bytes[..<min(index, bytes.count)]
        let line = prefix.filter { $0 == 0x0A }.count + 1
        let column = index - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return .syntax("line \(line), column \(column): invalid TOML: \(message)")
    }
}
