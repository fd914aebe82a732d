/// A recurrence rule anchored at its first start (DTSTART) in a time zone: the set of instants
/// a recurring window opens at. Occurrences are found in wall-clock time, so a rule for Fridays
/// at 18:00 stays at 18:00 local across daylight-saving changes, then each is turned into an
/// instant through the zone (RFC 5545 §3.3.10: a time in a gap moves forward by the gap, a
/// time shown twice means the first). DTSTART is always the first occurrence and counts
/// towards COUNT, as RFC 5545 §3.8.5.3 says, even when the rule would not produce it
/// (dateutil and rrule-go leave such a DTSTART out; RFC 5545 calls that set undefined).
public struct Recurrence: Sendable, Hashable {
    public var rule: RecurrenceRule
    public var start: LocalDateTime
    public var zone: ZoneRules

    public init(rule: RecurrenceRule, start: LocalDateTime, zone: ZoneRules) {
        self.rule = rule
        self.start = start
        self.zone = zone
    }

    /// Occurrence starts in `range` (lower bound included, upper excluded), ascending.
    public func occurrences(in range: Range<Timestamp>) -> [Timestamp] {
        // A wall clock is never more than a day and a bit from UTC, so local times three days
        // either side of the range cover every occurrence that lands in it.
        let margin: Int64 = 3 * 86_400
        var found: [Timestamp] = []
        forEachLocalOccurrence(from: range.lowerBound.secondsSinceEpoch - margin,
                               to: range.upperBound.secondsSinceEpoch + margin) { local, instant in
            if range.contains(instant) { found.append(instant) }
        }
        found.sort()
        var unique: [Timestamp] = []
        for instant in found where unique.last != instant { unique.append(instant) }
        return unique
    }

    /// The first occurrence strictly after `instant` and no later than `within` seconds after it.
    public func firstOccurrence(after instant: Timestamp, within seconds: Int64) -> Timestamp? {
        let lower = instant.adding(seconds: 1e-9)
        var span: Int64 = 8 * 86_400
        while true {
            let reach = min(span, seconds)
            let upper = Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch + reach + 1)
            if let first = occurrences(in: lower..<upper).first(where: { $0.seconds(since: instant) <= Double(seconds) }) {
                return first
            }
            if reach == seconds || exhausted(before: upper) { return nil }
            span = span > seconds / 4 ? seconds : span * 4
        }
    }

    /// The last occurrence at or before `instant`.
    public func lastOccurrence(atOrBefore instant: Timestamp) -> Timestamp? {
        let upper = instant.adding(seconds: 1e-9)
        let firstPossible = zone.instant(forLocal: start).secondsSinceEpoch - 3 * 86_400
        var span: Int64 = 8 * 86_400
        while true {
            let lowerSecond = max(instant.secondsSinceEpoch - span, firstPossible)
            if let last = occurrences(in: Timestamp(secondsSinceEpoch: lowerSecond)..<upper).last { return last }
            if lowerSecond == firstPossible { return nil }
            span = span > Int64.max / 8 ? Int64.max / 2 : span * 4
        }
    }

    /// Whether no occurrence can start at or after `instant` because COUNT or UNTIL ran out
    /// (without them a rule goes on forever, though one such as February 30 matches nothing,
    /// which the caller's horizon bounds).
    func exhausted(before instant: Timestamp) -> Bool {
        let margin: Int64 = 3 * 86_400
        switch rule.until {
        case .instant(let last): if last < instant { return true }
        case .local(let last): if last.secondsSinceEpoch + margin < instant.secondsSinceEpoch { return true }
        case nil: break
        }
        guard let count = rule.count else { return false }
        // Every counted occurrence started (on the wall clock) well before `instant`.
        let bound = instant.secondsSinceEpoch - margin
        return forEachLocalOccurrence(from: bound, to: bound) { _, _ in } >= count
    }

    // MARK: - Wall-clock enumeration

    /// Calls `body` with each occurrence whose wall-clock start is in `lower..<upper`, in
    /// wall-clock order, with its instant. With COUNT the walk starts at DTSTART, since every
    /// earlier occurrence counts; otherwise it starts at the period that holds `lower`.
    /// Stops at `upper`, at UNTIL, or when COUNT occurrences have been produced. Returns how
    /// many occurrences it walked past (from DTSTART when the rule has COUNT).
    @discardableResult
    func forEachLocalOccurrence(from lower: Int64, to upper: Int64, _ body: (LocalDateTime, Timestamp) -> Void) -> Int {
        let interval = Int64(max(rule.interval, 1))
        var period: Int64 = 0
        if rule.count == nil {
            let first = periodIndex(of: LocalDateTime(secondsSinceEpoch: max(lower, start.secondsSinceEpoch)))
            period = first - first.flooredModulo(interval)
        }
        let untilBound = untilWallClockBound
        let times = secondsOfDay
        var produced = 0
        if period == 0 {
            // DTSTART is the first occurrence whether or not the rule would produce it.
            let instant = zone.instant(forLocal: start)
            guard withinUntil(start, instant), start.secondsSinceEpoch < upper else { return produced }
            produced += 1
            if start.secondsSinceEpoch >= lower { body(start, instant) }
        }
        while true {
            let periodStart = firstDay(ofPeriod: period) * 86_400
            if periodStart >= upper || periodStart > untilBound { return produced }
            for day in candidateDays(inPeriod: period) {
                for time in times {
                    let local = LocalDateTime(daysSinceEpoch: day, secondOfDay: time)
                    if local <= start { continue }
                    let instant = zone.instant(forLocal: local)
                    if !withinUntil(local, instant) { return produced }
                    if let count = rule.count, produced == count { return produced }
                    if local.secondsSinceEpoch >= upper { return produced }
                    produced += 1
                    if local.secondsSinceEpoch >= lower { body(local, instant) }
                }
            }
            period += interval
        }
    }

    /// Wall-clock seconds past which no occurrence can satisfy UNTIL.
    private var untilWallClockBound: Int64 {
        switch rule.until {
        case nil: Int64.max
        // Any wall clock is within two days of UTC.
        case .instant(let last): last.secondsSinceEpoch + 2 * 86_400
        case .local(let last): last.secondsSinceEpoch
        }
    }

    private func withinUntil(_ local: LocalDateTime, _ instant: Timestamp) -> Bool {
        switch rule.until {
        case nil: true
        case .instant(let last): instant <= last
        case .local(let last): local <= last
        }
    }

    /// Times of day, ascending: BYHOUR × BYMINUTE × BYSECOND, each defaulting to DTSTART's.
    private var secondsOfDay: [Int64] {
        let hours = rule.byHour.isEmpty ? [start.hour] : rule.byHour.map(Int64.init)
        let minutes = rule.byMinute.isEmpty ? [start.minute] : rule.byMinute.map(Int64.init)
        let seconds = rule.bySecond.isEmpty ? [start.second] : rule.bySecond.map(Int64.init)
        var times: [Int64] = []
        for hour in hours { for minute in minutes { for second in seconds { times.append(hour * 3600 + minute * 60 + second) } } }
        return Array(Set(times)).sorted()
    }

    /// Which period (day, week, month or year, counted from DTSTART's) holds `local`.
    private func periodIndex(of local: LocalDateTime) -> Int64 {
        switch rule.frequency {
        case .daily:
            return local.daysSinceEpoch - start.daysSinceEpoch
        case .weekly:
            return (local.daysSinceEpoch - firstDayOfStartWeek).flooredDivision(by: 7)
        case .monthly:
            let (year, month, _) = local.date
            let (startYear, startMonth, _) = start.date
            return (year * 12 + month) - (startYear * 12 + startMonth)
        case .yearly:
            return local.date.year - start.date.year
        }
    }

    private var firstDayOfStartWeek: Int64 {
        let day = start.daysSinceEpoch
        return day - Int64((start.weekday - rule.weekStart.rawValue + 7) % 7)
    }

    private func yearAndMonth(ofPeriod period: Int64) -> (year: Int64, month: Int64) {
        let (startYear, startMonth, _) = start.date
        let months = startYear * 12 + (startMonth - 1) + period
        return (months.flooredDivision(by: 12), months.flooredModulo(12) + 1)
    }

    private func firstDay(ofPeriod period: Int64) -> Int64 {
        switch rule.frequency {
        case .daily: return start.daysSinceEpoch + period
        case .weekly: return firstDayOfStartWeek + period * 7
        case .monthly:
            let (year, month) = yearAndMonth(ofPeriod: period)
            return Timestamp.daysSinceEpoch(year: year, month: month, day: 1)
        case .yearly:
            return Timestamp.daysSinceEpoch(year: start.date.year + period, month: 1, day: 1)
        }
    }

    /// The days of a period the rule selects, ascending: the period's days, limited or
    /// expanded by BYMONTH, BYMONTHDAY and BYDAY as RFC 5545's table says for the frequency,
    /// with DTSTART's weekday, day of month and month filling in what the rule leaves open.
    private func candidateDays(inPeriod period: Int64) -> [Int64] {
        let first = firstDay(ofPeriod: period)
        let dayCount: Int64
        switch rule.frequency {
        case .daily: dayCount = 1
        case .weekly: dayCount = 7
        case .monthly:
            let (year, month) = yearAndMonth(ofPeriod: period)
            dayCount = Timestamp.daysIn(month: month, year: year)
        case .yearly:
            dayCount = Timestamp.isLeap(start.date.year + period) ? 366 : 365
        }
        let startDate = start.date
        var days: [Int64] = []
        for day in first..<(first + dayCount) {
            let (year, month, dayOfMonth) = Timestamp.civilDate(daysSinceEpoch: day)
            let monthLength = Timestamp.daysIn(month: month, year: year)
            if !rule.byMonth.isEmpty {
                if !rule.byMonth.contains(Int(month)) { continue }
            } else if rule.frequency == .yearly && rule.byMonthDay.isEmpty && rule.byDay.isEmpty {
                if month != startDate.month { continue }
            }
            if !rule.byMonthDay.isEmpty {
                let fromEnd = dayOfMonth - monthLength - 1
                if !rule.byMonthDay.contains(where: { Int64($0) == dayOfMonth || Int64($0) == fromEnd }) { continue }
            } else if rule.byDay.isEmpty && (rule.frequency == .monthly || rule.frequency == .yearly) {
                if dayOfMonth != startDate.day { continue }
            }
            if !rule.byDay.isEmpty {
                let weekday = LocalDateTime.weekday(ofDay: day)
                // Ordinals count within the month, or within the year for YEARLY without BYMONTH.
                let scope: ClosedRange<Int64>
                if rule.frequency == .yearly && rule.byMonth.isEmpty {
                    scope = first...(first + dayCount - 1)
                } else {
                    let monthStart = day - dayOfMonth + 1
                    scope = monthStart...(monthStart + monthLength - 1)
                }
                let matches = rule.byDay.contains { entry in
                    guard entry.weekday.rawValue == weekday else { return false }
                    guard let ordinal = entry.ordinal else { return true }
                    return ordinal > 0
                        ? (day - scope.lowerBound) / 7 + 1 == Int64(ordinal)
                        : (scope.upperBound - day) / 7 + 1 == Int64(-ordinal)
                }
                if !matches { continue }
            } else if rule.frequency == .weekly {
                if LocalDateTime.weekday(ofDay: day) != start.weekday { continue }
            }
            days.append(day)
        }
        return days
    }
}
