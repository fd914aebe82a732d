import ArgumentParser
import Foundation
import GitStore
import Pipeline
import Reconciler

/// `freightline reconcile`: one full run — plan, claim, promote, record — against a
/// repository's state ref (or a state folder).
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Promote what the plan allows now, and record the results in the state.",
        discussion: """
            Reads the configuration and the state, asks every Warehouse that is due (its interval) for new artifacts and records new Freight (--offline skips this), plans, and claims each promotion by pushing a Running Promotion to the state ref with compare-and-swap (a run that loses the race re-reads and re-plans). Then runs the promotion steps in a private work folder and commits each result. Repeats while promotions make further Stages eligible.

            Any number of runs may start at once: each (Stage, Freight) is promoted once. A run that dies leaves its Promotion Running; when its lease (--lease) expires, the next run resumes it from the first step (steps are safe to repeat).

            Progress goes to stderr, a summary to stdout. --dry-run does everything but write: no state commit, and steps that would push only say what they would push.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var discoveryOptions: DiscoveryOptions

    @Flag(name: .customLong("dry-run"), help: "Run everything but write nothing: no state commit, no push.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("How long a claimed promotion stays this run's before another run may resume it (Go duration).", valueName: "duration"))
    var lease: String = "10m"

    @Option(name: .customLong("run-id"), help: ArgumentHelp("This run's id in leases and commit trailers (default: $FREIGHTLINE_RUN_ID, else random).", valueName: "id"))
    var runID: String?

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where promotions get their private work folders, kept afterwards (default: a temporary folder, removed).", valueName: "dir"))
    var workDir: String?

    @Option(name: .customLong("stage"), help: ArgumentHelp("Only promote into this Stage (repeatable; `project/stage` or `stage`).", valueName: "name"))
    var stages: [String] = []

    @OptionGroup var actor: ActorOption

    func validate() throws {
        do { _ = try GoDuration(parsing: lease) } catch {
            throw ValidationError("--lease \(lease) is not a Go duration (e.g. 10m, 1h30m)")
        }
    }

    func run() async throws {
        let workspace = try Workspace.open(config: source, state: stateOptions, creatingState: true, author: "Freightline")
        let config = workspace.config.config
        let environment = ProcessInfo.processInfo.environment
        let runID = runID ?? environment["FREIGHTLINE_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? RunIdentity.random()
        var only: Set<String>?
        if !stages.isEmpty {
            let projects = Set(config.stages.compactMap(\.metadata.namespace))
            only = Set(stages.flatMap { name in name.contains("/") ? [name] : projects.map { "\($0)/\(name)" } })
        }
        let options = ReconcileOptions(now: stateOptions.time, runID: runID,
                                       leaseDuration: (try? GoDuration(parsing: lease)) ?? GoDuration(nanoseconds: 600_000_000_000),
                                       actor: actor.resolved, only: only)
        let workRoot = workDir ?? (NSTemporaryDirectory() + "freightline-\(runID)")
        let cacheRoot = stateOptions.cacheRoot
        let executor = StepsExecutor(config: config, workRoot: workRoot, keepWork: workDir != nil,
                                     credentials: workspace.credentials, gitCache: GitCache(root: cacheRoot),
                                     now: stateOptions.time, dryRun: dryRun,
                                     hooks: TestHooks(environment: environment))
        let discovery = DiscoverySetup.make(discoveryOptions, credentials: workspace.credentials, cacheRoot: cacheRoot,
                                            now: stateOptions.time)
        let reconciliation = Reconciliation(config: config, options: options, expandSteps: executor.expandSteps,
                                            discovery: discovery, progress: { Output.error("freightline: \($0)") })
        let summary: ReconcileSummary
        do {
            if dryRun {
                summary = try await reconciliation.run(store: DryRunStateStore(AnyStateStore(workspace.store)), executor: executor)
            } else {
                summary = try await reconciliation.run(store: AnyStateStore(workspace.store), executor: executor)
            }
        } catch let error as ReconcileError {
            Output.error("error: \(error)")
            throw ExitStatus.badInput.exitCode
        } catch let error as StateConflict {
            Output.error("error: \(error)")
            throw ExitStatus.conflict.exitCode
        } catch {
            Output.error("error: \(error)")
            throw ExitStatus.environment.exitCode
        }
        if workDir == nil { try? FileManager.default.removeItem(atPath: workRoot) }
        Output.print(ReconcileReport.text(summary, dryRun: dryRun))
        if summary.gaveUpOnConflicts { throw ExitStatus.conflict.exitCode }
        if summary.anyFailed || summary.discoveryFailed { throw ExitStatus.failure.exitCode }
    }
}

/// A random run id: 12 hex digits, unique enough to tell concurrent runs apart.
enum RunIdentity {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// A type-erased state store, so a backend chosen at run time can be handed to generic code.
struct AnyStateStore: StateStore {
    let base: any StateStore
    init(_ base: any StateStore) { self.base = base }
    func load() throws -> LoadedState { try base.load() }
    var savedRevision: String? { base.savedRevision }
    func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool {
        try base.save(state, replacing: previous, change: change)
    }
}
