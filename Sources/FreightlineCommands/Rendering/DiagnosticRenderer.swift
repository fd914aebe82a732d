import Foundation
import Manifests
import Pipeline

/// Renders a `DiagnosticReport` in each output format.
enum DiagnosticRenderer {
    static func render(_ report: DiagnosticReport, as format: DiagnosticFormat) -> String {
        switch format {
        case .text: text(report)
        case .json: json(report)
        case .github: github(report)
        }
    }

    // MARK: text

    static func text(_ report: DiagnosticReport) -> String {
        var lines: [String] = report.diagnostics.map(line(for:))
        if !lines.isEmpty { lines.append("") }
        lines.append(summaryLine(report))
        lines.append(contentsOf: PipelineSummary.lines(for: report.config))
        let verdict = report.errorCount == 0
            ? "OK: no errors, \(plural(report.warningCount, "warning"))"
            : "FAILED: \(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning"))"
        lines.append(verdict)
        return lines.joined(separator: "\n") + "\n"
    }

    static func line(for diagnostic: Diagnostic) -> String {
        let path = diagnostic.path.components.isEmpty ? "" : "\(diagnostic.path): "
        return "\(diagnostic.location): \(diagnostic.severity.rawValue): \(path)\(diagnostic.message)"
    }

    static func summaryLine(_ report: DiagnosticReport) -> String {
        let statistics = report.statistics
        let kinds = report.config.counts.map { plural($0.count, $0.kind.rawValue) }
        var text = "Read \(plural(statistics.files, "file")), \(plural(statistics.documents, "document"))"
        text += kinds.isEmpty ? "; no Kargo objects" : ": " + kinds.joined(separator: ", ")
        if statistics.skippedCount > 0 {
            let detail = statistics.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            text += "; skipped \(plural(statistics.skippedCount, "other document")) (\(detail))"
        }
        return text + "."
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    // MARK: json

    struct JSONDiagnostic: Encodable {
        var severity: String
        var file: String
        var line: Int
        var column: Int
        var path: String
        var message: String
    }

    struct JSONSummary: Encodable {
        var files: Int
        var documents: Int
        var objects: Int
        var kinds: [String: Int]
        var skipped: [String: Int]
        var errors: Int
        var warnings: Int
    }

    struct JSONReport: Encodable {
        var diagnostics: [JSONDiagnostic]
        var summary: JSONSummary
    }

    static func json(_ report: DiagnosticReport) -> String {
        let value = JSONReport(
            diagnostics: report.diagnostics.map {
                JSONDiagnostic(severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                               column: $0.location.column, path: $0.path.description, message: $0.message)
            },
            summary: JSONSummary(
                files: report.statistics.files, documents: report.statistics.documents,
                objects: report.statistics.objects,
                kinds: Dictionary(uniqueKeysWithValues: report.config.counts.map { ($0.kind.rawValue, $0.count) }),
                skipped: report.statistics.skipped, errors: report.errorCount, warnings: report.warningCount))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: github

    /// Workflow commands: `::error file=F,line=L,col=C,title=T::message`, escaped as the
    /// Actions toolkit escapes them.
    static func github(_ report: DiagnosticReport) -> String {
        var lines = report.diagnostics.map { diagnostic in
            let title = diagnostic.path.components.isEmpty ? "freightline" : "freightline: \(diagnostic.path)"
            let properties = [
                "file=\(escapeProperty(diagnostic.location.file))",
                "line=\(diagnostic.location.line)",
                "col=\(diagnostic.location.column)",
                "title=\(escapeProperty(title))",
            ].joined(separator: ",")
            return "::\(diagnostic.severity.rawValue) \(properties)::\(escapeData(diagnostic.message))"
        }
        lines.append(summaryLine(report))
        return lines.joined(separator: "\n") + "\n"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
