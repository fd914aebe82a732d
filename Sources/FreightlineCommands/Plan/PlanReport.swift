import Manifests
import Pipeline

/// Everything `plan` reports: the plan itself, and with `--base` what the configuration
/// change does to it and the problems it brings, with `--diff` the manifest diffs the
/// planned promotions would push. Text, markdown and JSON render the same facts.
struct PlanReport: Encodable {
    var plan: Plan
    /// `--base`: the ref compared against, and the Stage decisions that differ.
    var base: String?
    var comparison: PlanComparison?
    /// `--base`: problems the head configuration has that the base does not.
    var newProblems: [ReportedProblem] = []
    /// `--base`: why the base could not be planned, if it could not.
    var baseUnavailable: String?
    /// `--diff`: per promotion the plan would run, what it would write.
    var diffs: [StageDiff]?

    enum CodingKeys: String, CodingKey {
        case now, projects, base, changes, newProblems, baseUnavailable, diffs
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.now, forKey: .now)
        try container.encode(plan.projects, forKey: .projects)
        if let base {
            try container.encode(base, forKey: .base)
            try container.encode(comparison?.changes ?? [], forKey: .changes)
            try container.encode(newProblems, forKey: .newProblems)
            try container.encodeIfPresent(baseUnavailable, forKey: .baseUnavailable)
        }
        try container.encodeIfPresent(diffs, forKey: .diffs)
    }
}

/// A diagnostic as a report shows it.
struct ReportedProblem: Codable, Hashable {
    var severity: String
    var file: String
    var line: Int
    var column: Int
    var path: String
    var message: String

    init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        path = diagnostic.path.description
        message = diagnostic.message
    }

    /// The diagnostics of `head` not also in `base`, compared by file, field and message
    /// (not line: an edit above a problem moves it without making it new).
    static func introduced(head: [Diagnostic], base: [Diagnostic]) -> [ReportedProblem] {
        let known = Set(base.map { "\($0.severity)|\($0.location.file)|\($0.path)|\($0.message)" })
        return head.filter { !known.contains("\($0.severity)|\($0.location.file)|\($0.path)|\($0.message)") }
            .sorted().map(ReportedProblem.init)
    }
}

/// What one planned promotion would do, run for real with every remote write held back.
struct StageDiff: Codable, Hashable {
    var project: String
    var stage: String
    var freight: String
    var alias: String
    /// How the dry promotion ended (`Succeeded`, `Failed`, …) and why, if not.
    var phase: String
    var message: String?
    var writes: [RemoteWrite]
}
