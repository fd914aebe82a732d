/// Where a promotion window list is declared: Kargo allows `projectSelector` only on ClusterConfig.
public enum PromotionWindowScope: Sendable, Hashable {
    case projectConfig
    case clusterConfig
}

/// What the validator reports about promotion windows, beyond what the CRD schema checks
/// (name pattern, `kind` enum): unreadable `dtstart`/`dtend`, unknown `TZID`, a `dtend` not
/// after `dtstart`, an invalid `rrule`, a misplaced `projectSelector`, duplicate names.
public enum PromotionWindowProblems {
    /// Problems with one window; `field` is relative to the window (`dtstart`, `rrule`, …).
    public static func check(
        _ window: PromotionWindow, zones: ZoneLookup, scope: PromotionWindowScope = .clusterConfig
    ) -> [(field: String, message: String)] {
        problems(of: window, zones: zones, scope: scope).map { ($0.field, $0.message) }
    }

    /// Problems with every window of a list, by index, including names used twice.
    public static func check(
        _ windows: [PromotionWindow], zones: ZoneLookup, scope: PromotionWindowScope
    ) -> [(index: Int, field: String, message: String)] {
        var result: [(index: Int, field: String, message: String)] = []
        var seen = Set<String>()
        for (index, window) in windows.enumerated() {
            var problems = problems(of: window, zones: zones, scope: scope)
            if !seen.insert(window.name).inserted { problems.insert(.duplicateName(window.name), at: 0) }
            result += problems.map { (index, $0.field, $0.message) }
        }
        return result
    }

    /// The problems as values, for callers that render them their own way.
    public static func problems(
        of window: PromotionWindow, zones: ZoneLookup, scope: PromotionWindowScope = .clusterConfig
    ) -> [PromotionWindowProblem] {
        var problems = PromotionWindowSchedule.resolve(window, zones: zones).problems
        if scope == .projectConfig && window.projectSelector != nil {
            problems.append(.projectSelectorInProjectConfig)
        }
        return problems
    }
}
