import Foundation
import Pipeline

/// Renders a `Plan` for people (text), pull requests (markdown) and programs (JSON).
enum PlanRenderer {
    static func render(_ plan: Plan, as format: PlanFormat) -> String {
        switch format {
        case .text: text(plan)
        case .markdown: markdown(plan)
        case .json: json(plan)
        }
    }

    static func json(_ plan: Plan) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(plan) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
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

    static func markdown(_ plan: Plan) -> String {
        var lines = ["### Freightline plan at `\(plan.now.rfc3339)`"]
        for project in plan.projects {
            lines.append("")
            lines.append("**Project `\(project.name)`**")
            lines.append("")
            lines.append("| Stage | Current | Decision | Freight | Reason |")
            lines.append("|---|---|---|---|---|")
            for stage in project.stages {
                let freight = stage.alias.map { "`\($0)`" } ?? ""
                let reasons = stage.reasons.map(escapeCell).joined(separator: "<br>")
                lines.append("| \(escapeCell(stage.name)) | \(escapeCell(currentText(stage))) | **\(stage.decision.rawValue)** | \(freight) | \(reasons) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
