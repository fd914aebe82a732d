import Foundation
import Pipeline

/// Renders a plan report for people (text), pull requests (markdown, see
/// `PlanMarkdown`) and programs (JSON). All three carry the same facts.
enum PlanRenderer {
    static func render(_ report: PlanReport, as format: PlanFormat) -> String {
        switch format {
        case .text: text(report)
        case .markdown: PlanMarkdown.render(report)
        case .json: json(report)
        }
    }

    static func json(_ report: PlanReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ report: PlanReport) -> String {
        var lines = [text(report.plan)]
        if let base = report.base {
            lines.append("")
            lines.append("Compared with the configuration at \(base):")
            if let reason = report.baseUnavailable { lines.append("  the base could not be planned: \(reason)") }
            for problem in report.newProblems {
                lines.append("  new \(problem.severity): \(problem.file):\(problem.line):\(problem.column): \(problem.path): \(problem.message)")
            }
            let changes = report.comparison?.changes ?? []
            if changes.isEmpty && report.baseUnavailable == nil { lines.append("  no decision changes") }
            for change in changes {
                lines.append("  \(change.project)/\(change.stage): \(changeText(change))")
                for reason in change.head?.reasons ?? [] { lines.append("      - \(reason)") }
            }
        }
        for diff in report.diffs ?? [] {
            lines.append("")
            lines.append("Promotion \(diff.project)/\(diff.stage) ← \(diff.alias): \(diff.phase)\(diff.message.map { " — \($0)" } ?? "")")
            for write in diff.writes {
                lines.append("  \(write.summary)")
                if let patch = write.patch, !patch.isEmpty { lines.append(patch.trimmingCharacters(in: .newlines)) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// "blocked → promote calm-heron", "added: promote calm-heron", "removed (was up-to-date)".
    static func changeText(_ change: PlanComparison.StageChange) -> String {
        func side(_ side: PlanComparison.Side?) -> String {
            guard let side else { return "—" }
            switch side.decision {
            case .promote, .manual: return "\(side.decision.rawValue) \(side.alias ?? side.freight ?? "")"
            default: return side.decision.rawValue
            }
        }
        switch change.kind {
        case .added: return "added: \(side(change.head))"
        case .removed: return "removed (was \(side(change.base)))"
        case .changed:
            let before = side(change.base), after = side(change.head)
            return before == after ? "\(after), for other reasons" : "\(before) → \(after)"
        }
    }

    static func currentText(_ stage: StagePlan) -> String {
        stage.current.map { "\($0.alias)" } ?? "(none)"
    }

    static func decisionText(_ stage: StagePlan) -> String {
        switch stage.decision {
        case .promote, .manual: return "\(stage.decision.rawValue) → \(stage.alias ?? stage.freight ?? "?")"
        default: return stage.decision.rawValue
        }
    }

    static func text(_ plan: Plan) -> String {
        var lines = ["Plan at \(plan.now.rfc3339)"]
        for project in plan.projects {
            lines.append("")
            lines.append("Project \(project.name)")
            if project.freight.isEmpty {
                lines.append("  Freight: none yet")
            } else {
                lines.append("  Freight (newest first):")
                let width = project.freight.map(\.alias.count).max() ?? 0
                for freight in project.freight {
                    var line = "    \(freight.alias.padding(toLength: width, withPad: " ", startingAt: 0))  \(freight.name.prefix(7))  \(freight.origin)"
                    if let discovered = freight.discoveredAt { line += "  \(discovered.rfc3339)" }
                    if !freight.artifacts.isEmpty { line += "  \(freight.artifacts.joined(separator: ", "))" }
                    if !freight.currentlyIn.isEmpty { line += "  in: \(freight.currentlyIn.joined(separator: ", "))" }
                    lines.append(line)
                }
            }
            lines.append("  Stages:")
            let nameWidth = project.stages.map(\.name.count).max() ?? 0
            for stage in project.stages {
                let name = stage.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                lines.append("    \(name)  current: \(currentText(stage))  \(decisionText(stage))\(stage.autoPromotion ? "" : "  [auto-promotion off]")")
                for reason in stage.reasons {
                    lines.append("    \(String(repeating: " ", count: nameWidth))    - \(reason)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
