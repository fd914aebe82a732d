/// A version constraint with Masterminds/semver v3 syntax and semantics (what Kargo's
/// `semverConstraint` uses), such as `^1.2.3`, `~1.2`, `>= 1.2.3, < 2.0.0`, `1.2.x`,
/// `1.2 - 1.4.5` or `^1.0 || ^2.0`.
///
/// Parsing and checking are a port of Masterminds' `NewConstraint` and `Check`:
/// - operators `=` (or none), `!=`, `>`, `<`, `>=` / `=>`, `<=` / `=<`, `~` / `~>` (tilde),
///   `^` (caret);
/// - `x`, `X` and `*` wildcards in any position, and missing minor/patch (`1.2` means `1.2.x`);
/// - terms joined by spaces or commas are ANDed, alternatives joined by `||` are ORed;
/// - hyphen ranges `A - B` (spaces required) mean `>= A, <= B`;
/// - pre-release versions (`1.3.0-rc.1`) satisfy an alternative only when some term of that
///   alternative itself carries a pre-release (`>= 1.3.0-0`), or when `includePrerelease`
///   is set — the rule Masterminds documents as "pre-release versions are only considered if
///   the constraint includes a pre-release".
public struct SemVerConstraint: Sendable, Hashable, CustomStringConvertible {
    /// The constraint as written.
    public let text: String
    /// Masterminds' `IncludePrerelease`: consider pre-release versions in every alternative.
    public var includePrerelease: Bool = false

    let alternatives: [Alternative]

    /// Parses a constraint; the error names the offending part and what would be valid.
    public init(parsing text: String) throws(SemVerConstraintError) {
        self.text = text
        self.alternatives = try ConstraintParser.parse(text)
    }

    /// Whether `version` satisfies the constraint (Masterminds' `Constraints.Check`).
    public func isSatisfied(by version: SemanticVersion) -> Bool {
        alternatives.contains { alternative in
            let includePre = includePrerelease || alternative.containsPrerelease
            return alternative.terms.allSatisfy { $0.check(version, includePrerelease: includePre) }
        }
    }

    /// The constraint normalized as Masterminds' `String()` prints it: `>=1.2 <=1.4.5 || ^2`.
    public var description: String {
        alternatives.map { $0.terms.map { $0.operatorText + $0.versionText }.joined(separator: " ") }
            .joined(separator: " || ")
    }
}

/// Why a constraint was rejected. Each case carries the offending part and the whole constraint.
public enum SemVerConstraintError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The constraint is empty or only whitespace.
    case empty
    /// One side of a `||` is empty (`">= 1.2.3 ||"`); carries the constraint.
    case emptyAlternative(constraint: String)
    /// A part is not `operator version` (`"abc"`, `"~>"`, `">= bar"`, `"1.2.3.4"`).
    case invalidTerm(String, constraint: String)
    /// A term is well formed but its version is not (`"1.2.3-01"`, a number over 64 bits).
    case invalidVersion(String, reason: SemanticVersionError, constraint: String)

    static let expected = "expected an optional operator (=, !=, >, <, >=, <=, ~, ~>, ^) followed by a version "
        + "such as 1.2.3, v1.2, 1.2.x or *; join terms with spaces or commas (AND) or || (OR), "
        + "or write a range as 1.2 - 1.4.5"

    public var description: String {
        let q = EscapedText.doubleQuoted
        switch self {
        case .empty:
            return "empty version constraint; \(Self.expected)"
        case .emptyAlternative(let constraint):
            return "empty alternative in version constraint \(q(constraint)): each side of || needs "
                + "a constraint such as >=1.2.3"
        case .invalidTerm(let term, let constraint):
            if term == constraint {
                return "invalid version constraint \(q(constraint)); \(Self.expected)"
            }
            return "invalid term \(q(term)) in version constraint \(q(constraint)); \(Self.expected)"
        case .invalidVersion(let term, let reason, let constraint):
            return "invalid version in term \(q(term)) of version constraint \(q(constraint)): \(reason)"
        }
    }
}

// MARK: - Model

extension SemVerConstraint {
    /// One `||` alternative: terms that must all hold.
    struct Alternative: Sendable, Hashable {
        var terms: [Term]
        /// Whether any term carries a pre-release, which opts the alternative into pre-releases.
        var containsPrerelease: Bool
    }

    enum Operation: Sendable, Hashable {
        case tildeOrEqual, notEqual, greater, less, greaterOrEqual, lessOrEqual, tilde, caret
    }

    /// One comparison, as Masterminds' `constraint` struct.
    struct Term: Sendable, Hashable {
        var operation: Operation
        /// The operator as written (`"=>"`, `""`), for `description`.
        var operatorText: String
        /// The version as written (`"1.2.x"`), for `description` and diagnostics.
        var versionText: String
        /// The version compared against, wildcards replaced by 0 (`1.2.x` → 1.2.0).
        var version: SemanticVersion
        /// A wildcard or missing part somewhere (`*`, `1.x`, `1.2`).
        var dirty: Bool
        /// The minor part is a wildcard or missing (`1`, `1.x`).
        var minorDirty: Bool
        /// The patch part is a wildcard or missing (`1.2`, `1.2.x`).
        var patchDirty: Bool

        func check(_ v: SemanticVersion, includePrerelease: Bool) -> Bool {
            // Pre-release versions are only considered when the alternative asks for them.
            if v.isPrerelease && !includePrerelease { return false }
            switch operation {
            case .tildeOrEqual: return dirty ? tilde(v) : v.comparePrecedence(to: version) == 0
            case .notEqual: return notEqual(v)
            case .greater: return greater(v)
            case .less: return v.comparePrecedence(to: version) < 0
            case .greaterOrEqual: return v.comparePrecedence(to: version) >= 0
            case .lessOrEqual: return lessOrEqual(v)
            case .tilde: return tilde(v)
            case .caret: return caret(v)
            }
        }

        private func notEqual(_ v: SemanticVersion) -> Bool {
            if dirty {
                if version.major != v.major { return true }
                if version.minor != v.minor && !minorDirty {
                    return true
                } else if minorDirty {
                    return false
                } else if version.patch != v.patch && !patchDirty {
                    return true
                } else if patchDirty {
                    if v.isPrerelease || version.isPrerelease {
                        return SemanticVersion.comparePrerelease(v.prerelease, version.prerelease) != 0
                    }
                    return false
                }
            }
            return v.comparePrecedence(to: version) != 0
        }

        private func greater(_ v: SemanticVersion) -> Bool {
            if !dirty { return v.comparePrecedence(to: version) > 0 }
            if v.major > version.major { return true }
            if v.major < version.major { return false }
            // `>1` needs 2.0.0 or higher; `>1.1` needs 1.2.0 or higher.
            if minorDirty { return false }
            if patchDirty { return v.minor > version.minor }
            return v.comparePrecedence(to: version) > 0
        }

        private func lessOrEqual(_ v: SemanticVersion) -> Bool {
            if !dirty { return v.comparePrecedence(to: version) <= 0 }
            if v.major > version.major { return false }
            if v.major == version.major && v.minor > version.minor && !minorDirty { return false }
            return true
        }

        /// `~1.2.3` is >=1.2.3 <1.3.0; `~1.2` is >=1.2.0 <1.3.0; `~1` is >=1.0.0 <2.0.0; `~*` is any.
        private func tilde(_ v: SemanticVersion) -> Bool {
            if v.comparePrecedence(to: version) < 0 { return false }
            if version.major == 0 && version.minor == 0 && version.patch == 0 && !minorDirty && !patchDirty {
                return true
            }
            if v.major != version.major { return false }
            if v.minor != version.minor && !minorDirty { return false }
            return true
        }

        /// `^1.2.3` is >=1.2.3 <2.0.0; `^0.2.3` is >=0.2.3 <0.3.0; `^0.0.3` is >=0.0.3 <0.0.4;
        /// `^0` is >=0.0.0 <1.0.0; `^0.0` is >=0.0.0 <0.1.0.
        private func caret(_ v: SemanticVersion) -> Bool {
            if v.comparePrecedence(to: version) < 0 { return false }
            if version.major > 0 || minorDirty { return v.major == version.major }
            if v.major > 0 { return false }
            if version.minor > 0 || patchDirty { return v.minor == version.minor }
            if v.minor > 0 { return false }
            return v.patch == version.patch
        }
    }
}

// MARK: - Parsing

/// A byte-level port of Masterminds' constraint regular expressions (Go RE2 semantics, `\s` being
/// `[\t\n\f\r ]`), written as scanners so that no input can cause pathological backtracking.
enum ConstraintParser {
    typealias Bytes = [UInt8]

    static func parse(_ text: String) throws(SemVerConstraintError) -> [SemVerConstraint.Alternative] {
        let original = Bytes(text.utf8)
        if original.allSatisfy(isSpace) { throw .empty }
        let rewritten = rewriteRanges(original)
        var alternatives: [SemVerConstraint.Alternative] = []
        let segments = split(rewritten, on: Bytes("||".utf8))
        for (index, segment) in segments.enumerated() {
            guard let rawTerms = recognize(segment) else {
                if segment.allSatisfy(isSpace) { throw .emptyAlternative(constraint: text) }
                throw .invalidTerm(
                    culprit(in: original, alternativeIndex: index, alternativeCount: segments.count,
                            fallback: segment),
                    constraint: text)
            }
            var terms: [SemVerConstraint.Term] = []
            for raw in rawTerms {
                terms.append(try makeTerm(raw, in: segment, constraint: text))
            }
            alternatives.append(.init(terms: terms, containsPrerelease: terms.contains { $0.version.isPrerelease }))
        }
        return alternatives
    }

    // MARK: Character classes

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// `[0-9|x|X|\*]`: the characters of a version number part (yes, `|` included, as in Go).
    static func isPartByte(_ byte: UInt8) -> Bool {
        SemVerBytes.isDigit(byte) || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "x")
            || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*")
    }

    static func isOperatorByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: ">"), UInt8(ascii: "<"),
             UInt8(ascii: "~"), UInt8(ascii: "^"): true
        default: false
        }
    }

    static func operation(_ text: Bytes) -> SemVerConstraint.Operation? {
        switch String(decoding: text, as: UTF8.self) {
        case "", "=": .tildeOrEqual
        case "!=": .notEqual
        case ">": .greater
        case "<": .less
        case ">=", "=>": .greaterOrEqual
        case "<=", "=<": .lessOrEqual
        case "~", "~>": .tilde
        case "^": .caret
        default: nil
        }
    }

    static func skipSpaces(_ bytes: Bytes, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    // MARK: The version pattern (cvRegex)

    /// A match of `v?(P+)(\.P+)?(\.P+)?(-IDENTS)?(\+IDENTS)?`, greedy as Go matches it.
    struct VersionMatch {
        var range: Range<Int>
        var major: Range<Int>
        var minor: Range<Int>?  // including the dot
        var patch: Range<Int>?  // including the dot
        var prerelease: Range<Int>?  // including the dash
    }

    static func matchVersion(_ bytes: Bytes, at start: Int) -> VersionMatch? {
        var index = start
        if index < bytes.count, bytes[index] == UInt8(ascii: "v") { index += 1 }
        let majorStart = index
        while index < bytes.count, isPartByte(bytes[index]) { index += 1 }
        guard index > majorStart else { return nil }
        var match = VersionMatch(range: start..<index, major: majorStart..<index)

        func dottedPart() -> Range<Int>? {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), isPartByte(bytes[index + 1])
            else { return nil }
            let partStart = index
            index += 1
            while index < bytes.count, isPartByte(bytes[index]) { index += 1 }
            return partStart..<index
        }
        func identifiers(after marker: UInt8) -> Range<Int>? {
            guard index + 1 < bytes.count, bytes[index] == marker, SemVerBytes.isIdentifier(bytes[index + 1])
            else { return nil }
            let sectionStart = index
            index += 1
            while index < bytes.count {
                if SemVerBytes.isIdentifier(bytes[index]) {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count,
                          SemVerBytes.isIdentifier(bytes[index + 1]) {
                    index += 1
                } else {
                    break
                }
            }
            return sectionStart..<index
        }

        match.minor = dottedPart()
        if match.minor != nil { match.patch = dottedPart() }
        match.prerelease = identifiers(after: UInt8(ascii: "-"))
        _ = identifiers(after: UInt8(ascii: "+"))
        match.range = start..<index
        return match
    }

    // MARK: Hyphen ranges (rewriteRange)

    /// Masterminds' `rewriteRange`: every leftmost match of `\s*(V)\s+-\s+(V)\s*` becomes
    /// `>= A, <= B ` (replacing the first occurrence of the matched text, as Go's code does).
    static func rewriteRanges(_ text: Bytes) -> Bytes {
        // afterSpaces[i]: the first non-space index at or after i; nextSpace[i]: the first space
        // index at or after i. A version never contains a space, so a range can only start where
        // the token ends in ` - `; checking that first keeps the scan linear for ordinary input.
        let count = text.count
        var afterSpaces = [Int](repeating: count, count: count + 1)
        var nextSpace = [Int](repeating: count, count: count + 1)
        for index in stride(from: count - 1, through: 0, by: -1) {
            afterSpaces[index] = isSpace(text[index]) ? afterSpaces[index + 1] : index
            nextSpace[index] = isSpace(text[index]) ? index : nextSpace[index + 1]
        }
        func dashFollows(_ spaceIndex: Int) -> Bool {
            guard spaceIndex < count else { return false }
            let dash = afterSpaces[spaceIndex]
            return dash + 1 < count && text[dash] == UInt8(ascii: "-") && afterSpaces[dash + 1] > dash + 1
        }

        var found: [(whole: Bytes, low: Bytes, high: Bytes)] = []
        var position = 0
        while position < count {
            var matched = false
            for start in position..<count {
                let versionStart = afterSpaces[start]
                guard dashFollows(nextSpace[versionStart]),
                      let low = matchVersion(text, at: versionStart),
                      low.range.upperBound == nextSpace[versionStart]
                else { continue }
                let dash = afterSpaces[low.range.upperBound]
                guard let high = matchVersion(text, at: afterSpaces[dash + 1]) else { continue }
                let end = afterSpaces[high.range.upperBound]
                found.append((Bytes(text[start..<end]), Bytes(text[low.range]), Bytes(text[high.range])))
                position = end
                matched = true
                break
            }
            if !matched { break }
        }
        var result = text
        for range in found {
            let replacement = Bytes(">= ".utf8) + range.low + Bytes(", <= ".utf8) + range.high + [0x20]
            if let at = firstIndex(of: range.whole, in: result) {
                result.replaceSubrange(at..<(at + range.whole.count), with: replacement)
            }
        }
        return result
    }

    static func firstIndex(of needle: Bytes, in haystack: Bytes, from start: Int = 0) -> Int? {
        guard !needle.isEmpty, start + needle.count <= haystack.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    /// Go's `strings.Split`.
    static func split(_ text: Bytes, on separator: Bytes) -> [Bytes] {
        var pieces: [Bytes] = []
        var start = 0
        while let at = firstIndex(of: separator, in: text, from: start) {
            pieces.append(Bytes(text[start..<at]))
            start = at + separator.count
        }
        pieces.append(Bytes(text[start...]))
        return pieces
    }

    // MARK: AND groups (validConstraintRegex + findConstraintRegex)

    struct RawTerm {
        var operatorText: Bytes
        var version: VersionMatch
    }

    /// Recognizes `^\s*OP\s*V\s*((\s+|,\s*)OP\s*V\s*)*$` and returns its terms, or nil.
    static func recognize(_ segment: Bytes) -> [RawTerm]? {
        var terms: [RawTerm] = []
        var index = skipSpaces(segment, from: 0)
        while true {
            let operatorStart = index
            while index < segment.count, isOperatorByte(segment[index]) { index += 1 }
            let operatorText = Bytes(segment[operatorStart..<index])
            guard operation(operatorText) != nil else { return nil }
            index = skipSpaces(segment, from: index)
            guard let version = matchVersion(segment, at: index) else { return nil }
            terms.append(RawTerm(operatorText: operatorText, version: version))
            index = version.range.upperBound
            let afterSpaces = skipSpaces(segment, from: index)
            if afterSpaces == segment.count { return terms }
            if segment[afterSpaces] == UInt8(ascii: ",") {
                index = skipSpaces(segment, from: afterSpaces + 1)
            } else if afterSpaces > index {
                index = afterSpaces
            } else {
                return nil
            }
        }
    }

    /// Masterminds' `parseConstraint` for one recognized term.
    static func makeTerm(_ raw: RawTerm, in segment: Bytes, constraint: String) throws(SemVerConstraintError)
        -> SemVerConstraint.Term
    {
        func text(_ range: Range<Int>?) -> String {
            range.map { String(decoding: segment[$0], as: UTF8.self) } ?? ""
        }
        func isWildcard(_ part: String) -> Bool { part == "x" || part == "X" || part == "*" }
        let match = raw.version
        let major = text(match.major)
        let minor = text(match.minor)
        let patch = text(match.patch)
        let prerelease = text(match.prerelease)
        let versionText = text(match.range)
        let operatorText = String(decoding: raw.operatorText, as: UTF8.self)

        var dirty = false, minorDirty = false, patchDirty = false
        let coerced: String
        if isWildcard(major) {
            dirty = true
            coerced = "0.0.0" + prerelease
        } else if minor.isEmpty || isWildcard(String(minor.dropFirst())) {
            dirty = true
            minorDirty = true
            coerced = major + ".0.0" + prerelease
        } else if patch.isEmpty || isWildcard(String(patch.dropFirst())) {
            dirty = true
            patchDirty = true
            coerced = major + minor + ".0" + prerelease
        } else {
            coerced = versionText
        }
        let version: SemanticVersion
        do {
            version = try SemanticVersion(parsing: coerced, strict: false)
        } catch {
            throw .invalidVersion(operatorText + versionText, reason: error, constraint: constraint)
        }
        return SemVerConstraint.Term(
            operation: operation(raw.operatorText)!, operatorText: operatorText, versionText: versionText,
            version: version, dirty: dirty, minorDirty: minorDirty, patchDirty: patchDirty)
    }

    // MARK: Diagnostics

    /// The first part of the constraint as written that is not a valid term, for the error message.
    static func culprit(in original: Bytes, alternativeIndex: Int, alternativeCount: Int, fallback: Bytes) -> String {
        let alternatives = split(original, on: Bytes("||".utf8))
        for alternative in alternatives {
            if let bad = firstBadChunk(alternative) { return bad }
        }
        let chosen = alternatives.count == alternativeCount ? alternatives[alternativeIndex] : fallback
        return trimmed(chosen)
    }

    static func trimmed(_ bytes: Bytes) -> String {
        var slice = bytes[...]
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// Splits an alternative into space/comma separated chunks and returns the first one (joined
    /// with its operator or range neighbours) that cannot be a term.
    static func firstBadChunk(_ alternative: Bytes) -> String? {
        let chunks = alternative.split(whereSeparator: { isSpace($0) || $0 == UInt8(ascii: ",") }).map(Bytes.init)
        func string(_ parts: [Bytes]) -> String {
            parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }
        func isBareVersion(_ chunk: Bytes) -> Bool {
            matchVersion(chunk, at: 0)?.range.upperBound == chunk.count
        }
        var index = 0
        var previousWasBareVersion = false
        while index < chunks.count {
            let chunk = chunks[index]
            if chunk == [UInt8(ascii: "-")] {
                let next = index + 1 < chunks.count ? chunks[index + 1] : nil
                if !previousWasBareVersion || next.map(isBareVersion) != true {
                    return string((index > 0 ? [chunks[index - 1]] : []) + [chunk] + (next.map { [$0] } ?? []))
                }
                index += 2
                previousWasBareVersion = true
                continue
            }
            var operatorEnd = 0
            while operatorEnd < chunk.count, isOperatorByte(chunk[operatorEnd]) { operatorEnd += 1 }
            let operatorText = Bytes(chunk[..<operatorEnd])
            if operation(operatorText) == nil { return string([chunk]) }
            if operatorEnd == chunk.count {
                // A bare operator: its version is the next chunk.
                guard index + 1 < chunks.count else { return string([chunk]) }
                let next = chunks[index + 1]
                if !isBareVersion(next) { return string([chunk, next]) }
                index += 2
                previousWasBareVersion = false
                continue
            }
            if matchVersion(chunk, at: operatorEnd)?.range.upperBound != chunk.count { return string([chunk]) }
            previousWasBareVersion = operatorEnd == 0
            index += 1
        }
        return nil
    }
}
