import ArgumentParser
import Foundation

/// The `freightline` command: Kargo's promotion model run from CI or cron, with Git as
/// the only database.
public struct FreightlineCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "freightline",
        abstract: "Promote Freight through Kargo pipelines without a Kargo control plane.",
        discussion: """
            Freightline reads Kargo's own YAML (Project, Warehouse, Stage, PromotionTask,
            AnalysisTemplate...) and keeps its state in Git.

            \(ExitStatus.helpText)
            """,
        version: "0.1.0",
        subcommands: [Validate.self, PlanCommand.self, ReconcileCommand.self, Get.self, Promote.self, Approve.self, Hold.self, Release.self, Reject.self, VerifyCommand.self, Rollback.self, HistoryCommand.self, Graph.self, GitHubCommentCommand.self]
    )

    public init() {}

    /// Runs the command line, mapping argument errors to exit code 2 (bad input) instead of
    /// the usage code 64 the parser would use, as DESIGN §5 promises.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                FileHandle.standardError.write(Data("Run `freightline help` for usage.\n".utf8))
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
