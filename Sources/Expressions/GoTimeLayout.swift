import Pipeline

/// Go's time layouts (`time.Parse`, `Time.Format`): literal text with elements spelled as
/// parts of the reference time `Mon Jan 2 15:04:05 MST 2006` (`2006-01-02`, `15:04`,
/// `Z07:00`, `.000`). Parsing follows Go's rules: a run of spaces matches a run of spaces,
/// a fraction may follow the seconds even when the layout has none, a zone abbreviation
/// other than `UTC` or `GMT±h` reads as offset zero, and a missing zone means UTC.
struct GoTimeLayout {
    enum Zone: Equatable {
        /// `-0700`, `-07:00`, `-07`, `-070000`, `-07:00:00`; `iso` is the `Z…` spelling,
        /// which also reads and writes `Z` for UTC.
        case numeric(iso: Bool, colons: Bool, minutes: Bool, seconds: Bool)
        /// `MST`: an abbreviation.
        case abbreviation
    }

    enum Element: Equatable {
        case literal([UInt8])
        case longMonth, month, numMonth, zeroMonth
        case longWeekday, weekday
        case day, underDay, zeroDay
        case underYearDay, zeroYearDay
        case hour, hour12, zeroHour12
        case minute, zeroMinute
        case second, zeroSecond
        case longYear, year
        case pm(uppercase: Bool)
        case zone(Zone)
        /// `.000` (`trailingZeros`, exactly `digits`) or `.999` (up to `digits`, optional).
        case fraction(digits: Int, trailingZeros: Bool, separator: UInt8)
    }

    let text: String
    let elements: [Element]

    init(_ layout: String) {
        text = layout
        elements = Self.elements(of: Array(layout.utf8))
    }

    static let longMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    static let longWeekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    // MARK: - Reading a layout (Go's nextStdChunk)

    private static func elements(of layout: [UInt8]) -> [Element] {
        var result: [Element] = []
        var literal: [UInt8] = []
        var index = 0
        func flush() {
            if !literal.isEmpty { result.append(.literal(literal)) }
            literal = []
        }
        while index < layout.count {
            if let (element, length) = element(in: layout, at: index) {
                flush()
                result.append(element)
                index += length
            } else {
                literal.append(layout[index])
                index += 1
            }
        }
        flush()
        return result
    }

    private static func element(in layout: [UInt8], at index: Int) -> (Element, Int)? {
        func has(_ text: String, at offset: Int = 0) -> Bool {
            let bytes = Array(text.utf8)
            let start = index + offset
            return start + bytes.count <= layout.count && Array(layout[start..<start + bytes.count]) == bytes
        }
        func lowercaseAt(_ offset: Int) -> Bool {
            index + offset < layout.count && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(layout[index + offset])
        }
        func byte(_ offset: Int) -> UInt8? { index + offset < layout.count ? layout[index + offset] : nil }
        switch layout[index] {
        case UInt8(ascii: "J"):
            if has("January") { return (.longMonth, 7) }
            if has("Jan"), !lowercaseAt(3) { return (.month, 3) }
        case UInt8(ascii: "M"):
            if has("Monday") { return (.longWeekday, 6) }
            if has("Mon"), !lowercaseAt(3) { return (.weekday, 3) }
            if has("MST") { return (.zone(.abbreviation), 3) }
        case UInt8(ascii: "0"):
            if let next = byte(1), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(next) {
                let zeros: [Element] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                return (zeros[Int(next - UInt8(ascii: "1"))], 2)
            }
            if has("002") { return (.zeroYearDay, 3) }
        case UInt8(ascii: "1"):
            return byte(1) == UInt8(ascii: "5") ? (.hour, 2) : (.numMonth, 1)
        case UInt8(ascii: "2"):
            return has("2006") ? (.longYear, 4) : (.day, 1)
        case UInt8(ascii: "_"):
            // `_2006` is a literal `_` and then the year.
            if byte(1) == UInt8(ascii: "2"), !has("2006", at: 1) { return (.underDay, 2) }
            if has("__2") { return (.underYearDay, 3) }
        case UInt8(ascii: "3"): return (.hour12, 1)
        case UInt8(ascii: "4"): return (.minute, 1)
        case UInt8(ascii: "5"): return (.second, 1)
        case UInt8(ascii: "P"):
            if byte(1) == UInt8(ascii: "M") { return (.pm(uppercase: true), 2) }
        case UInt8(ascii: "p"):
            if byte(1) == UInt8(ascii: "m") { return (.pm(uppercase: false), 2) }
        case UInt8(ascii: "-"), UInt8(ascii: "Z"):
            let iso = layout[index] == UInt8(ascii: "Z")
            let forms: [(String, Bool, Bool, Bool)] = [
                ("070000", false, true, true), ("07:00:00", true, true, true), ("0700", false, true, false),
                ("07:00", true, true, false), ("07", false, false, false),
            ]
            for (spelling, colons, minutes, seconds) in forms where has(spelling, at: 1) {
                return (.zone(.numeric(iso: iso, colons: colons, minutes: minutes, seconds: seconds)), 1 + spelling.utf8.count)
            }
        case UInt8(ascii: "."), UInt8(ascii: ","):
            guard let digit = byte(1), digit == UInt8(ascii: "0") || digit == UInt8(ascii: "9") else { break }
            var end = index + 1
            while end < layout.count, layout[end] == digit { end += 1 }
            if end < layout.count, isDigit(layout[end]) { break }
            return (.fraction(digits: end - index - 1, trailingZeros: digit == UInt8(ascii: "0"), separator: layout[index]),
                    end - index)
        default:
            break
        }
        return nil
    }

    // MARK: - Parsing (time.Parse)

    /// Go's `time.Parse(layout, value)`, with `defaultOffset` standing in for the location of
    /// `time.ParseInLocation` (0: UTC). Returns the instant and the offset it was written at.
    func parse(_ value: String, defaultOffset: Int = 0) throws(GoTimeParseError) -> (instant: Timestamp, utcOffset: Int) {
        var reader = Reader(bytes: Array(value.utf8))
        var year: Int64 = 0
        var month: Int64 = -1
        var day: Int64 = -1
        var yearDay: Int64 = -1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var nanosecond: Int64 = 0
        var pm: Bool?
        var offset: Int?
        var zoneName: String?

        func bad(_ element: Element) -> GoTimeParseError {
            .cannotParse(value: value, layout: text, rest: reader.restText, element: Self.spelling(of: element))
        }
        func outOfRange(_ what: String) -> GoTimeParseError { .outOfRange(value: value, what: what) }

        for (position, element) in elements.enumerated() {
            switch element {
            case .literal(let literal):
                guard reader.skip(literal) else { throw bad(element) }
            case .year:
                guard let number = reader.digits(exactly: 2) else { throw bad(element) }
                year = number >= 69 ? number + 1900 : number + 2000
            case .longYear:
                guard let number = reader.digits(exactly: 4) else { throw bad(element) }
                year = number
            case .month, .longMonth:
                guard let index = reader.lookup(element == .month ? Self.longMonthNames.map { String($0.prefix(3)) }
                                                 : Self.longMonthNames)
                else { throw bad(element) }
                month = Int64(index + 1)
            case .weekday, .longWeekday:
                guard reader.lookup(element == .weekday ? Self.longWeekdayNames.map { String($0.prefix(3)) }
                                    : Self.longWeekdayNames) != nil
                else { throw bad(element) }
            case .numMonth, .zeroMonth:
                guard let number = reader.number(fixed: element == .zeroMonth) else { throw bad(element) }
                guard (1...12).contains(number) else { throw outOfRange("month") }
                month = number
            case .day, .underDay, .zeroDay:
                if element == .underDay { _ = reader.skip([UInt8(ascii: " ")]) }
                guard let number = reader.number(fixed: element == .zeroDay) else { throw bad(element) }
                day = number
            case .underYearDay, .zeroYearDay:
                if element == .underYearDay {
                    for _ in 0..<2 { _ = reader.skip([UInt8(ascii: " ")]) }
                }
                guard let number = reader.number(fixed: element == .zeroYearDay, maxDigits: 3) else { throw bad(element) }
                yearDay = number
            case .hour:
                guard let number = reader.number(fixed: false) else { throw bad(element) }
                guard number < 24 else { throw outOfRange("hour") }
                hour = number
            case .hour12, .zeroHour12:
                guard let number = reader.number(fixed: element == .zeroHour12) else { throw bad(element) }
                guard number <= 12 else { throw outOfRange("hour") }
                hour = number
            case .minute, .zeroMinute:
                guard let number = reader.number(fixed: element == .zeroMinute) else { throw bad(element) }
                guard number < 60 else { throw outOfRange("minute") }
                minute = number
            case .second, .zeroSecond:
                guard let number = reader.number(fixed: element == .zeroSecond) else { throw bad(element) }
                guard number < 60 else { throw outOfRange("second") }
                second = number
                // A fraction may follow even when the layout does not ask for one.
                let nextIsFraction = elements[(position + 1)...].first { if case .literal = $0 { false } else { true } }
                    .map { if case .fraction = $0 { true } else { false } } ?? false
                if !nextIsFraction, reader.startsFraction {
                    nanosecond = reader.fraction(maxDigits: .max)
                }
            case .fraction(let digits, let trailingZeros, _):
                if trailingZeros {
                    guard reader.startsFraction, reader.remaining >= digits + 1,
                          reader.allDigits(from: 1, count: digits)
                    else { throw bad(element) }
                    nanosecond = reader.fraction(maxDigits: digits)
                } else if reader.startsFraction {
                    nanosecond = reader.fraction(maxDigits: .max)
                }
            case .pm(let uppercase):
                guard let text = reader.take(2) else { throw bad(element) }
                switch text {
                case uppercase ? "PM" : "pm": pm = true
                case uppercase ? "AM" : "am": pm = false
                default: throw bad(element)
                }
            case .zone(.numeric(let iso, let colons, let minutes, let seconds)):
                if iso, reader.skip([UInt8(ascii: "Z")]) {
                    offset = 0
                    continue
                }
                guard let parsed = reader.zoneOffset(colons: colons, minutes: minutes, seconds: seconds) else {
                    throw bad(element)
                }
                guard parsed.hours <= 24 else { throw outOfRange("time zone offset hour") }
                guard parsed.minutes <= 60 else { throw outOfRange("time zone offset minute") }
                guard parsed.seconds <= 60 else { throw outOfRange("time zone offset second") }
                offset = parsed.sign * Int((parsed.hours * 60 + parsed.minutes) * 60 + parsed.seconds)
            case .zone(.abbreviation):
                if reader.skip(Array("UTC".utf8)) {
                    offset = 0
                    continue
                }
                guard let name = reader.zoneAbbreviation() else { throw bad(element) }
                zoneName = name
            }
        }
        guard reader.atEnd else { throw .extraText(value: value, rest: reader.restText) }

        if let pm {
            if pm, hour < 12 { hour += 12 } else if !pm, hour == 12 { hour = 0 }
        }
        if yearDay >= 0 {
            let (derivedMonth, derivedDay) = try Self.monthAndDay(yearDay: yearDay, year: year, value: value)
            if month >= 0, month != derivedMonth { throw .outOfRange(value: value, what: "day-of-year does not match month") }
            if day >= 0, day != derivedDay { throw .outOfRange(value: value, what: "day-of-year does not match day") }
            month = derivedMonth
            day = derivedDay
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        guard day >= 1, day <= Timestamp.daysIn(month: month, year: year) else { throw outOfRange("day") }

        // Abbreviations Go does not know in the (UTC) local zone read as offset 0, except GMT±h.
        if offset == nil, let zoneName {
            offset = zoneName.count > 3 && zoneName.hasPrefix("GMT") ? (Int(zoneName.dropFirst(3)) ?? 0) * 3600 : 0
        }
        let utcOffset = offset ?? defaultOffset
        let instant = GoCalendar.instant(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                                         nanosecond: nanosecond, utcOffset: utcOffset)
        return (instant, utcOffset)
    }

    private static func monthAndDay(yearDay: Int64, year: Int64, value: String) throws(GoTimeParseError)
        -> (month: Int64, day: Int64)
    {
        guard yearDay >= 1, yearDay <= (Timestamp.isLeap(year) ? 366 : 365) else {
            throw .outOfRange(value: value, what: "day-of-year")
        }
        var remaining = yearDay
        var month: Int64 = 1
        while remaining > Timestamp.daysIn(month: month, year: year) {
            remaining -= Timestamp.daysIn(month: month, year: year)
            month += 1
        }
        return (month, remaining)
    }

    // MARK: - Formatting (Time.Format)

    /// Go's `Time.Format(layout)` for `instant` read at `utcOffset`. `MST` writes `UTC` at
    /// offset zero and `-0700` otherwise (Git's dates carry an offset but no zone name).
    func format(_ instant: Timestamp, utcOffset: Int) -> String {
        let fields = GoCalendar(instant, utcOffset: utcOffset)
        func padded(_ value: Int64, _ width: Int, with pad: Character = "0") -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: pad, count: max(0, width - digits.count)) + digits
        }
        func offsetText(colons: Bool, minutes: Bool, seconds: Bool) -> String {
            let magnitude = abs(utcOffset)
            var text = (utcOffset < 0 ? "-" : "+") + padded(Int64(magnitude / 3600), 2)
            if minutes { text += (colons ? ":" : "") + padded(Int64(magnitude % 3600 / 60), 2) }
            if seconds { text += (colons ? ":" : "") + padded(Int64(magnitude % 60), 2) }
            return text
        }
        var out = ""
        for element in elements {
            switch element {
            case .literal(let bytes): out += String(decoding: bytes, as: UTF8.self)
            case .longMonth: out += Self.longMonthNames[Int(fields.month - 1)]
            case .month: out += String(Self.longMonthNames[Int(fields.month - 1)].prefix(3))
            case .numMonth: out += String(fields.month)
            case .zeroMonth: out += padded(fields.month, 2)
            case .longWeekday: out += Self.longWeekdayNames[Int(fields.weekday)]
            case .weekday: out += String(Self.longWeekdayNames[Int(fields.weekday)].prefix(3))
            case .day: out += String(fields.day)
            case .underDay: out += padded(fields.day, 2, with: " ")
            case .zeroDay: out += padded(fields.day, 2)
            case .underYearDay: out += padded(fields.yearDay, 3, with: " ")
            case .zeroYearDay: out += padded(fields.yearDay, 3)
            case .hour: out += padded(fields.hour, 2)
            case .hour12: out += String(fields.hour % 12 == 0 ? 12 : fields.hour % 12)
            case .zeroHour12: out += padded(fields.hour % 12 == 0 ? 12 : fields.hour % 12, 2)
            case .minute: out += String(fields.minute)
            case .zeroMinute: out += padded(fields.minute, 2)
            case .second: out += String(fields.second)
            case .zeroSecond: out += padded(fields.second, 2)
            case .longYear: out += padded(fields.year, 4)
            case .year: out += padded(GoCalendar.floorModulo(fields.year, 100), 2)
            case .pm(let uppercase):
                let text = fields.hour >= 12 ? "PM" : "AM"
                out += uppercase ? text : text.lowercased()
            case .zone(.abbreviation):
                out += utcOffset == 0 ? "UTC" : offsetText(colons: false, minutes: true, seconds: false)
            case .zone(.numeric(let iso, let colons, let minutes, let seconds)):
                out += iso && utcOffset == 0 ? "Z" : offsetText(colons: colons, minutes: minutes, seconds: seconds)
            case .fraction(let digits, let trailingZeros, let separator):
                var text = padded(fields.nanosecond, 9).prefix(min(digits, 9))
                if !trailingZeros {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.isEmpty { continue }
                }
                out += String(UnicodeScalar(separator)) + text
            }
        }
        return out
    }

    /// How Go names an element in "cannot parse … as …".
    static func spelling(of element: Element) -> String {
        switch element {
        case .literal(let bytes): String(decoding: bytes, as: UTF8.self)
        case .longMonth: "January"
        case .month: "Jan"
        case .numMonth: "1"
        case .zeroMonth: "01"
        case .longWeekday: "Monday"
        case .weekday: "Mon"
        case .day: "2"
        case .underDay: "_2"
        case .zeroDay: "02"
        case .underYearDay: "__2"
        case .zeroYearDay: "002"
        case .hour: "15"
        case .hour12: "3"
        case .zeroHour12: "03"
        case .minute: "4"
        case .zeroMinute: "04"
        case .second: "5"
        case .zeroSecond: "05"
        case .longYear: "2006"
        case .year: "06"
        case .pm(let uppercase): uppercase ? "PM" : "pm"
        case .zone(.abbreviation): "MST"
        case .zone(.numeric(let iso, let colons, let minutes, let seconds)):
            (iso ? "Z" : "-") + "07" + (minutes ? (colons ? ":00" : "00") : "") + (seconds ? (colons ? ":00" : "00") : "")
        case .fraction(let digits, let trailingZeros, let separator):
            String(UnicodeScalar(separator)) + String(repeating: trailingZeros ? "0" : "9", count: digits)
        }
    }
}

/// Why a time could not be parsed, in Go's words.
enum GoTimeParseError: Error, Equatable, CustomStringConvertible {
    case cannotParse(value: String, layout: String, rest: String, element: String)
    case outOfRange(value: String, what: String)
    case extraText(value: String, rest: String)

    var description: String {
        switch self {
        case .cannotParse(let value, let layout, let rest, let element):
            "parsing time \(GoText.quote(value)) as \(GoText.quote(layout)): cannot parse \(GoText.quote(rest)) as \(GoText.quote(element))"
        case .outOfRange(let value, let what):
            what.contains("match") ? "parsing time \(GoText.quote(value)): \(what)"
                : "parsing time \(GoText.quote(value)): \(what) out of range"
        case .extraText(let value, let rest):
            "parsing time \(GoText.quote(value)): extra text: \(GoText.quote(rest))"
        }
    }
}

private func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}

/// Reads a value left to right for `GoTimeLayout.parse`.
private struct Reader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }
    var remaining: Int { bytes.count - index }
    var restText: String { String(decoding: bytes[index...], as: UTF8.self) }

    func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    func allDigits(from offset: Int, count: Int) -> Bool {
        (offset..<offset + count).allSatisfy { byte($0).map(isDigit) ?? false }
    }

    /// Go's `skip`: literal bytes, where a run of spaces in the layout matches a run of
    /// spaces in the value (or none, at the end of the value).
    mutating func skip(_ literal: [UInt8]) -> Bool {
        var position = 0
        let space = UInt8(ascii: " ")
        while position < literal.count {
            if literal[position] == space {
                if let next = byte(0), next != space { return false }
                while position < literal.count, literal[position] == space { position += 1 }
                while byte(0) == space { index += 1 }
                continue
            }
            guard byte(0) == literal[position] else { return false }
            position += 1
            index += 1
        }
        return true
    }

    mutating func take(_ count: Int) -> String? {
        guard remaining >= count else { return nil }
        defer { index += count }
        return String(decoding: bytes[index..<index + count], as: UTF8.self)
    }

    /// Exactly `count` decimal digits.
    mutating func digits(exactly count: Int) -> Int64? {
        guard allDigits(from: 0, count: count) else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    /// Go's `getnum` / `getnum3`: one to `maxDigits` digits, or exactly `maxDigits` when `fixed`.
    mutating func number(fixed: Bool, maxDigits: Int = 2) -> Int64? {
        var count = 0
        while count < maxDigits, let next = byte(count), isDigit(next) { count += 1 }
        guard count > 0, !fixed || count == maxDigits else { return nil }
        return digits(exactly: count)
    }

    /// The index of the name the value starts with, compared ASCII case-insensitively.
    mutating func lookup(_ names: [String]) -> Int? {
        for (position, name) in names.enumerated() {
            let candidate = Array(name.utf8)
            guard remaining >= candidate.count else { continue }
            let matches = zip(bytes[index..<index + candidate.count], candidate).allSatisfy { lowered($0) == lowered($1) }
            if matches {
                index += candidate.count
                return position
            }
        }
        return nil
    }

    private func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    var startsFraction: Bool {
        guard let separator = byte(0), let digit = byte(1) else { return false }
        return (separator == UInt8(ascii: ".") || separator == UInt8(ascii: ",")) && isDigit(digit)
    }

    /// The separator and the digits after it (at most `maxDigits`, all of them otherwise),
    /// as nanoseconds; digits past the ninth are read and dropped, as Go does.
    mutating func fraction(maxDigits: Int) -> Int64 {
        index += 1
        var nanoseconds: Int64 = 0
        var count = 0
        while count < maxDigits, let next = byte(0), isDigit(next) {
            if count < 9 { nanoseconds = nanoseconds * 10 + Int64(next - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        for _ in count..<max(count, 9) { nanoseconds *= 10 }
        return nanoseconds
    }

    /// `±hh[[:]mm[[:]ss]]` as the zone element asks.
    mutating func zoneOffset(colons: Bool, minutes: Bool, seconds: Bool)
        -> (sign: Int, hours: Int64, minutes: Int64, seconds: Int64)?
    {
        guard let signByte = byte(0), signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else { return nil }
        let length = 1 + 2 + (minutes ? (colons ? 3 : 2) : 0) + (seconds ? (colons ? 3 : 2) : 0)
        guard remaining >= length else { return nil }
        if colons {
            if minutes, byte(3) != UInt8(ascii: ":") { return nil }
            if seconds, byte(6) != UInt8(ascii: ":") { return nil }
        }
        func pair(_ offset: Int) -> Int64? {
            guard let a = byte(offset), let b = byte(offset + 1), isDigit(a), isDigit(b) else { return nil }
            return Int64(a - UInt8(ascii: "0")) * 10 + Int64(b - UInt8(ascii: "0"))
        }
        guard let hours = pair(1) else { return nil }
        let minuteOffset = colons ? 4 : 3
        let secondOffset = colons ? 7 : 5
        let parsedMinutes = minutes ? pair(minuteOffset) : 0
        let parsedSeconds = seconds ? pair(secondOffset) : 0
        guard let parsedMinutes, let parsedSeconds else { return nil }
        index += length
        return (signByte == UInt8(ascii: "-") ? -1 : 1, hours, parsedMinutes, parsedSeconds)
    }

    /// Go's `parseTimeZone`: three to five capitals (four or five ending in `T`, or `WITA`),
    /// `ChST`, `MeST`, `GMT` with an optional signed hour, or a bare signed hour (`+03`).
    mutating func zoneAbbreviation() -> String? {
        guard remaining >= 3 else { return nil }
        let text = restText
        if text.hasPrefix("ChST") || text.hasPrefix("MeST") { return take(4) }
        if text.hasPrefix("GMT") { return take(3 + signedHourLength(at: 3)) }
        if byte(0) == UInt8(ascii: "+") || byte(0) == UInt8(ascii: "-") {
            let length = signedHourLength(at: 0)
            return length > 0 ? take(length) : nil
        }
        var capitals = 0
        while capitals < 6, let next = byte(capitals), (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(next) { capitals += 1 }
        switch capitals {
        case 3: return take(3)
        case 4 where byte(3) == UInt8(ascii: "T") || text.hasPrefix("WITA"): return take(4)
        case 5 where byte(4) == UInt8(ascii: "T"): return take(5)
        default: return nil
        }
    }

    /// Go's `parseSignedOffset`: a sign and an hour up to 23; 0 when there is none.
    private func signedHourLength(at offset: Int) -> Int {
        guard let sign = byte(offset), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        var count = 0
        var value = 0
        while let next = byte(offset + 1 + count), isDigit(next) {
            value = min(value * 10 + Int(next - UInt8(ascii: "0")), 1000)
            count += 1
        }
        return count > 0 && value <= 23 ? 1 + count : 0
    }
}
