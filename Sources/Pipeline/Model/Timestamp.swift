/// An instant in UTC, as Kubernetes writes times (`metav1.Time`): RFC 3339 text such as
/// `2026-11-23T08:45:00Z`. Pure arithmetic, no Foundation, so the planner can compare and
/// add durations without a calendar or a clock.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    public private(set) var secondsSinceEpoch: Int64
    /// Nanoseconds past `secondsSinceEpoch`, always in `0..<1_000_000_000`.
    public private(set) var nanoseconds: Int32

    /// Normalizes `nanoseconds` into `0..<1_000_000_000`, carrying into the seconds.
    public init(secondsSinceEpoch: Int64, nanoseconds: Int64 = 0) {
        let carry = nanoseconds.floorDivided(by: Self.nanosPerSecond)
        self.secondsSinceEpoch = secondsSinceEpoch + carry
        self.nanoseconds = Int32(nanoseconds - carry * Self.nanosPerSecond)
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`). Returns nil for malformed
    /// text, impossible dates (month 13, February 29 of a common year), hour 24, leap seconds
    /// and a missing zone. A lowercase `t`/`z` and a space instead of `T` are accepted, as
    /// RFC 3339 allows; fractions beyond nanoseconds are truncated.
    public init?(rfc3339 text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"),
              let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2),
              scanner.skip(anyOf: "Tt "),
              let hour = scanner.digits(2), scanner.skip(":"),
              let minute = scanner.digits(2), scanner.skip(":"),
              let second = scanner.digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var nanos: Int64 = 0
        if scanner.skip(".") {
            var count = 0
            while let digit = scanner.digit() {
                if count < 9 { nanos = nanos * 10 + digit }
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }

        var offsetSeconds: Int64 = 0
        if scanner.skip(anyOf: "Zz") {
            offsetSeconds = 0
        } else if let sign = scanner.take(anyOf: "+-") {
            guard let offsetHours = scanner.digits(2), scanner.skip(":"),
                  let offsetMinutes = scanner.digits(2),
                  offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }

        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        self.init(secondsSinceEpoch: local - offsetSeconds, nanoseconds: nanos)
    }

    /// RFC 3339 in UTC, e.g. `2026-11-23T08:45:00Z`; a fraction appears only when there are
    /// nanoseconds, without trailing zeros (`…:00.5Z`).
    public var rfc3339: String {
        let days = secondsSinceEpoch.floorDivided(by: 86_400)
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += "T" + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay % 3600 / 60, 2)
        text += ":" + Self.pad(secondOfDay % 60, 2)
        if nanoseconds != 0 {
            var fraction = Self.pad(Int64(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    public var description: String { rfc3339 }

    /// This instant moved by `seconds` (negative moves back), to the nearest nanosecond.
    public func adding(seconds: Double) -> Timestamp {
        let whole = seconds.rounded(.down)
        let fractionNanos = Int64(((seconds - whole) * 1e9).rounded())
        return Timestamp(secondsSinceEpoch: secondsSinceEpoch + Int64(whole),
                         nanoseconds: Int64(nanoseconds) + fractionNanos)
    }

    /// Seconds from `earlier` to this instant (negative when `earlier` is later).
    public func seconds(since earlier: Timestamp) -> Double {
        Double(secondsSinceEpoch - earlier.secondsSinceEpoch)
            + Double(Int64(nanoseconds) - Int64(earlier.nanoseconds)) / 1e9
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not an RFC 3339 time such as 2026-11-23T08:45:00Z")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}

// MARK: - Calendar arithmetic (proleptic Gregorian, days counted from 1970-01-01)

extension Timestamp {
    fileprivate static let nanosPerSecond: Int64 = 1_000_000_000

    /// Proleptic Gregorian calendar arithmetic, shared with the expression language's time
    /// methods (`Year()`, `AddDate()`, …) so there is one calendar in the code.
    public static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date, counting in 400-year eras that start on March 1
    /// so the leap day falls at the end of each year.
    public static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch`.
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    fileprivate static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so times before 1970 split correctly.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Reads ASCII bytes left to right for the RFC 3339 parser.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int64? {
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - UInt8(ascii: "0"))
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let next = digit() else { return nil }
            value = value * 10 + next
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        take(anyOf: String(character)) != nil
    }

    mutating func skip(anyOf characters: String) -> Bool {
        take(anyOf: characters) != nil
    }

    mutating func take(anyOf characters: String) -> UInt8? {
        guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return nil }
        defer { index += 1 }
        return bytes[index]
    }
}
