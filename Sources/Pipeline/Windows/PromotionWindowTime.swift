/// A promotion window's `dtstart` or `dtend`: an iCalendar DATE-TIME, in the forms Kargo
/// documents and rrule libraries accept:
/// - `TZID=Europe/Paris:20261127T180000`: wall-clock time in a named zone;
/// - `20261127T180000Z`: UTC;
/// - `20261127T180000`: floating (no zone); a server has no "local" zone, so it is read as UTC;
/// - RFC 3339, `2026-11-27T18:00:00+01:00` or `…Z`: a fixed offset.
/// An iCalendar property prefix (`DTSTART:`, `DTSTART;TZID=…`) is tolerated.
public struct PromotionWindowTime: Sendable, Hashable, CustomStringConvertible {
    /// Where the wall-clock time is read.
    public enum Zone: Sendable, Hashable {
        case utc
        /// No zone given (iCalendar floating time), read as UTC.
        case floating
        /// An IANA zone name from `TZID=`.
        case named(String)
        /// An RFC 3339 offset, seconds east of UTC.
        case fixedOffset(Int64)
    }

    public var local: LocalDateTime
    public var zone: Zone

    public init(local: LocalDateTime, zone: Zone) {
        self.local = local
        self.zone = zone
    }

    public init(parsing text: String) throws(PromotionWindowTimeError) {
        var value = WindowText.trimmed(text)
        guard !value.isEmpty else { throw .empty }
        for prefix in ["DTSTART;", "DTSTART:", "DTEND;", "DTEND:"] where value.uppercased().hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
        }
        if value.uppercased().hasPrefix("TZID=") {
            guard let colon = value.lastIndex(of: ":") else { throw .malformed(text) }
            var identifier = value[value.index(value.startIndex, offsetBy: 5)..<colon]
            // A parameter value may be quoted (RFC 5545 §3.1).
            if identifier.count >= 2, identifier.first == "\"", identifier.last == "\"" {
                identifier = identifier.dropFirst().dropLast()
            }
            guard !identifier.isEmpty else { throw .emptyZone(text) }
            guard let local = Self.basicDateTime(value[value.index(after: colon)...]) else { throw .malformed(text) }
            self.init(local: local, zone: .named(String(identifier)))
            return
        }
        if value.contains("-") || value.contains(":") {
            guard let instant = Timestamp(rfc3339: String(value)) else { throw .malformed(text) }
            let offset = Self.rfc3339Offset(value)
            let local = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + offset)
            self.init(local: local, zone: value.last == "Z" || value.last == "z" ? .utc : .fixedOffset(offset))
            return
        }
        if value.last == "Z" || value.last == "z" {
            guard let local = Self.basicDateTime(value.dropLast()) else { throw .malformed(text) }
            self.init(local: local, zone: .utc)
            return
        }
        guard let local = Self.basicDateTime(value) else { throw .malformed(text) }
        self.init(local: local, zone: .floating)
    }

    /// The zone identifier to resolve, nil when the time needs no zone database.
    public var zoneIdentifier: String? {
        if case .named(let identifier) = zone { return identifier }
        return nil
    }

    /// The rules to read `local` with; nil when a named zone is unknown to `lookup`.
    public func zoneRules(lookup: ZoneLookup) -> ZoneRules? {
        switch zone {
        case .utc, .floating: ZoneRules.utc
        case .named(let identifier): ZoneRules.named(identifier, lookup: lookup)
        case .fixedOffset(let offset): ZoneRules.fixed(utcOffset: offset)
        }
    }

    /// As written, normalized: `TZID=Europe/Paris:20261127T180000`, `20261127T180000Z`.
    public var description: String {
        let (year, month, day) = local.date
        let basic = LocalDateTime.pad(year, 4) + LocalDateTime.pad(month, 2) + LocalDateTime.pad(day, 2) + "T"
            + LocalDateTime.pad(local.hour, 2) + LocalDateTime.pad(local.minute, 2) + LocalDateTime.pad(local.second, 2)
        switch zone {
        case .utc: return basic + "Z"
        case .floating: return basic
        case .named(let identifier): return "TZID=\(identifier):\(basic)"
        case .fixedOffset(let offset): return local.description + OffsetText.rfc3339(offset)
        }
    }

    /// `YYYYMMDDTHHMMSS`, nil when malformed or impossible.
    static func basicDateTime(_ text: Substring) -> LocalDateTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t") else { return nil }
        guard let date = basicDate(bytes[0..<8]), let time = digits(bytes[9..<15]) else { return nil }
        return LocalDateTime(year: date.year, month: date.month, day: date.day,
                             hour: time / 10_000, minute: time / 100 % 100, second: time % 100)
    }

    /// `YYYYMMDD`, unchecked beyond being eight digits.
    static func basicDate(_ bytes: ArraySlice<UInt8>) -> (year: Int64, month: Int64, day: Int64)? {
        guard bytes.count == 8, let value = digits(bytes) else { return nil }
        return (value / 10_000, value / 100 % 100, value % 100)
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }

    /// The `±HH:MM` suffix of RFC 3339 text already accepted by `Timestamp(rfc3339:)`.
    private static func rfc3339Offset(_ text: Substring) -> Int64 {
        let bytes = Array(text.utf8)
        guard bytes.count >= 6 else { return 0 }
        let suffix = bytes[(bytes.count - 6)...]
        guard let sign = suffix.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hours = digits(suffix.dropFirst().prefix(2)), let minutes = digits(suffix.suffix(2))
        else { return 0 }
        return (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
    }
}
