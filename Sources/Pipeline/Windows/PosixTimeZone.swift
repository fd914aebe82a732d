/// A POSIX TZ rule as TZif footers carry it (`CET-1CEST,M3.5.0,M10.5.0/3`): a standard time,
/// optionally a daylight-saving time and the yearly dates it starts and ends. It gives the
/// offsets after a zone's last listed transition. RFC 8536 §3.3.1's extensions (hours up to
/// ±167 in transition times) are accepted.
struct PosixTimeZone: Sendable, Hashable {
    /// The yearly day a transition falls on.
    enum DateRule: Sendable, Hashable {
        /// `Jn`: day 1…365, never counting February 29.
        case julianSkippingLeapDay(Int64)
        /// `n`: day 0…365, counting February 29.
        case zeroBasedDay(Int64)
        /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (5 means the last) of month `m`.
        case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
    }

    struct TransitionRule: Sendable, Hashable {
        var date: DateRule
        /// Seconds after local midnight (in the time in force before the transition).
        var time: Int64
    }

    struct Daylight: Sendable, Hashable {
        var type: ZoneRules.LocalTimeType
        var start: TransitionRule
        var end: TransitionRule
    }

    var standard: ZoneRules.LocalTimeType
    var daylight: Daylight?

    /// Nil for text that is not a POSIX TZ string; a daylight name without rules (allowed by
    /// POSIX with an implementation default) is also refused, since TZif footers never use it.
    init?(_ text: String) {
        var scanner = PosixScanner(Array(text.utf8))
        guard let standardName = scanner.name(), let standardOffset = scanner.offset(maxHours: 24) else { return nil }
        standard = ZoneRules.LocalTimeType(utcOffset: -standardOffset, isDaylightSaving: false, abbreviation: standardName)
        if scanner.atEnd {
            daylight = nil
            return
        }
        guard let daylightName = scanner.name() else { return nil }
        var daylightOffset = standard.utcOffset + 3600
        if !scanner.peek(",") {
            guard let offset = scanner.offset(maxHours: 24) else { return nil }
            daylightOffset = -offset
        }
        guard scanner.skip(","), let start = scanner.transitionRule(),
              scanner.skip(","), let end = scanner.transitionRule(), scanner.atEnd
        else { return nil }
        daylight = Daylight(
            type: ZoneRules.LocalTimeType(utcOffset: daylightOffset, isDaylightSaving: true, abbreviation: daylightName),
            start: start, end: end)
    }

    func localTimeType(atSecond second: Int64) -> ZoneRules.LocalTimeType {
        guard let daylight else { return standard }
        let year = Timestamp.civilDate(daysSinceEpoch: (second + standard.utcOffset).flooredDivision(by: 86_400)).year
        // Transitions of the neighbouring years too, since a rule's time (up to 167 hours)
        // can push a transition across New Year.
        var events: [(at: Int64, isDaylight: Bool)] = []
        for candidate in (year - 1)...(year + 1) {
            // A start is written in standard time, an end in daylight time.
            events.append((Self.localSecond(of: daylight.start, in: candidate) - standard.utcOffset, true))
            events.append((Self.localSecond(of: daylight.end, in: candidate) - daylight.type.utcOffset, false))
        }
        // At equal instants the start sorts last and wins, which keeps a rule that ends on
        // December 31 at 24:00 and restarts on January 1 at 00:00 in daylight time all year.
        events.sort { ($0.at, $0.isDaylight ? 1 : 0) < ($1.at, $1.isDaylight ? 1 : 0) }
        guard let last = events.last(where: { $0.at <= second }) else { return standard }
        return last.isDaylight ? daylight.type : standard
    }

    /// Local seconds since the epoch at which `rule` fires in `year`.
    static func localSecond(of rule: TransitionRule, in year: Int64) -> Int64 {
        let januaryFirst = Timestamp.daysSinceEpoch(year: year, month: 1, day: 1)
        let day: Int64
        switch rule.date {
        case .julianSkippingLeapDay(let n):
            day = januaryFirst + n - 1 + (Timestamp.isLeap(year) && n >= 60 ? 1 : 0)
        case .zeroBasedDay(let n):
            day = januaryFirst + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = Timestamp.daysSinceEpoch(year: year, month: month, day: 1)
            var dayOfMonth = 1 + (weekday - Int64(LocalDateTime.weekday(ofDay: first))).flooredModulo(7) + (week - 1) * 7
            let length = Timestamp.daysIn(month: month, year: year)
            while dayOfMonth > length { dayOfMonth -= 7 }
            day = first + dayOfMonth - 1
        }
        return day * 86_400 + rule.time
    }
}

/// Reads the pieces of a POSIX TZ string.
private struct PosixScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    func peek(_ character: Unicode.Scalar) -> Bool {
        index < bytes.count && bytes[index] == UInt8(ascii: character)
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard peek(character) else { return false }
        index += 1
        return true
    }

    /// `CET` (three or more letters) or `<+0330>` (letters, digits, `+` and `-` in angle brackets).
    mutating func name() -> String? {
        if skip("<") {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                let byte = bytes[index]
                guard Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                else { return nil }
                index += 1
            }
            let name = String(decoding: bytes[start..<index], as: UTF8.self)
            guard skip(">"), name.utf8.count >= 3 else { return nil }
            return name
        }
        let start = index
        while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
        guard index - start >= 3 else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, positive meaning west of Greenwich as POSIX writes it.
    mutating func offset(maxHours: Int64) -> Int64? {
        var sign: Int64 = 1
        if skip("-") { sign = -1 } else { _ = skip("+") }
        guard let hours = number(maxDigits: 3), hours <= maxHours else { return nil }
        var seconds = hours * 3600
        if skip(":") {
            guard let minutes = number(maxDigits: 2), minutes < 60 else { return nil }
            seconds += minutes * 60
            if skip(":") {
                guard let extra = number(maxDigits: 2), extra < 60 else { return nil }
                seconds += extra
            }
        }
        return sign * seconds
    }

    /// `date[/time]`, the time defaulting to 02:00.
    mutating func transitionRule() -> PosixTimeZone.TransitionRule? {
        let date: PosixTimeZone.DateRule
        if skip("J") {
            guard let day = number(maxDigits: 3), (1...365).contains(day) else { return nil }
            date = .julianSkippingLeapDay(day)
        } else if skip("M") {
            guard let month = number(maxDigits: 2), (1...12).contains(month), skip("."),
                  let week = number(maxDigits: 1), (1...5).contains(week), skip("."),
                  let weekday = number(maxDigits: 1), (0...6).contains(weekday)
            else { return nil }
            date = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            guard let day = number(maxDigits: 3), (0...365).contains(day) else { return nil }
            date = .zeroBasedDay(day)
        }
        var time: Int64 = 7200
        if skip("/") {
            guard let parsed = offset(maxHours: 167) else { return nil }
            time = parsed
        }
        return PosixTimeZone.TransitionRule(date: date, time: time)
    }

    private mutating func number(maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, Self.isDigit(bytes[index]), count < maxDigits {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
