/// An RFC 5545 recurrence rule (`FREQ=WEEKLY;BYDAY=FR;BYHOUR=18`), the `rrule` of a promotion
/// window. Supported: `FREQ` DAILY, WEEKLY, MONTHLY and YEARLY; `INTERVAL`, `COUNT`, `UNTIL`,
/// `BYDAY` (with ordinals such as `1MO` or `-1FR` under MONTHLY and YEARLY), `BYMONTHDAY`,
/// `BYMONTH`, `BYHOUR`, `BYMINUTE`, `BYSECOND` and `WKST`. `Recurrence` enumerates it.
public struct RecurrenceRule: Sendable, Hashable, CustomStringConvertible {
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    /// Days of the week, numbered as POSIX does (0 is Sunday).
    public enum Weekday: Int, Sendable, Hashable, CaseIterable {
        case sunday, monday, tuesday, wednesday, thursday, friday, saturday

        /// The RFC 5545 code: `SU`, `MO`, … `SA`.
        public var code: String { ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][rawValue] }

        public init?(code: some StringProtocol) {
            guard let day = Weekday.allCases.first(where: { $0.code == code.uppercased() }) else { return nil }
            self = day
        }
    }

    /// One `BYDAY` entry: a weekday, optionally the n-th of its month or year (`-1FR`: the last Friday).
    public struct WeekdayRule: Sendable, Hashable, CustomStringConvertible {
        public var ordinal: Int?
        public var weekday: Weekday

        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        public var description: String { (ordinal.map(String.init) ?? "") + weekday.code }
    }

    /// The `UNTIL` bound, inclusive. RFC 5545 asks for UTC when DTSTART has a zone; the other
    /// forms are read in the window's wall-clock time.
    public enum Until: Sendable, Hashable {
        /// `…Z`: an instant.
        case instant(Timestamp)
        /// `YYYYMMDDTHHMMSS`, or `YYYYMMDD` meaning its midnight (as dateutil and rrule-go
        /// read it): wall-clock time in the window's zone.
        case local(LocalDateTime)
    }

    public var frequency: Frequency
    public var interval: Int
    public var count: Int?
    public var until: Until?
    public var byDay: [WeekdayRule]
    public var byMonthDay: [Int]
    public var byMonth: [Int]
    public var byHour: [Int]
    public var byMinute: [Int]
    public var bySecond: [Int]
    public var weekStart: Weekday

    public init(
        frequency: Frequency, interval: Int = 1, count: Int? = nil, until: Until? = nil,
        byDay: [WeekdayRule] = [], byMonthDay: [Int] = [], byMonth: [Int] = [],
        byHour: [Int] = [], byMinute: [Int] = [], bySecond: [Int] = [], weekStart: Weekday = .monday
    ) {
        self.frequency = frequency
        self.interval = interval
        self.count = count
        self.until = until
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.byHour = byHour
        self.byMinute = byMinute
        self.bySecond = bySecond
        self.weekStart = weekStart
    }

    /// The rule parts this type reads, in the order `description` writes them.
    public static let supportedParts = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY",
                                        "BYHOUR", "BYMINUTE", "BYSECOND", "WKST"]
    /// RFC 5545 parts that are valid but not supported here.
    public static let unsupportedParts = ["BYSETPOS", "BYWEEKNO", "BYYEARDAY"]

    /// Parses `FREQ=…;…`, with or without an `RRULE:` prefix; part names and values are
    /// case-insensitive. Every part is checked against RFC 5545's rules for its frequency.
    public init(parsing text: String) throws(RecurrenceRuleError) {
        var body = WindowText.trimmed(text)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        guard !WindowText.trimmed(body).isEmpty else { throw .empty }
        var values: [String: String] = [:]
        for rawPart in body.split(separator: ";", omittingEmptySubsequences: true) {
            let part = WindowText.trimmed(rawPart)
            guard let equals = part.firstIndex(of: "=") else { throw .malformedPart(String(part)) }
            let name = WindowText.trimmed(part[..<equals]).uppercased()
            let value = WindowText.trimmed(part[part.index(after: equals)...]).uppercased()
            if Self.unsupportedParts.contains(name) { throw .unsupportedPart(name) }
            guard Self.supportedParts.contains(name) else { throw .unknownPart(name) }
            guard values[name] == nil else { throw .duplicatePart(name) }
            guard !value.isEmpty else { throw .invalidValue(part: name, value: value, expected: Self.expected(for: name)) }
            values[name] = value
        }

        guard let frequencyText = values["FREQ"] else { throw .missingFrequency }
        guard let frequency = Frequency(rawValue: frequencyText) else {
            if ["SECONDLY", "MINUTELY", "HOURLY"].contains(frequencyText) { throw .unsupportedFrequency(frequencyText) }
            throw .invalidValue(part: "FREQ", value: frequencyText, expected: Self.expected(for: "FREQ"))
        }
        self.init(frequency: frequency)
        if let text = values["INTERVAL"] { interval = try Self.number(text, part: "INTERVAL", in: 1...Int(Int32.max)) }
        if let text = values["COUNT"] { count = try Self.number(text, part: "COUNT", in: 1...Int(Int32.max)) }
        if let text = values["UNTIL"] {
            guard let parsed = Self.until(text) else {
                throw .invalidValue(part: "UNTIL", value: text, expected: Self.expected(for: "UNTIL"))
            }
            until = parsed
        }
        if count != nil && until != nil { throw .countWithUntil }
        if let text = values["BYMONTH"] { byMonth = try Self.numbers(text, part: "BYMONTH", in: 1...12) }
        if let text = values["BYMONTHDAY"] {
            byMonthDay = try Self.numbers(text, part: "BYMONTHDAY", in: -31...31, allowZero: false)
            if frequency == .weekly { throw .partNotAllowed(part: "BYMONTHDAY", frequency: frequency) }
        }
        if let text = values["BYDAY"] {
            byDay = try Self.weekdayRules(text)
            if frequency == .daily || frequency == .weekly, let ordinal = byDay.first(where: { $0.ordinal != nil }) {
                throw .ordinalNotAllowed(value: ordinal.description, frequency: frequency)
            }
        }
        if let text = values["BYHOUR"] { byHour = try Self.numbers(text, part: "BYHOUR", in: 0...23) }
        if let text = values["BYMINUTE"] { byMinute = try Self.numbers(text, part: "BYMINUTE", in: 0...59) }
        if let text = values["BYSECOND"] { bySecond = try Self.numbers(text, part: "BYSECOND", in: 0...59) }
        if let text = values["WKST"] {
            guard let day = Weekday(code: text) else {
                throw .invalidValue(part: "WKST", value: text, expected: Self.expected(for: "WKST"))
            }
            weekStart = day
        }
    }

    /// The rule written back as RFC 5545 text, parts in a fixed order.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        if let until {
            switch until {
            case .instant(let instant):
                let utc = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch)
                parts.append("UNTIL=" + PromotionWindowTime(local: utc, zone: .utc).description)
            case .local(let local):
                parts.append("UNTIL=" + PromotionWindowTime(local: local, zone: .floating).description)
            }
        }
        func list(_ name: String, _ values: [some CustomStringConvertible]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(\.description).joined(separator: ",")) }
        }
        list("BYMONTH", byMonth)
        list("BYMONTHDAY", byMonthDay)
        list("BYDAY", byDay)
        list("BYHOUR", byHour)
        list("BYMINUTE", byMinute)
        list("BYSECOND", bySecond)
        if weekStart != .monday { parts.append("WKST=\(weekStart.code)") }
        return parts.joined(separator: ";")
    }

    static func expected(for part: String) -> String {
        switch part {
        case "FREQ": "one of DAILY, WEEKLY, MONTHLY, YEARLY"
        case "INTERVAL", "COUNT": "a positive whole number"
        case "UNTIL": "a date-time YYYYMMDDTHHMMSSZ (UTC), YYYYMMDDTHHMMSS or a date YYYYMMDD"
        case "BYMONTH": "comma-separated months 1 to 12"
        case "BYMONTHDAY": "comma-separated days 1 to 31 or -31 to -1 (counting from the month's end)"
        case "BYDAY": "comma-separated weekdays SU, MO, TU, WE, TH, FR, SA, optionally with an ordinal such as 1MO or -1FR"
        case "BYHOUR": "comma-separated hours 0 to 23"
        case "BYMINUTE": "comma-separated minutes 0 to 59"
        case "BYSECOND": "comma-separated seconds 0 to 59"
        case "WKST": "one of SU, MO, TU, WE, TH, FR, SA"
        default: "a value"
        }
    }

    private static func number(_ text: String, part: String, in range: ClosedRange<Int>, allowZero: Bool = true) throws(RecurrenceRuleError) -> Int {
        let digits = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let magnitude = Int(digits)
        else { throw .invalidValue(part: part, value: text, expected: expected(for: part)) }
        let value = text.hasPrefix("-") ? -magnitude : magnitude
        guard range.contains(value), allowZero || value != 0 else {
            throw .invalidValue(part: part, value: text, expected: expected(for: part))
        }
        return value
    }

    private static func numbers(_ text: String, part: String, in range: ClosedRange<Int>, allowZero: Bool = true) throws(RecurrenceRuleError) -> [Int] {
        var result: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let value = try number(String(WindowText.trimmed(item)), part: part, in: range, allowZero: allowZero)
            if !result.contains(value) { result.append(value) }
        }
        return result
    }

    private static func weekdayRules(_ text: String) throws(RecurrenceRuleError) -> [WeekdayRule] {
        var result: [WeekdayRule] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = WindowText.trimmed(item)
            guard entry.count >= 2, let weekday = Weekday(code: entry.suffix(2)) else {
                throw .invalidValue(part: "BYDAY", value: String(entry), expected: expected(for: "BYDAY"))
            }
            let ordinalText = entry.dropLast(2)
            var rule = WeekdayRule(weekday)
            if !ordinalText.isEmpty {
                let ordinal: Int
                do { ordinal = try number(String(ordinalText), part: "BYDAY", in: -53...53, allowZero: false) } catch {
                    throw .invalidValue(part: "BYDAY", value: String(entry), expected: expected(for: "BYDAY"))
                }
                rule.ordinal = ordinal
            }
            if !result.contains(rule) { result.append(rule) }
        }
        return result
    }

    private static func until(_ text: String) -> Until? {
        let value = Substring(text)
        if value.count == 8 {
            guard let date = PromotionWindowTime.basicDate(ArraySlice(value.utf8)),
                  let local = LocalDateTime(year: date.year, month: date.month, day: date.day)
            else { return nil }
            return .local(local)
        }
        if value.hasSuffix("Z") {
            guard let local = PromotionWindowTime.basicDateTime(value.dropLast()) else { return nil }
            return .instant(Timestamp(secondsSinceEpoch: local.secondsSinceEpoch))
        }
        return PromotionWindowTime.basicDateTime(value).map(Until.local)
    }
}
