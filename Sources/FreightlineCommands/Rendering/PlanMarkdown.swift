import Foundation
import Pipeline

/// The pull-request comment: what the change does (with `--base`), new problems, a
/// summary table per Project, then one collapsible section per promotion with its diff.
/// GitHub refuses comments over 65,536 characters, so diffs are trimmed (largest first)
/// to fit, with a note pointing at the full plan (the JSON artifact or job summary).
enum PlanMarkdown {
    static let limit = 65_536
    /// Room kept for the trimming notes themselves.
    static let margin = 1_024

    static func render(_ report: PlanReport) -> String {
        var budget = limit - margin - head(report).count
        var sections: [String] = []
        // Diffs are the only part that can be long; the biggest are cut first.
        let bodies = (report.diffs ?? []).map(diffSection)
        let order = bodies.indices.sorted { bodies[$0].full.count < bodies[$1].full.count }
        var chosen = Array(repeating: "", count: bodies.count)
        for index in order {
            let remaining = order.count - (order.firstIndex(of: index) ?? 0)
            let share = budget / max(remaining, 1)
            if bodies[index].full.count <= share {
                chosen[index] = bodies[index].full
            } else {
                chosen[index] = bodies[index].trimmed
            }
            budget -= chosen[index].count
        }
        sections.append(contentsOf: chosen)
        var text = ([head(report)] + sections).joined(separator: "\n\n")
        if text.count > limit - 200 {
            text = String(text.prefix(limit - 400))
            text += "\n\n… the plan is longer than a comment may be; the full plan is in the job summary and the JSON artifact."
        }
        return text
    }

    private static func head(_ report: PlanReport) -> String {
        var lines = ["### Freightline plan at `\(report.plan.now.rfc3339)`"]
        if let base = report.base {
            lines.append("")
            lines.append("**What this change does** (compared with `\(base)`)")
            lines.append("")
            if let reason = report.baseUnavailable { lines.append("> The base configuration could not be planned: \(reason)") }
            if !report.newProblems.isEmpty {
                lines.append("New problems in the configuration:")
                lines.append("")
                for problem in report.newProblems {
                    lines.append("- **\(problem.severity)** `\(problem.file):\(problem.line):\(problem.column)` `\(problem.path)`: \(PlanRenderer.escapeCell(problem.message))")
                }
                lines.append("")
            }
            let changes = report.comparison?.changes ?? []
            if changes.isEmpty {
                if report.baseUnavailable == nil { lines.append("No Stage decision changes.") }
            } else {
                lines.append("| Stage | Before | After | Why |")
                lines.append("|---|---|---|---|")
                for change in changes {
                    let before = change.base.map(sideText) ?? "—"
                    let after = change.head.map(sideText) ?? "removed"
                    let why = (change.head?.reasons ?? change.base?.reasons ?? []).map(PlanRenderer.escapeCell).joined(separator: "<br>")
                    let name = change.kind == .added ? "\(change.stage) (new)" : change.stage
                    lines.append("| \(PlanRenderer.escapeCell(change.project))/\(PlanRenderer.escapeCell(name)) | \(before) | \(after) | \(why) |")
                }
            }
        }
        for project in report.plan.projects {
            lines.append("")
            if report.base != nil { lines.append("<details><summary>Full plan of <code>\(project.name)</code></summary>\n") }
            lines.append("**Project `\(project.name)`**")
            lines.append("")
            lines.append("| Stage | Current | Decision | Freight | Reason |")
            lines.append("|---|---|---|---|---|")
            for stage in project.stages {
                let freight = stage.alias.map { "`\($0)`" } ?? ""
                let reasons = stage.reasons.map(PlanRenderer.escapeCell).joined(separator: "<br>")
                lines.append("| \(PlanRenderer.escapeCell(stage.name)) | \(PlanRenderer.escapeCell(PlanRenderer.currentText(stage))) | **\(stage.decision.rawValue)** | \(freight) | \(reasons) |")
            }
            if report.base != nil { lines.append("\n</details>") }
        }
        if let diffs = report.diffs {
            lines.append("")
            lines.append(diffs.isEmpty ? "No promotion would run now, so no manifests would change."
                                       : "**Manifest changes the promotions would push** (nothing was pushed):")
        }
        return lines.joined(separator: "\n")
    }

    private static func sideText(_ side: PlanComparison.Side) -> String {
        switch side.decision {
        case .promote, .manual: "**\(side.decision.rawValue)** `\(side.alias ?? side.freight ?? "")`"
        default: "**\(side.decision.rawValue)**"
        }
    }

    /// A promotion's section, whole and with its diffs left out.
    private static func diffSection(_ diff: StageDiff) -> (full: String, trimmed: String) {
        var summary = "<details><summary><code>\(diff.project)/\(diff.stage)</code> ← <code>\(diff.alias)</code>: \(diff.phase)"
        if let message = diff.message, !message.isEmpty { summary += " — \(escapeHTML(message))" }
        summary += "</summary>\n"
        var full = [summary]
        var trimmed = [summary]
        for write in diff.writes {
            full.append("- \(escapeHTML(write.summary))")
            trimmed.append("- \(escapeHTML(write.summary))")
            if let patch = write.patch, !patch.isEmpty {
                // A fence longer than any run of backticks in the patch, so it cannot close early.
                var fence = "```"
                while patch.contains(fence) { fence += "`" }
                full.append("\n\(fence)diff\n\(patch.trimmingCharacters(in: .newlines))\n\(fence)\n")
                trimmed.append("  (diff left out to fit the comment; see the job summary or the JSON artifact)")
            }
        }
        if diff.writes.isEmpty {
            full.append("- writes nothing to any remote")
            trimmed.append("- writes nothing to any remote")
        }
        full.append("\n</details>")
        trimmed.append("\n</details>")
        return (full.joined(separator: "\n"), trimmed.joined(separator: "\n"))
    }

    private static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
