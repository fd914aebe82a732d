import Discovery
import Pipeline
import Reconciler

/// The closing summary of `reconcile`: one line per promotion, then the totals.
enum ReconcileReport {
    /// - Parameter countsPushes: say how many state pushes were made and how many were
    ///   rejected (sharded runs, where that shows whether shards got in each other's way).
    static func text(_ summary: ReconcileSummary, dryRun: Bool, countsPushes: Bool = false) -> String {
        var lines: [String] = []
        let prefix = dryRun ? "[dry run] " : ""
        if let discovery = summary.discovery, !discovery.entries.isEmpty {
            lines.append("Discovery:")
            lines += discovery.lines.map { "  " + $0 }
        }
        if summary.promotions.isEmpty {
            lines.append("\(prefix)Nothing to promote.")
        } else {
            var table = TextTable(headers: ["PROJECT", "STAGE", "FREIGHT", "PHASE", "PROMOTION", "MESSAGE"])
            for entry in summary.promotions {
                table.rows.append([entry.project, entry.stage, entry.alias, entry.phase.rawValue + (entry.resumed ? " (resumed)" : ""),
                                   entry.promotion, entry.message ?? ""])
            }
            lines.append(table.render())
        }
        if !summary.verifications.isEmpty {
            var table = TextTable(headers: ["PROJECT", "STAGE", "FREIGHT", "VERIFICATION", "DETAIL"])
            for entry in summary.verifications {
                table.rows.append([entry.project, entry.stage, entry.alias, entry.phase.rawValue, entry.detail])
            }
            lines.append(table.render())
        }
        let succeeded = summary.promotions.filter { $0.phase == .succeeded }.count
        let failed = summary.promotions.filter { $0.phase == .failed || $0.phase == .errored || $0.phase == .aborted }.count
        let waiting = summary.promotions.filter { $0.phase == .running }.count
        var totals = "\(prefix)\(succeeded) promoted, \(failed) failed, \(waiting) waiting; \(summary.commits) state commit\(summary.commits == 1 ? "" : "s")"
        if !summary.verifications.isEmpty {
            let verified = summary.verifications.filter { $0.phase == .successful }.count
            let running = summary.verifications.filter { !$0.phase.isTerminal }.count
            let unverified = summary.verifications.count - verified - running
            totals += "; \(verified) verified, \(unverified) not verified, \(running) verifying"
        }
        if dryRun { totals += " (not written)" }
        if countsPushes, let pushes = summary.pushes { totals += "; " + pushText(pushes) }
        if summary.conflicts > 0 { totals += "; \(summary.conflicts) race\(summary.conflicts == 1 ? "" : "s") lost and re-planned" }
        if !summary.lostLeases.isEmpty { totals += "; taken over by another run: \(summary.lostLeases.joined(separator: ", "))" }
        if summary.gaveUpOnConflicts { totals += "; gave up: the state ref kept changing" }
        lines.append(totals)
        return lines.joined(separator: "\n")
    }

    /// `12 state pushes (2 rejected and rebased)`, or `… (3 rejected: 2 rebased, 1 re-planned)`.
    static func pushText(_ pushes: StatePushCount) -> String {
        var text = "\(pushes.attempts) state push\(pushes.attempts == 1 ? "" : "es")"
        if pushes.rejected == pushes.rebased {
            text += " (\(pushes.rejected) rejected and rebased)"
        } else {
            text += " (\(pushes.rejected) rejected: \(pushes.rebased) rebased, \(pushes.rejected - pushes.rebased) re-planned)"
        }
        return text
    }
}
