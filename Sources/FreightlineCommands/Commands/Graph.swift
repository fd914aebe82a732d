import ArgumentParser
import Foundation
import Manifests

/// `freightline graph`: the stage DAG of every Project, with Warehouses as sources, as
/// Mermaid (renders on GitHub) or Graphviz dot.
struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the pipeline: Warehouses feeding Stages, Stages feeding Stages.",
        discussion: """
            Mermaid output renders in GitHub Markdown (wrap it in a ```mermaid block); dot
            output renders with Graphviz (`dot -Tsvg`). Edges between Stages carry the
            required soak time. The configuration must validate first.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions

    @Option(name: .long, help: "Diagram format: mermaid or dot.")
    var format: GraphFormat = .mermaid

    func run() throws {
        let loaded: LoadedConfig
        do {
            loaded = try source.load()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.badInput.exitCode
        }
        let report = DiagnosticReport(loaded)
        if report.errorCount > 0 {
            let text = report.diagnostics.filter { $0.severity == .error }.map(DiagnosticRenderer.line(for:)).joined(separator: "\n")
            FileHandle.standardError.write(Data("\(text)\nerror: the configuration has \(DiagnosticRenderer.plural(report.errorCount, "error")); run `freightline validate` for details\n".utf8))
            throw ExitStatus.badInput.exitCode
        }
        FileHandle.standardOutput.write(Data(PipelineDiagram(loaded.config).render(format).utf8))
    }
}
