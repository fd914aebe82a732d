/// A wall-clock date and time with no zone attached (iCalendar's "floating" or "local" time):
/// what a clock in some time zone shows. Recurrence rules step in wall-clock time, so a window
/// that opens at 18:00 keeps opening at 18:00 across a daylight-saving change; a `ZoneRules`
/// turns it into an instant.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds from 1970-01-01T00:00:00 on the same wall clock (as if the clock were UTC).
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Nil for an impossible date or time (month 13, February 30, hour 24, second 60).
    public init?(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        guard (1...12).contains(month), (1...Timestamp.daysIn(month: month, year: year)).contains(day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
        else { return nil }
        let days = Timestamp.daysSinceEpoch(year: year, month: month, day: day)
        secondsSinceEpoch = days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Midnight at the start of the given day count since 1970-01-01.
    init(daysSinceEpoch days: Int64, secondOfDay: Int64 = 0) {
        secondsSinceEpoch = days * 86_400 + secondOfDay
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64 { secondsSinceEpoch.flooredDivision(by: 86_400) }
    /// Seconds past midnight, `0..<86_400`.
    public var secondOfDay: Int64 { secondsSinceEpoch - daysSinceEpoch * 86_400 }

    public var date: (year: Int64, month: Int64, day: Int64) { Timestamp.civilDate(daysSinceEpoch: daysSinceEpoch) }
    public var hour: Int64 { secondOfDay / 3600 }
    public var minute: Int64 { secondOfDay % 3600 / 60 }
    public var second: Int64 { secondOfDay % 60 }
    /// 0 is Sunday … 6 is Saturday, as POSIX counts (1970-01-01 was a Thursday).
    public var weekday: Int { Self.weekday(ofDay: daysSinceEpoch) }

    static func weekday(ofDay days: Int64) -> Int {
        Int((days + 4).flooredModulo(7))
    }

    /// `2026-11-27T18:00:00`, with no zone.
    public var description: String {
        let (year, month, day) = date
        return Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T"
            + Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so days before 1970 split correctly.
    func flooredDivision(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder that goes with `flooredDivision`: never negative for a positive divisor.
    func flooredModulo(_ divisor: Int64) -> Int64 {
        self - flooredDivision(by: divisor) * divisor
    }
}
