/// Decides whether promotion windows let a Stage be promoted at a given time, as Kargo
/// defines them: an active Deny window closes promotion; otherwise, when any Allow window
/// applies, promotion is open only while one of them is active; with no windows it is open.
/// Closed windows gate auto and manual promotions (and rollbacks) alike.
public enum PromotionWindowEvaluation {
    /// How far ahead `nextOpen` and `nextClose` are looked for: a year and a day.
    public static let defaultHorizonSeconds: Int64 = 366 * 86_400

    /// The status the windows give a Stage at `now`; nil when `windows` is empty (Kargo then
    /// leaves `promotionWindowStatus` absent). A window that cannot be evaluated (a bad rrule,
    /// an unknown zone) keeps promotion closed, naming the problem, rather than being ignored.
    /// `nextOpen` (when closed) and `nextClose` (when open) are given only when they fall within
    /// `horizonSeconds` of `now`; `nextCloseReason` is the `reason` that will apply from `nextClose`.
    public static func status(
        of windows: [PromotionWindow], at now: Timestamp, zones: ZoneLookup,
        horizonSeconds: Int64 = defaultHorizonSeconds
    ) -> PromotionWindowStatus? {
        guard !windows.isEmpty else { return nil }
        var schedules: [PromotionWindowSchedule] = []
        for window in windows {
            let resolution = PromotionWindowSchedule.resolve(window, zones: zones)
            guard let schedule = resolution.schedule else {
                let problems = resolution.problems.map(\.message).joined(separator: "; ")
                return PromotionWindowStatus(
                    closed: true,
                    reason: "closed because window `\(window.name)` cannot be evaluated (\(problems)); it stays closed until the window is fixed")
            }
            schedules.append(schedule)
        }
        let horizon = max(horizonSeconds, 1)
        let search = Search(schedules: schedules, now: now, horizon: horizon)
        if search.closedNow {
            return PromotionWindowStatus(
                closed: true, reason: reason(closedAt: now, schedules: schedules, horizon: horizon),
                nextOpen: search.nextChange)
        }
        guard let nextClose = search.nextChange else { return PromotionWindowStatus(closed: false) }
        return PromotionWindowStatus(
            closed: false, nextClose: nextClose,
            nextCloseReason: reason(closedAt: nextClose, schedules: schedules, horizon: horizon))
    }

    /// Finds whether promotion is closed at `now` and the first later instant where that flips.
    /// It looks a little way ahead first and further only when nothing changes, since most
    /// schedules change within days.
    private struct Search {
        var closedNow = false
        var nextChange: Timestamp?

        init(schedules: [PromotionWindowSchedule], now: Timestamp, horizon: Int64) {
            let hasAllow = schedules.contains { $0.kind == .allow }
            var reach = min(2 * 86_400, horizon)
            while true {
                // Through `now + reach` inclusive.
                let range = now..<Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + reach, nanoseconds: 1)
                var deny: [Range<Timestamp>] = []
                var allow: [Range<Timestamp>] = []
                for schedule in schedules {
                    let spans = schedule.spans(overlapping: range)
                    if schedule.kind == .deny { deny += spans } else { allow += spans }
                }
                deny = PromotionWindowSpans.merged(deny)
                allow = PromotionWindowSpans.merged(allow)
                func closed(at instant: Timestamp) -> Bool {
                    PromotionWindowSpans.contains(deny, instant) || (hasAllow && !PromotionWindowSpans.contains(allow, instant))
                }
                closedNow = closed(at: now)
                // Promotion can only open where a Deny span ends or an Allow span starts, and
                // only close where a Deny span starts or an Allow span ends.
                let boundaries = closedNow
                    ? deny.map(\.upperBound) + allow.map(\.lowerBound)
                    : deny.map(\.lowerBound) + allow.map(\.upperBound)
                let change = boundaries
                    .filter { $0 > now && range.contains($0) }
                    .sorted()
                    .first { closed(at: $0) != closedNow }
                if let change {
                    nextChange = change
                    return
                }
                if reach == horizon { return }
                reach = reach > horizon / 8 ? horizon : reach * 8
            }
        }
    }

    /// Why promotion is closed at `instant`, which must be a closed time: the active Deny
    /// windows and until when, or the Allow windows it is outside of and when one next opens.
    /// Times are shown in each window's own zone, with its offset.
    static func reason(closedAt instant: Timestamp, schedules: [PromotionWindowSchedule], horizon: Int64) -> String {
        var denials: [String] = []
        for schedule in schedules where schedule.kind == .deny {
            switch schedule.activeRun(at: instant, horizon: horizon) {
            case .inactive: continue
            case .until(let end): denials.append("`\(schedule.window.name)` until \(schedule.zone.rfc3339(end))")
            case .beyondHorizon: denials.append("`\(schedule.window.name)` with no end within \(days(horizon)) days")
            }
        }
        if !denials.isEmpty {
            return "closed by window" + (denials.count == 1 ? " " : "s ") + list(denials)
        }
        let allows = schedules.filter { $0.kind == .allow }
        let names = list(allows.map { "`\($0.window.name)`" })
        let opening = allows
            .compactMap { schedule in schedule.nextStart(after: instant, horizon: horizon).map { ($0, schedule) } }
            .min { $0.0 < $1.0 }
        let outside = "closed outside allow window" + (allows.count == 1 ? " " : "s ") + names
        guard let (opens, schedule) = opening else {
            return outside + (allows.count == 1 ? ", which does not" : "; none of them does") + " open again within \(days(horizon)) days"
        }
        if allows.count == 1 { return outside + ", which next opens at \(schedule.zone.rfc3339(opens))" }
        return outside + "; the next to open is `\(schedule.window.name)` at \(schedule.zone.rfc3339(opens))"
    }

    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    private static func days(_ seconds: Int64) -> Int64 { seconds / 86_400 }
}
