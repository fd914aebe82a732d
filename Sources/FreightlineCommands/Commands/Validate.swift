import ArgumentParser
import Foundation
import Manifests
import Reconciler

/// `freightline validate`: loads the configuration the way every other command does
/// and reports every problem at once, with file, line, column and field path.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check Kargo configuration: syntax, schemas, references, stage graph, step configs.",
        discussion: """
            Reads every *.yaml and *.yml file under the config folder (or a folder of a Git
            commit, with --repo/--ref/--config-path), keeps Kargo objects, Secrets,
            ConfigMaps and Argo Rollouts AnalysisTemplates, and skips everything else.
            Unknown fields are warnings (errors with --strict). With --state DIR, the state
            folder is checked too.

            Formats: text (default), json ({"diagnostics": [...], "summary": {...}}),
            github (workflow annotations for pull requests).

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions

    @Option(name: .long, help: "Output format: text, json or github.")
    var format: DiagnosticFormat = .text

    @Option(name: .long, help: ArgumentHelp("Also check a state folder: every object decodes, every Freight's name matches its content.", valueName: "dir"))
    var state: String?

    func run() throws {
        var loaded: LoadedConfig
        do {
            loaded = try source.load()
            if let state {
                let stateResult = try DirectoryStateStore(root: state).load()
                loaded.diagnostics.append(contentsOf: stateResult.diagnostics.diagnostics)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.badInput.exitCode
        }
        let report = DiagnosticReport(loaded)
        FileHandle.standardOutput.write(Data(DiagnosticRenderer.render(report, as: format).utf8))
        if report.errorCount > 0 { throw ExitStatus.badInput.exitCode }
    }
}
