import Pipeline

/// Go's `time.Time` fields as its methods (`Year()`, `Hour()`, `Weekday()`, …) report them:
/// an instant read at a fixed offset from UTC, on the proleptic Gregorian calendar.
/// Pure arithmetic; the offset travels with the value (`ExpressionValue.time`), so a commit
/// made at 00:30+02:00 on New Year's Day is in the new year, as in Kargo.
struct GoCalendar: Equatable {
    var year: Int64
    /// 1...12.
    var month: Int64
    /// 1...31.
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    var nanosecond: Int64
    /// 0 is Sunday, as Go's `time.Weekday`.
    var weekday: Int64
    /// 1...366.
    var yearDay: Int64

    /// The fields of `instant` read at `utcOffset` seconds east of UTC.
    init(_ instant: Timestamp, utcOffset: Int) {
        let local = instant.secondsSinceEpoch &+ Int64(utcOffset)
        let days = Self.floorDivide(local, 86_400)
        let secondOfDay = local - days * 86_400
        (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        nanosecond = Int64(instant.nanoseconds)
        // 1970-01-01 was a Thursday.
        weekday = Self.floorModulo(days + 4, 7)
        yearDay = days - Timestamp.daysSinceEpoch(year: year, month: 1, day: 1) + 1
    }

    /// Go's `time.Date` in a fixed zone: the month may lie outside 1...12 and the day and
    /// clock fields outside their ranges; they carry over as Go normalizes them.
    static func instant(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0,
                        nanosecond: Int64 = 0, utcOffset: Int = 0) -> Timestamp {
        let zeroBasedMonth = month - 1
        let normalizedYear = year + floorDivide(zeroBasedMonth, 12)
        let normalizedMonth = floorModulo(zeroBasedMonth, 12) + 1
        let days = Timestamp.daysSinceEpoch(year: normalizedYear, month: normalizedMonth, day: 1) + (day - 1)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return Timestamp(secondsSinceEpoch: local - Int64(utcOffset), nanoseconds: nanosecond)
    }

    /// Go's `RFC3339Nano` text (what `json.Marshal` writes): `Z` at offset zero, else the
    /// local time and `±hh:mm`; a fraction only when there are nanoseconds.
    static func rfc3339(_ instant: Timestamp, utcOffset: Int) -> String {
        guard utcOffset != 0 else { return instant.rfc3339 }
        let shifted = Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch &+ Int64(utcOffset),
                                nanoseconds: Int64(instant.nanoseconds))
        let local = shifted.rfc3339.dropLast()
        let magnitude = abs(utcOffset) / 60
        let hours = magnitude / 60, minutes = magnitude % 60
        return local + (utcOffset < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + String(hours) + ":"
            + (minutes < 10 ? "0" : "") + String(minutes)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        value - floorDivide(value, divisor) * divisor
    }
}
