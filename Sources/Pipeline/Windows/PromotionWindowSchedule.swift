/// A promotion window resolved against the zone database: when it is active. Each occurrence
/// is active from its start (included) to its end (excluded). A one-shot window is active from
/// `dtstart` to `dtend`; a recurring one from each rrule occurrence for `dtend - dtstart`, the
/// exact duration RFC 5545 §3.8.5.3 gives occurrences when DTEND is set.
public struct PromotionWindowSchedule: Sendable {
    public enum Timing: Sendable, Hashable {
        case oneShot(Range<Timestamp>)
        case recurring(Recurrence, durationSeconds: Int64)
    }

    public let window: PromotionWindow
    public let kind: PromotionWindowKind
    /// The zone of `dtstart`, in which the rule steps and times are shown.
    public let zone: ZoneRules
    public let timing: Timing

    /// Throws the first problem `problems(of:zones:)` finds.
    public init(_ window: PromotionWindow, zones: ZoneLookup) throws(PromotionWindowProblem) {
        let resolution = Self.resolve(window, zones: zones)
        guard let schedule = resolution.schedule else { throw resolution.problems[0] }
        self = schedule
    }

    private init(window: PromotionWindow, kind: PromotionWindowKind, zone: ZoneRules, timing: Timing) {
        self.window = window
        self.kind = kind
        self.zone = zone
        self.timing = timing
    }

    /// Every problem with `window`, and the schedule when there are none.
    static func resolve(_ window: PromotionWindow, zones: ZoneLookup) -> (schedule: PromotionWindowSchedule?, problems: [PromotionWindowProblem]) {
        var problems: [PromotionWindowProblem] = []
        if window.kind == nil { problems.append(.missingKind) }
        func time(_ text: String?, field: String, missing: PromotionWindowProblem) -> (PromotionWindowTime, ZoneRules)? {
            guard let text, !WindowText.trimmed(text).isEmpty else {
                problems.append(missing)
                return nil
            }
            let parsed: PromotionWindowTime
            do { parsed = try PromotionWindowTime(parsing: text) } catch {
                problems.append(.invalidTime(field: field, error))
                return nil
            }
            guard let rules = parsed.zoneRules(lookup: zones) else {
                problems.append(.unknownZone(field: field, identifier: parsed.zoneIdentifier ?? ""))
                return nil
            }
            return (parsed, rules)
        }
        let start = time(window.dtstart, field: "dtstart", missing: .missingStart)
        let end = time(window.dtend, field: "dtend", missing: .missingEnd)
        var rule: RecurrenceRule?
        if let text = window.rrule, !WindowText.trimmed(text).isEmpty {
            do { rule = try RecurrenceRule(parsing: text) } catch { problems.append(.invalidRule(error)) }
        }
        var startInstant: Timestamp?
        var endInstant: Timestamp?
        if let (startTime, startZone) = start, let (endTime, endZone) = end {
            startInstant = startZone.instant(forLocal: startTime.local)
            endInstant = endZone.instant(forLocal: endTime.local)
            if endInstant! <= startInstant! {
                problems.append(.endNotAfterStart(start: window.dtstart ?? "", end: window.dtend ?? ""))
            }
        }
        guard problems.isEmpty, let kind = window.kind, let (startTime, zone) = start,
              let startInstant, let endInstant
        else { return (nil, problems) }
        let timing: Timing
        if let rule {
            let recurrence = Recurrence(rule: rule, start: startTime.local, zone: zone)
            timing = .recurring(recurrence, durationSeconds: endInstant.secondsSinceEpoch - startInstant.secondsSinceEpoch)
        } else {
            timing = .oneShot(startInstant..<endInstant)
        }
        return (PromotionWindowSchedule(window: window, kind: kind, zone: zone, timing: timing), [])
    }

    /// The spans during which the window is active that overlap `range`, ascending.
    public func spans(overlapping range: Range<Timestamp>) -> [Range<Timestamp>] {
        switch timing {
        case .oneShot(let span):
            return span.overlaps(range) ? [span] : []
        case .recurring(let recurrence, let duration):
            // Occurrences that start after `lower - duration` are still active at `lower`.
            let lower = range.lowerBound
            let earliest = Timestamp(secondsSinceEpoch: lower.secondsSinceEpoch - duration,
                                     nanoseconds: Int64(lower.nanoseconds) + 1)
            guard earliest < range.upperBound else { return [] }
            return recurrence.occurrences(in: earliest..<range.upperBound).map { start in
                start..<Timestamp(secondsSinceEpoch: start.secondsSinceEpoch + duration, nanoseconds: Int64(start.nanoseconds))
            }
        }
    }

    /// Whether `instant` falls in one of the window's spans (start included, end excluded).
    public func isActive(at instant: Timestamp) -> Bool {
        spans(overlapping: instant..<instant.adding(seconds: 1e-9)).contains { $0.contains(instant) }
    }

    /// How long an active window stays active.
    enum ActiveRun: Sendable, Hashable {
        case inactive
        /// Active until this instant: the end of the run of back-to-back or overlapping spans.
        case until(Timestamp)
        /// Active past the horizon searched (overlapping occurrences may never end).
        case beyondHorizon
    }

    /// Whether the window is active at `instant`, and until when, looking `horizon` seconds ahead.
    func activeRun(at instant: Timestamp, horizon: Int64) -> ActiveRun {
        let limit = Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch + horizon)
        let runs = PromotionWindowSpans.merged(spans(overlapping: instant..<limit))
        guard let run = runs.first(where: { $0.contains(instant) }) else { return .inactive }
        if case .recurring = timing, run.upperBound >= limit {
            // The run reaches past what was searched: it ends where it seems to only if no
            // further occurrence starts before then.
            let later = spans(overlapping: limit..<run.upperBound.adding(seconds: 1e-9))
            if later.contains(where: { $0.lowerBound >= limit }) { return .beyondHorizon }
        }
        return .until(run.upperBound)
    }

    /// The first span start strictly after `instant`, within `horizon` seconds.
    func nextStart(after instant: Timestamp, horizon: Int64) -> Timestamp? {
        switch timing {
        case .oneShot(let span):
            return span.lowerBound > instant && span.lowerBound.seconds(since: instant) <= Double(horizon) ? span.lowerBound : nil
        case .recurring(let recurrence, _):
            return recurrence.firstOccurrence(after: instant, within: horizon)
        }
    }
}

/// Operations on sorted lists of active spans.
enum PromotionWindowSpans {
    /// Spans sorted and joined where they overlap or touch, so `[a, b)` and `[b, c)` become `[a, c)`.
    static func merged(_ spans: [Range<Timestamp>]) -> [Range<Timestamp>] {
        var result: [Range<Timestamp>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, span.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// Whether a merged, sorted list holds `instant`.
    static func contains(_ spans: [Range<Timestamp>], _ instant: Timestamp) -> Bool {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].upperBound <= instant { low = middle + 1 } else { high = middle }
        }
        return low < spans.count && spans[low].contains(instant)
    }
}
