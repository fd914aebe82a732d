/// Checks regular expressions meant for Go's RE2 engine (Kargo compiles image `allowTags` /
/// `ignoreTags` and similar patterns with Go's `regexp`) for constructs RE2 does not support,
/// so that `freightline validate` can say why Kargo would reject a pattern.
///
/// Flagged: lookahead `(?=` / `(?!`, lookbehind `(?<=` / `(?<!`, backreferences (`\1`–`\9` when
/// not an octal escape, `\k<name>`, `\g…`, `(?P=name)`), possessive quantifiers (`a*+`, `a++`,
/// `a?+`, `a{2}+`), atomic groups `(?>`, conditionals `(?(`, recursion and subroutine calls
/// (`(?R)`, `(?1)`, `(?&name)`, `(?P>name)`), and inline comments `(?#`. Escaped characters,
/// `\Q…\E` literal text and the contents of character classes (`[(?=]`) are never flagged.
public enum RE2Compatibility {
    /// The first unsupported construct in a pattern.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            case lookahead = "lookahead"
            case negativeLookahead = "negative lookahead"
            case lookbehind = "lookbehind"
            case negativeLookbehind = "negative lookbehind"
            case backreference = "backreference"
            case namedBackreference = "named backreference"
            case possessiveQuantifier = "possessive quantifier"
            case atomicGroup = "atomic group"
            case conditional = "conditional"
            case recursion = "recursion"
            case comment = "inline comment"
        }

        public var kind: Kind
        /// The construct as written, such as `(?=` or `\1` or `*+`.
        public var construct: String
        /// Where the construct starts, in UTF-8 bytes from the start of the pattern.
        public var utf8Offset: Int

        /// For example: "lookahead `(?=` is not supported by Go's RE2".
        public var description: String {
            "\(kind.rawValue) `\(construct)` is not supported by Go's RE2"
        }
    }

    /// A human description of the first RE2-unsupported construct in `pattern`, such as
    /// "lookahead `(?=` is not supported by Go's RE2", or nil when there is none.
    public static func unsupportedFeature(in pattern: String) -> String? {
        firstUnsupportedFeature(in: pattern)?.description
    }

    /// The first RE2-unsupported construct in `pattern`, with its position, or nil.
    public static func firstUnsupportedFeature(in pattern: String) -> Finding? {
        var scanner = Scanner(bytes: Array(pattern.utf8))
        return scanner.scan()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Whether the previous item was a quantifier that a `+` would make possessive.
        var afterQuantifier = false

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func byte(at offset: Int) -> UInt8? {
            offset < bytes.count ? bytes[offset] : nil
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
        }

        func startsWith(_ prefix: String, at offset: Int) -> Bool {
            let needle = Array(prefix.utf8)
            guard offset + needle.count <= bytes.count else { return false }
            return bytes[offset..<(offset + needle.count)].elementsEqual(needle)
        }

        func finding(_ kind: Finding.Kind, _ length: Int) -> Finding {
            Finding(kind: kind, construct: text(index..<(index + length)), utf8Offset: index)
        }

        mutating func scan() -> Finding? {
            while index < bytes.count {
                let current = bytes[index]
                switch current {
                case UInt8(ascii: "\\"):
                    if let found = escape() { return found }
                    afterQuantifier = false
                case UInt8(ascii: "["):
                    skipClass()
                    afterQuantifier = false
                case UInt8(ascii: "("):
                    if let found = group() { return found }
                    afterQuantifier = false
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    if afterQuantifier && current == UInt8(ascii: "+") {
                        return Finding(kind: .possessiveQuantifier, construct: text((index - 1)..<(index + 1)),
                                       utf8Offset: index - 1)
                    }
                    if afterQuantifier && current == UInt8(ascii: "?") {
                        // A lazy quantifier (`*?`); a `+` after it is not possessive syntax.
                        afterQuantifier = false
                    } else {
                        afterQuantifier = true
                    }
                    index += 1
                case UInt8(ascii: "{"):
                    if let end = repetitionEnd(from: index) {
                        if byte(at: end) == UInt8(ascii: "+") {
                            return Finding(kind: .possessiveQuantifier, construct: text(index..<(end + 1)),
                                           utf8Offset: index)
                        }
                        index = end
                        afterQuantifier = false
                        // A lazy `{n}?` is fine; step over it so `?` is not seen as a quantifier.
                        if byte(at: index) == UInt8(ascii: "?") { index += 1 }
                    } else {
                        index += 1
                        afterQuantifier = false
                    }
                default:
                    index += 1
                    afterQuantifier = false
                }
            }
            return nil
        }

        /// `{n}`, `{n,}` or `{n,m}` starting at `start`; returns the index after `}`. Anything else
        /// is a literal `{` in Go.
        func repetitionEnd(from start: Int) -> Int? {
            var offset = start + 1
            let digitsStart = offset
            while let b = byte(at: offset), SemVerBytes.isDigit(b) { offset += 1 }
            guard offset > digitsStart else { return nil }
            if byte(at: offset) == UInt8(ascii: ",") {
                offset += 1
                while let b = byte(at: offset), SemVerBytes.isDigit(b) { offset += 1 }
            }
            guard byte(at: offset) == UInt8(ascii: "}") else { return nil }
            return offset + 1
        }

        /// An escape at `index` (a backslash). Steps over it, or reports a backreference.
        mutating func escape() -> Finding? {
            guard let next = byte(at: index + 1) else {
                index += 1
                return nil
            }
            switch next {
            case UInt8(ascii: "1")...UInt8(ascii: "7"):
                // Go reads `\1` followed by another octal digit as an octal escape (`\12`).
                if let after = byte(at: index + 2), after >= UInt8(ascii: "0"), after <= UInt8(ascii: "7") {
                    index += 2
                    return nil
                }
                return finding(.backreference, 2)
            case UInt8(ascii: "8"), UInt8(ascii: "9"):
                return finding(.backreference, 2)
            case UInt8(ascii: "k"):
                // \k<name>, \k'name', \k{name}
                let closers: [UInt8: UInt8] = [
                    UInt8(ascii: "<"): UInt8(ascii: ">"), UInt8(ascii: "'"): UInt8(ascii: "'"),
                    UInt8(ascii: "{"): UInt8(ascii: "}"),
                ]
                if let open = byte(at: index + 2), let close = closers[open],
                   let end = bytes[(index + 3)...].firstIndex(of: close) {
                    return finding(.namedBackreference, end + 1 - index)
                }
                return finding(.namedBackreference, 2)
            case UInt8(ascii: "g"):
                // \g1, \g{1}, \g{-1}, \g<name>: backreferences or subroutine calls.
                var end = index + 2
                if let open = byte(at: end), open == UInt8(ascii: "{") || open == UInt8(ascii: "<") {
                    let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ">")
                    if let closing = bytes[(end + 1)...].firstIndex(of: close) { end = closing + 1 }
                } else {
                    while let b = byte(at: end), SemVerBytes.isDigit(b) || b == UInt8(ascii: "-") { end += 1 }
                }
                return finding(.backreference, end - index)
            case UInt8(ascii: "Q"):
                // \Q...\E is literal text.
                var offset = index + 2
                while offset < bytes.count && !startsWith("\\E", at: offset) { offset += 1 }
                index = min(offset + 2, bytes.count)
                return nil
            default:
                // Step over the whole escaped character (it may be multi-byte).
                index += 2
                while let b = byte(at: index), b & 0xC0 == 0x80 { index += 1 }
                return nil
            }
        }

        /// Skips a character class starting at `index` (`[`), honouring escapes, a leading `]`
        /// (literal in Go), and `[:name:]` classes.
        mutating func skipClass() {
            var offset = index + 1
            if byte(at: offset) == UInt8(ascii: "^") { offset += 1 }
            if byte(at: offset) == UInt8(ascii: "]") { offset += 1 }
            while offset < bytes.count {
                let current = bytes[offset]
                if current == UInt8(ascii: "\\") {
                    if byte(at: offset + 1) == UInt8(ascii: "Q") {
                        offset += 2
                        while offset < bytes.count && !startsWith("\\E", at: offset) { offset += 1 }
                        offset += 2
                    } else {
                        offset += 2
                    }
                } else if current == UInt8(ascii: "["), byte(at: offset + 1) == UInt8(ascii: ":"),
                          let close = closingOfNamedClass(from: offset + 2) {
                    offset = close
                } else if current == UInt8(ascii: "]") {
                    index = offset + 1
                    return
                } else {
                    offset += 1
                }
            }
            // Unterminated class: Go rejects the pattern anyway; nothing after it is syntax.
            index = bytes.count
        }

        /// The index after the `:]` that closes a `[:name:]` class, if it follows.
        func closingOfNamedClass(from start: Int) -> Int? {
            var offset = start
            while offset + 1 < bytes.count {
                if bytes[offset] == UInt8(ascii: ":") && bytes[offset + 1] == UInt8(ascii: "]") { return offset + 2 }
                if bytes[offset] == UInt8(ascii: "]") { return nil }
                offset += 1
            }
            return nil
        }

        /// A group opening at `index` (`(`). Reports unsupported `(?…` forms; steps over the rest.
        mutating func group() -> Finding? {
            guard byte(at: index + 1) == UInt8(ascii: "?") else {
                index += 1
                return nil
            }
            let checks: [(String, Finding.Kind)] = [
                ("(?<=", .lookbehind), ("(?<!", .negativeLookbehind),
                ("(?=", .lookahead), ("(?!", .negativeLookahead),
                ("(?>", .atomicGroup), ("(?(", .conditional),
                ("(?P=", .namedBackreference), ("(?P>", .recursion), ("(?&", .recursion),
                ("(?R)", .recursion), ("(?#", .comment),
            ]
            for (prefix, kind) in checks where startsWith(prefix, at: index) {
                var length = prefix.utf8.count
                if kind == .namedBackreference || prefix == "(?P>" || prefix == "(?&" {
                    // Show the name too: (?P=name).
                    if let close = bytes[(index + length)...].firstIndex(of: UInt8(ascii: ")")) {
                        length = close + 1 - index
                    }
                }
                return finding(kind, length)
            }
            // (?1), (?+1), (?-1): numbered subroutine calls.
            var offset = index + 2
            if let sign = byte(at: offset), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset += 1 }
            let digitsStart = offset
            while let b = byte(at: offset), SemVerBytes.isDigit(b) { offset += 1 }
            if offset > digitsStart, byte(at: offset) == UInt8(ascii: ")") {
                return finding(.recursion, offset + 1 - index)
            }
            // Supported: (?:, (?P<name>, (?<name>, (?flags), (?flags:. Step past `(?`.
            index += 2
            return nil
        }
    }
}
