import ArgumentParser
import Foundation
import Pipeline
import Reconciler

/// `freightline verify`: verify a Stage's current Freight again, or abort the verification
/// in progress, as `kargo verify stage` does.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a Stage's current Freight again, or abort the verification in progress.",
        discussion: """
            Starts a new verification run of the Freight the Stage holds (its AnalysisTemplates' metrics, measured by Freightline), takes the measurements due at once and records them in the state. Later `reconcile` runs take the rest; --wait keeps this command measuring until the verification ends. Refused while a verification of the Stage is still running.

            --abort ends the verification in progress as Kargo's abort does: what was measured stays recorded, the verification becomes Aborted, and the Freight is not verified in the Stage.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var project: ProjectOption
    @OptionGroup var actor: ActorOption

    @Option(name: .long, help: "The Stage whose Freight to verify.")
    var stage: String

    @Flag(name: .long, help: "Abort the verification in progress instead.")
    var abort = false

    @Flag(name: .long, help: "Keep measuring until the verification ends.")
    var wait = false

    @Option(name: .customLong("max-duration"), help: ArgumentHelp("With --wait, stop after this long (Go duration).", valueName: "duration"))
    var maxDuration: String = "30m"

    func validate() throws {
        if abort && wait { throw ValidationError("--abort and --wait cannot be used together") }
        do { _ = try GoDuration(parsing: maxDuration) } catch {
            throw ValidationError("--max-duration \(maxDuration) is not a Go duration (e.g. 30m, 1h)")
        }
    }

    func run() async throws {
        let workspace = try Workspace.open(config: source, state: stateOptions, creatingState: true, author: actor.resolved)
        let config = workspace.config.config
        let projectName = try project.resolve(in: config)
        guard let target = config.stages(in: projectName).first(where: { $0.metadata.name == stage }) else {
            let known = config.stages(in: projectName).map(\.metadata.name).sorted()
            Output.error("error: Stage \(stage) is not in Project \(projectName); Stages: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            throw ExitStatus.badInput.exitCode
        }
        let runID = ProcessInfo.processInfo.environment["FREIGHTLINE_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? RunIdentity.random()
        let limit = (try? GoDuration(parsing: maxDuration))?.seconds ?? 1800
        let started = Date()
        var now = stateOptions.time
        var first = true
        while true {
            let options = ReconcileOptions(now: now, runID: runID, actor: actor.resolved)
            let verification = StageVerification(
                config: config, options: options,
                verifier: VerifierSetup.make(credentials: workspace.credentials, now: now),
                project: projectName, stage: target)
            let outcome: StageVerification.Outcome
            do {
                if abort {
                    outcome = try await verification.abort(store: workspace.store)
                } else if first {
                    outcome = try await verification.restart(store: workspace.store)
                } else {
                    outcome = try await verification.advance(store: workspace.store)
                }
            } catch {
                throw ExitStatus.stopping(error)
            }
            first = false
            Output.print("\(projectName)/\(stage): verification \(outcome.phase.rawValue.lowercased()) — \(outcome.detail)"
                         + (outcome.run.map { " (run \($0))" } ?? ""))
            guard wait, let due = outcome.nextDue else {
                if [.failed, .error, .inconclusive].contains(outcome.phase) { throw ExitStatus.failure.exitCode }
                return
            }
            let pause = max(0, due.seconds(since: now))
            guard Date().timeIntervalSince(started) + pause <= limit else {
                Output.error("error: verification still running after --max-duration \(maxDuration)")
                throw ExitStatus.failure.exitCode
            }
            if pause > 0 { try await Task.sleep(nanoseconds: UInt64(pause * 1_000_000_000)) }
            now = stateOptions.time.adding(seconds: Date().timeIntervalSince(started))
            if now < due { now = due }
        }
    }
}
