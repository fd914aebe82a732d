import Pipeline

/// One entry of the audit trail: what a state commit did, read back from its message and
/// `Freightline-*` trailers alone (no state file is read), so `git log` of the state ref
/// and `freightline history` always agree.
public struct HistoryEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case discovery, claim, promotion, rollback, request, approval, hold, release, rejection, verification, other
    }

    /// The commit's author time (Freightline writes the run's `--now` there).
    public var time: Timestamp
    public var kind: Kind
    /// `project/stage` keys the commit names (several for a multi-Stage commit).
    public var stages: [String]
    /// `project/warehouse` keys of a discovery commit.
    public var warehouses: [String]
    public var freight: [String]
    /// `Freightline-Actor`, else the commit's author.
    public var actor: String
    /// `Freightline-Reason`, the commit's own word for why.
    public var reason: String
    /// The commit's first line.
    public var summary: String
    public var commit: String
    public var run: String?
    public var promotion: String?
}

/// Reads history events out of state commits and filters them.
public enum StateHistory {
    /// The events of `commits` (newest first), in the same order.
    public static func events(_ commits: [(id: String, message: String, author: String, time: Timestamp)]) -> [HistoryEvent] {
        commits.map { commit in
            let (summary, trailers) = parse(commit.message)
            let reason = trailers["Freightline-Reason"]?.first ?? ""
            return HistoryEvent(
                time: commit.time, kind: kind(reason: reason, summary: summary), stages: trailers["Freightline-Stage"] ?? [],
                warehouses: trailers["Freightline-Warehouse"] ?? [],
                freight: trailers["Freightline-Freight"] ?? [], actor: trailers["Freightline-Actor"]?.first ?? commit.author,
                reason: reason, summary: summary, commit: commit.id, run: trailers["Freightline-Run"]?.first,
                promotion: trailers["Freightline-Promotion"]?.first)
        }
    }

    /// The events matching every filter given: a Stage (`stage` or `project/stage`), a
    /// Freight name, a Project, and a time from which on (inclusive).
    public static func filter(_ events: [HistoryEvent], project: String? = nil, stage: String? = nil,
                              freight: String? = nil, since: Timestamp? = nil) -> [HistoryEvent] {
        events.filter { event in
            if let since, event.time < since { return false }
            if let freight, !event.freight.contains(freight) { return false }
            if let project, !(event.stages + event.warehouses).contains(where: { $0.hasPrefix(project + "/") }) {
                return false
            }
            if let stage {
                return event.stages.contains { $0 == stage || $0.hasSuffix("/" + stage) }
            }
            return true
        }
    }

    /// The summary line and the trailers (key → values in order) of a commit message.
    static func parse(_ message: String) -> (String, [String: [String]]) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let summary = lines.first ?? ""
        var trailers: [String: [String]] = [:]
        // Trailers are the last paragraph: `Key: value` lines.
        for line in lines.reversed() {
            if line.isEmpty { if !trailers.isEmpty { break } else { continue } }
            guard let colon = line.firstIndex(of: ":"), line.hasPrefix("Freightline-") else {
                if trailers.isEmpty { continue } else { break }
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            trailers[key, default: []].insert(String(value), at: 0)
        }
        return (summary, trailers)
    }

    static func kind(reason: String, summary: String) -> HistoryEvent.Kind {
        if reason == "discovery" { return .discovery }
        if reason == "claim" || reason == "resume" { return .claim }
        if reason == "rollback" || reason.hasPrefix("rollback ") { return .rollback }
        if reason.hasPrefix("promotion requested") { return .request }
        if reason.hasPrefix("promotion ") { return .promotion }
        if reason == "approved" { return .approval }
        if reason == "hold" || reason.hasPrefix("hold:") { return .hold }
        if reason == "release" { return .release }
        if reason.hasPrefix("rejected") { return .rejection }
        if reason.hasPrefix("verification") { return .verification }
        return .other
    }
}
