import Pipeline

/// A JSON document with the byte range of every value and key, so edits can splice new
/// text in and leave the file's own formatting alone. Parsing is strict RFC 8259.
indirect enum JSONText: Sendable {
    case scalar(JSONValue)
    case array([Node])
    case object([Member])

    struct Node: Sendable {
        var value: JSONText
        var start: Int
        var end: Int
    }

    struct Member: Sendable {
        var key: String
        var keyStart: Int
        var keyEnd: Int
        var value: Node
    }

    static func parse(_ bytes: [UInt8]) throws(EditError) -> Node {
        var parser = JSONTextParser(bytes: bytes)
        return try parser.document()
    }

    var jsonValue: JSONValue {
        switch self {
        case .scalar(let value): value
        case .array(let items): .array(items.map(\.value.jsonValue))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key, $0.value.value.jsonValue) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// Compact JSON text of a value (object members in key order, for stable output).
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            guard number.isFinite else { return "null" }
            if number.rounded() == number && abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .string(let text): return quoted(text)
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { quoted($0) + ":" + render(members[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// A recursive-descent JSON reader that keeps offsets; depth is capped like the YAML reader's.
struct JSONTextParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func document() throws(EditError) -> JSONText.Node {
        let node = try value()
        skipSpace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return node
    }

    private mutating func value() throws(EditError) -> JSONText.Node {
        skipSpace()
        guard index < bytes.count else { throw failure("unexpected end of file") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= 512 else { throw failure("nesting deeper than 512 levels") }
            index += 1
            var members: [JSONText.Member] = []
            skipSpace()
            if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .init(value: .object(members), start: start, end: index) }
            while true {
                skipSpace()
                let keyStart = index
                guard peek(UInt8(ascii: "\"")) else { throw failure("expected a quoted key") }
                let key = try string()
                let keyEnd = index
                skipSpace()
                guard peek(UInt8(ascii: ":")) else { throw failure("expected `:` after a key") }
                index += 1
                members.append(.init(key: key, keyStart: keyStart, keyEnd: keyEnd, value: try value()))
                skipSpace()
                if peek(UInt8(ascii: ",")) { index += 1; continue }
                guard peek(UInt8(ascii: "}")) else { throw failure("expected `,` or `}`") }
                index += 1
                depth -= 1
                return .init(value: .object(members), start: start, end: index)
            }
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= 512 else { throw failure("nesting deeper than 512 levels") }
            index += 1
            var items: [JSONText.Node] = []
            skipSpace()
            if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .init(value: .array(items), start: start, end: index) }
            while true {
                items.append(try value())
                skipSpace()
                if peek(UInt8(ascii: ",")) { index += 1; continue }
                guard peek(UInt8(ascii: "]")) else { throw failure("expected `,` or `]`") }
                index += 1
                depth -= 1
                return .init(value: .array(items), start: start, end: index)
            }
        case UInt8(ascii: "\""):
            let text = try string()
            return .init(value: .scalar(.string(text)), start: start, end: index)
        default:
            for (word, literal) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return .init(value: .scalar(literal), start: start, end: index)
            }
            return .init(value: .scalar(try number()), start: start, end: index)
        }
    }

    private mutating func number() throws(EditError) -> JSONValue {
        let start = index
        var integral = true
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) {
            if ".eE".utf8.contains(bytes[index]) { integral = false }
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty else { throw failure("unexpected character") }
        if integral, let number = Int64(text) { return .int(number) }
        guard let number = Double(text) else { throw failure("`\(text)` is not a number") }
        return .double(number)
    }

    private mutating func string() throws(EditError) -> String {
        index += 1  // the opening quote
        var scalars = String.UnicodeScalarView()
        var chunkStart = index
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[chunkStart..<end], as: UTF8.self).unicodeScalars) }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                flush(index)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(index)
                guard index + 1 < bytes.count else { throw failure("unterminated escape") }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes[index...].starts(with: "\\u".utf8) {
                        index += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                default: throw failure("unknown escape \\\(Character(Unicode.Scalar(escape)))")
                }
                chunkStart = index
            case 0x00..<0x20:
                throw failure("control character inside a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws(EditError) -> UInt32 {
        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
            throw failure("bad \\u escape")
        }
        index += 4
        return code
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func failure(_ message: String) -> EditError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return .syntax("line \(line), column \(column): invalid JSON: \(message)")
    }
}
