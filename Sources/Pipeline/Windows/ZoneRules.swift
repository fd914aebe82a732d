/// Finds a time zone's rules by its IANA name (`Europe/Paris`). Pipeline reads no files, so
/// the caller supplies this: typically it reads `/usr/share/zoneinfo/<name>` and hands the
/// bytes to `ZoneRules(identifier:tzif:)`. Returns nil for a zone it does not know.
public typealias ZoneLookup = @Sendable (String) -> ZoneRules?

/// One time zone's offsets from UTC over time, from TZif data (RFC 8536, versions 1 to 4):
/// the transition table, then the footer's POSIX TZ rule for instants after the last
/// transition. Leap-second records are ignored, as Kubernetes and POSIX time ignore them.
public struct ZoneRules: Sendable, Hashable {
    /// What a clock in the zone shows for a span of time.
    public struct LocalTimeType: Sendable, Hashable {
        /// Seconds east of UTC (Paris in winter: 3600).
        public var utcOffset: Int64
        public var isDaylightSaving: Bool
        public var abbreviation: String

        public init(utcOffset: Int64, isDaylightSaving: Bool, abbreviation: String) {
            self.utcOffset = utcOffset
            self.isDaylightSaving = isDaylightSaving
            self.abbreviation = abbreviation
        }
    }

    /// The IANA name (`Europe/Paris`), or `UTC`, or an offset such as `+01:00` for fixed zones.
    public let identifier: String
    /// Transition instants (seconds since the epoch, UTC), ascending.
    let transitions: [Int64]
    /// `types[transitionTypes[i]]` applies from `transitions[i]` until the next transition.
    let transitionTypes: [Int]
    /// Local time types; the first applies before the first transition.
    let types: [LocalTimeType]
    /// Applies after the last transition (or always, when there are none).
    let footer: PosixTimeZone?

    init(identifier: String, transitions: [Int64], transitionTypes: [Int], types: [LocalTimeType], footer: PosixTimeZone?) {
        self.identifier = identifier
        self.transitions = transitions
        self.transitionTypes = transitionTypes
        self.types = types
        self.footer = footer
    }

    /// Coordinated Universal Time, built in so that UTC windows need no zone database.
    public static let utc = ZoneRules.fixed(utcOffset: 0, identifier: "UTC", abbreviation: "UTC")

    /// A zone that is always `utcOffset` seconds east of UTC (an RFC 3339 `+01:00` suffix).
    public static func fixed(utcOffset: Int64, identifier: String? = nil, abbreviation: String? = nil) -> ZoneRules {
        let name = identifier ?? OffsetText.rfc3339(utcOffset)
        let type = LocalTimeType(utcOffset: utcOffset, isDaylightSaving: false, abbreviation: abbreviation ?? name)
        return ZoneRules(identifier: name, transitions: [], transitionTypes: [], types: [type], footer: nil)
    }

    /// Names that mean UTC without consulting a zone database.
    public static let utcIdentifiers: Set<String> = ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Z"]

    /// The rules for `identifier`: built-in UTC for its usual names, otherwise `lookup`.
    public static func named(_ identifier: String, lookup: ZoneLookup) -> ZoneRules? {
        if utcIdentifiers.contains(identifier) { return utc }
        return lookup(identifier)
    }

    /// A lookup that asks `read` for a zone's TZif bytes (for instance the contents of
    /// `/usr/share/zoneinfo/<identifier>`) and parses them. Identifiers that are not shaped like
    /// zone names never reach `read`; unreadable or malformed data counts as an unknown zone.
    /// It does not cache: a caller evaluating many Stages should keep the zones it has parsed.
    public static func lookup(reading read: @escaping @Sendable (String) -> [UInt8]?) -> ZoneLookup {
        { identifier in
            guard isPlausibleIdentifier(identifier), let bytes = read(identifier) else { return nil }
            return try? ZoneRules(identifier: identifier, tzif: bytes)
        }
    }

    /// Whether `identifier` has the shape of an IANA zone name (`Area/Location`, letters,
    /// digits, `_`, `-`, `+`), so a lookup that reads `/usr/share/zoneinfo/<identifier>`
    /// can refuse absolute paths and `..` before touching the filesystem.
    public static func isPlausibleIdentifier(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 255 else { return false }
        let segments = identifier.split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.unicodeScalars.allSatisfy { scalar in
                    ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                        || scalar == "_" || scalar == "-" || scalar == "+" || scalar == "."
                }
        }
    }

    /// The local time type in force at `instant`.
    public func localTimeType(at instant: Timestamp) -> LocalTimeType {
        localTimeType(atSecond: instant.secondsSinceEpoch)
    }

    /// Seconds east of UTC at `instant`.
    public func utcOffset(at instant: Timestamp) -> Int64 {
        localTimeType(atSecond: instant.secondsSinceEpoch).utcOffset
    }

    /// What a clock in this zone shows at `instant` (fractions of a second dropped).
    public func localDateTime(at instant: Timestamp) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + utcOffset(at: instant))
    }

    /// The instant a clock in this zone shows `local`, resolved as RFC 5545 §3.3.5 says: a
    /// time that happens twice (clocks going back) means the first of the two; a time that
    /// never happens (clocks going forward) is read with the offset before the gap, so it
    /// lands the gap's length later (02:30 on a spring-forward night becomes 03:30).
    public func instant(forLocal local: LocalDateTime) -> Timestamp {
        Timestamp(secondsSinceEpoch: utcSecond(forLocal: local.secondsSinceEpoch))
    }

    /// `instant` as RFC 3339 in this zone's local time with its offset, such as
    /// `2026-11-30T09:00:00+01:00`; the built-in UTC zone writes `Z`.
    public func rfc3339(_ instant: Timestamp) -> String {
        let offset = utcOffset(at: instant)
        let local = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + offset)
        return local.description + (identifier == Self.utc.identifier && offset == 0 ? "Z" : OffsetText.rfc3339(offset))
    }

    func localTimeType(atSecond second: Int64) -> LocalTimeType {
        guard let last = transitions.last else { return footer?.localTimeType(atSecond: second) ?? types[0] }
        if second < transitions[0] { return types[0] }
        if second >= last {
            return footer?.localTimeType(atSecond: second) ?? types[transitionTypes[transitionTypes.count - 1]]
        }
        // The last transition at or before `second`.
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= second { low = middle } else { high = middle - 1 }
        }
        return types[transitionTypes[low]]
    }

    func utcSecond(forLocal local: Int64) -> Int64 {
        // Offsets never exceed a day, so the offsets in force within a day either side of
        // `local` include every offset under which some instant shows `local`.
        var candidates: [Int64] = []
        for probe in [local - 86_400, local - 43_200, local, local + 43_200, local + 86_400] {
            let offset = localTimeType(atSecond: probe).utcOffset
            if !candidates.contains(offset) { candidates.append(offset) }
        }
        let consistent = candidates.filter { localTimeType(atSecond: local - $0).utcOffset == $0 }
        // Twice-shown times: the larger offset gives the earlier instant, the first occurrence.
        if let first = consistent.max() { return local - first }
        // A gap: just before the transition the smaller, earlier offset is in force.
        let before = localTimeType(atSecond: local - candidates.max()!).utcOffset
        return local - before
    }
}

/// Renders UTC offsets.
enum OffsetText {
    /// `+01:00`, `-05:00`, `+05:45`; seconds are shown only when present (`+00:09:21`).
    static func rfc3339(_ offset: Int64) -> String {
        let magnitude = offset.magnitude
        var text = (offset < 0 ? "-" : "+") + LocalDateTime.pad(Int64(magnitude / 3600), 2)
            + ":" + LocalDateTime.pad(Int64(magnitude % 3600 / 60), 2)
        if magnitude % 60 != 0 { text += ":" + LocalDateTime.pad(Int64(magnitude % 60), 2) }
        return text
    }
}
