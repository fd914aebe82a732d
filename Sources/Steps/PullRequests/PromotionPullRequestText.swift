import Pipeline

/// The title and description `git-open-pr` gives a pull request the config leaves untitled:
/// which Freight goes to which Stage, so a reviewer sees what merging promotes.
enum PromotionPullRequestText {
    /// `Promote <alias> to <stage>`; Freight without an alias shows its name.
    static func title(freight: [Freight], stage: String, sourceBranch: String) -> String {
        guard !freight.isEmpty else { return "Promote \(sourceBranch) to \(stage)" }
        return "Promote \(freight.map(label).joined(separator: ", ")) to \(stage)"
    }

    /// A Markdown list of the Freight and its artifacts.
    static func description(freight: [Freight], stage: String, project: String, promotion: String) -> String {
        var lines = ["Freightline promotion `\(promotion)` of project `\(project)` to Stage `\(stage)`."]
        guard !freight.isEmpty else { return lines[0] }
        lines += ["", "Freight:"]
        for item in freight {
            let name = item.alias.map { "\($0) (`\(item.metadata.name)`)" } ?? "`\(item.metadata.name)`"
            lines.append("- \(name) from \(item.origin.kind.rawValue) `\(item.origin.name)`")
            for commit in item.commits ?? [] {
                let at = commit.tag ?? commit.id.map { String($0.prefix(12)) } ?? commit.branch ?? "?"
                lines.append("  - commit `\(commit.repoURL ?? "?")` at `\(at)`")
            }
            for image in item.images ?? [] {
                let version = image.tag.map { ":" + $0 } ?? image.digest.map { "@" + $0 } ?? ""
                lines.append("  - image `\(image.repoURL ?? "?")\(version)`")
            }
            for chart in item.charts ?? [] {
                let repository = chart.repoURL.map { " from `\($0)`" } ?? ""
                lines.append("  - chart `\(chart.name ?? "?")` `\(chart.version ?? "?")`\(repository)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func label(_ freight: Freight) -> String { freight.alias ?? freight.metadata.name }
}
