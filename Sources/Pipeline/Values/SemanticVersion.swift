/// A semantic version as Masterminds/semver v3 (the library Kargo uses) understands it.
///
/// `SemanticVersion(parsing:)` is strict SemVer 2.0 (Masterminds' `StrictNewVersion`);
/// `SemanticVersion(parsing:strict: false)` also takes the loose forms Masterminds' default
/// `NewVersion` coerces, such as `v1.2`, `1`, `01.2.3` or `1.2-beta` (but never `1.2.3.4`).
///
/// Equality is structural over the numbers, pre-release and build metadata (not the original
/// spelling). Ordering is SemVer precedence (`comparePrecedence(to:)`, which ignores build
/// metadata), with build metadata compared only to break ties so that `<` stays consistent with
/// `==`; use `hasSamePrecedence(as:)` for precedence equality.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    /// The dot-separated pre-release identifiers without the leading `-`; empty when none.
    public let prerelease: String
    /// The dot-separated build metadata identifiers without the leading `+`; empty when none.
    public let buildMetadata: String
    /// The text as it was parsed (`"v1.2"`), or the canonical form for constructed versions.
    public let original: String

    /// A version from its parts. Like Masterminds' `New`, the identifiers are not validated.
    public init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: String = "", buildMetadata: String = "") {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.buildMetadata = buildMetadata
        self.original = Self.canonical(major, minor, patch, prerelease, buildMetadata)
    }

    /// The canonical form `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` (no `v`), as Masterminds' `String()`.
    public var description: String {
        Self.canonical(major, minor, patch, prerelease, buildMetadata)
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The pre-release identifiers (`["rc", "1"]` for `1.2.3-rc.1`).
    public var prereleaseIdentifiers: [Substring] {
        prerelease.isEmpty ? [] : prerelease.split(separator: ".", omittingEmptySubsequences: false)
    }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch
            && lhs.prerelease == rhs.prerelease && lhs.buildMetadata == rhs.buildMetadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
        hasher.combine(buildMetadata)
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        let order = lhs.comparePrecedence(to: rhs)
        if order != 0 { return order < 0 }
        return lhs.buildMetadata.utf8.lexicographicallyPrecedes(rhs.buildMetadata.utf8)
    }

    /// SemVer 2.0 precedence, as Masterminds' `Compare`: -1, 0 or 1 when this version is lower
    /// than, equal in precedence to, or higher than `other`. Build metadata is ignored; a
    /// pre-release is lower than its release; pre-release identifiers compare numerically when
    /// both are numeric, numeric below alphanumeric, otherwise in ASCII order; fewer identifiers
    /// is lower when all shared ones are equal.
    public func comparePrecedence(to other: SemanticVersion) -> Int {
        if major != other.major { return major < other.major ? -1 : 1 }
        if minor != other.minor { return minor < other.minor ? -1 : 1 }
        if patch != other.patch { return patch < other.patch ? -1 : 1 }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return Self.comparePrerelease(prerelease, other.prerelease)
        }
    }

    /// Whether the two versions have equal precedence (they may differ in build metadata).
    public func hasSamePrecedence(as other: SemanticVersion) -> Bool {
        comparePrecedence(to: other) == 0
    }

    static func comparePrerelease(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.split(separator: ".", omittingEmptySubsequences: false)
        let right = rhs.split(separator: ".", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let order = comparePrereleasePart(
                index < left.count ? left[index] : "", index < right.count ? right[index] : "")
            if order != 0 { return order }
        }
        return 0
    }

    /// Masterminds' `comparePrePart`: an identifier is numeric when it parses as a UInt64.
    private static func comparePrereleasePart(_ lhs: Substring, _ rhs: Substring) -> Int {
        if lhs == rhs { return 0 }
        if lhs.isEmpty { return -1 }
        if rhs.isEmpty { return 1 }
        switch (SemVerBytes.parseUInt64(lhs), SemVerBytes.parseUInt64(rhs)) {
        case (let l?, let r?): return l > r ? 1 : -1
        case (nil, nil): return rhs.utf8.lexicographicallyPrecedes(lhs.utf8) ? 1 : -1
        case (nil, _?): return 1
        case (_?, nil): return -1
        }
    }

    private static func canonical(
        _ major: UInt64, _ minor: UInt64, _ patch: UInt64, _ prerelease: String, _ build: String
    ) -> String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease }
        if !build.isEmpty { text += "+" + build }
        return text
    }
}

// MARK: - Parsing

/// Why a version string was rejected; every case but `.empty` carries the text as written.
public enum SemanticVersionError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// Not shaped like a version at all (wrong number of parts, stray characters).
    case malformed(String, strict: Bool)
    /// A numeric part with a leading zero (`01`), which SemVer forbids; carries the part.
    case leadingZero(String, part: String)
    /// A major, minor or patch number too large for 64 bits; carries the part.
    case numberTooLarge(String, part: String)
    /// The pre-release is not dot-separated non-empty `[0-9A-Za-z-]` identifiers.
    case invalidPrerelease(String, prerelease: String)
    /// The build metadata is not dot-separated non-empty `[0-9A-Za-z-]` identifiers.
    case invalidBuildMetadata(String, metadata: String)

    public var description: String {
        let q = EscapedText.doubleQuoted
        switch self {
        case .empty:
            return "empty version; expected MAJOR.MINOR.PATCH such as 1.2.3"
        case .malformed(let text, let strict):
            if strict {
                return "invalid semantic version \(q(text)); expected MAJOR.MINOR.PATCH with an optional "
                    + "-PRERELEASE and +BUILD, such as 1.2.3 or 1.2.3-rc.1+build.5"
            }
            return "invalid semantic version \(q(text)); expected an optional v, then MAJOR[.MINOR[.PATCH]] "
                + "with an optional -PRERELEASE and +BUILD, such as v1.2, 1.2.3 or 1.2.3-rc.1+build.5"
        case .leadingZero(let text, let part):
            return "invalid semantic version \(q(text)): numeric part \(q(part)) has a leading zero"
        case .numberTooLarge(let text, let part):
            return "invalid semantic version \(q(text)): \(q(part)) does not fit in 64 bits"
        case .invalidPrerelease(let text, let prerelease):
            return "invalid pre-release \(q(prerelease)) in version \(q(text)); expected dot-separated "
                + "identifiers of letters, digits and hyphens, such as rc.1 (no empty identifiers, "
                + "no leading zeros in numbers)"
        case .invalidBuildMetadata(let text, let metadata):
            return "invalid build metadata \(q(metadata)) in version \(q(text)); expected dot-separated "
                + "identifiers of letters, digits and hyphens, such as build.5"
        }
    }
}

extension SemanticVersion {
    /// Parses a version. Strict (the default) accepts exactly SemVer 2.0, as Masterminds'
    /// `StrictNewVersion`. With `strict: false` it accepts what Masterminds' `NewVersion`
    /// accepts (it coerces by default): an optional leading `v`, a missing minor and/or patch
    /// (taken as 0), and leading zeros in the numbers (`v1.2` is 1.2.0, `1` is 1.0.0).
    public init(parsing text: String, strict: Bool = true) throws(SemanticVersionError) {
        if text.isEmpty { throw .empty }
        let parts = strict ? try Self.parseStrict(text) : try Self.parseLoose(text)
        self.major = parts.major
        self.minor = parts.minor
        self.patch = parts.patch
        self.prerelease = parts.prerelease
        self.buildMetadata = parts.metadata
        self.original = text
    }

    private typealias Parts = (major: UInt64, minor: UInt64, patch: UInt64, prerelease: String, metadata: String)

    /// Masterminds' `StrictNewVersion`.
    private static func parseStrict(_ text: String) throws(SemanticVersionError) -> Parts {
        // Split into major, minor and the rest on the first two dots.
        var pieces = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw .malformed(text, strict: true) }
        var metadata = ""
        var prerelease = ""
        if let plus = pieces[2].firstIndex(of: "+") {
            metadata = String(pieces[2][pieces[2].index(after: plus)...])
            pieces[2] = pieces[2][..<plus]
            try validateMetadata(metadata, in: text)
        }
        if let dash = pieces[2].firstIndex(of: "-") {
            prerelease = String(pieces[2][pieces[2].index(after: dash)...])
            pieces[2] = pieces[2][..<dash]
            try validatePrerelease(prerelease, in: text)
        }
        for piece in pieces {
            guard piece.utf8.allSatisfy(SemVerBytes.isDigit) else { throw .malformed(text, strict: true) }
            if piece.utf8.count > 1 && piece.utf8.first == UInt8(ascii: "0") {
                throw .leadingZero(text, part: String(piece))
            }
        }
        var numbers: [UInt64] = []
        for piece in pieces {
            guard !piece.isEmpty else { throw .malformed(text, strict: true) }
            guard let value = SemVerBytes.parseUInt64(piece) else {
                throw .numberTooLarge(text, part: String(piece))
            }
            numbers.append(value)
        }
        return (numbers[0], numbers[1], numbers[2], prerelease, metadata)
    }

    /// Masterminds' `NewVersion` with its default `CoerceNewVersion = true`: the anchored
    /// pattern `v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-IDENTS)?(\+IDENTS)?` where IDENTS are
    /// dot-separated `[0-9A-Za-z-]+`, then the pre-release checks.
    private static func parseLoose(_ text: String) throws(SemanticVersionError) -> Parts {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "v") { index += 1 }

        func digits() -> Substring? {
            let start = index
            while index < bytes.count, SemVerBytes.isDigit(bytes[index]) { index += 1 }
            return index > start ? Substring(String(decoding: bytes[start..<index], as: UTF8.self)) : nil
        }
        func identifiers() -> String? {
            let start = index
            var identifierLength = 0
            while index < bytes.count {
                let byte = bytes[index]
                if SemVerBytes.isIdentifier(byte) {
                    identifierLength += 1
                } else if byte == UInt8(ascii: ".") && identifierLength > 0
                    && index + 1 < bytes.count && SemVerBytes.isIdentifier(bytes[index + 1]) {
                    identifierLength = 0
                } else {
                    break
                }
                index += 1
            }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        guard let majorText = digits() else { throw .malformed(text, strict: false) }
        var minorText: Substring = "0"
        var patchText: Substring = "0"
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard let value = digits() else { throw .malformed(text, strict: false) }
            minorText = value
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard let value = digits() else { throw .malformed(text, strict: false) }
                patchText = value
            }
        }
        var prerelease = ""
        var metadata = ""
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard let value = identifiers() else { throw .malformed(text, strict: false) }
            prerelease = value
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") {
            index += 1
            guard let value = identifiers() else { throw .malformed(text, strict: false) }
            metadata = value
        }
        guard index == bytes.count else { throw .malformed(text, strict: false) }

        var numbers: [UInt64] = []
        for piece in [majorText, minorText, patchText] {
            guard let value = SemVerBytes.parseUInt64(piece) else {
                throw .numberTooLarge(text, part: String(piece))
            }
            numbers.append(value)
        }
        if !prerelease.isEmpty { try validatePrerelease(prerelease, in: text) }
        if !metadata.isEmpty { try validateMetadata(metadata, in: text) }
        return (numbers[0], numbers[1], numbers[2], prerelease, metadata)
    }

    /// Masterminds' `validatePrerelease`: non-empty identifiers of `[0-9A-Za-z-]`, numeric ones
    /// without leading zeros.
    private static func validatePrerelease(_ prerelease: String, in text: String) throws(SemanticVersionError) {
        for identifier in prerelease.split(separator: ".", omittingEmptySubsequences: false) {
            if identifier.isEmpty { throw .invalidPrerelease(text, prerelease: prerelease) }
            if identifier.utf8.allSatisfy(SemVerBytes.isDigit) {
                if identifier.utf8.count > 1 && identifier.utf8.first == UInt8(ascii: "0") {
                    throw .invalidPrerelease(text, prerelease: prerelease)
                }
            } else if !identifier.utf8.allSatisfy(SemVerBytes.isIdentifier) {
                throw .invalidPrerelease(text, prerelease: prerelease)
            }
        }
    }

    /// Masterminds' `validateMetadata`: non-empty identifiers of `[0-9A-Za-z-]`.
    private static func validateMetadata(_ metadata: String, in text: String) throws(SemanticVersionError) {
        for identifier in metadata.split(separator: ".", omittingEmptySubsequences: false) {
            if identifier.isEmpty || !identifier.utf8.allSatisfy(SemVerBytes.isIdentifier) {
                throw .invalidBuildMetadata(text, metadata: metadata)
            }
        }
    }
}

/// Byte-level helpers for the semver parsers.
enum SemVerBytes {
    /// Parses ASCII decimal digits only (no sign, no underscores), as Go's
    /// `strconv.ParseUint(s, 10, 64)`; nil when empty, not all digits, or too large.
    static func parseUInt64(_ text: Substring) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// `[0-9A-Za-z-]`, the bytes SemVer allows in pre-release and build identifiers.
    static func isIdentifier(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-")
    }
}
