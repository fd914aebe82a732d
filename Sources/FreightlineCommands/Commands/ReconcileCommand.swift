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

            To scale out, run one `reconcile --shard INDEX/COUNT` per shard side by side (a Kubernetes Indexed Job, a CI matrix): each takes only the Projects whose name hashes to its shard (64-bit FNV-1a of the Project name, modulo COUNT) and writes only their part of the state ref; when its push loses to another shard's, it rebuilds its commit on the new tip and pushes again without re-planning. The closing line counts the state pushes.

            Stages with verification (Argo Rollouts AnalysisTemplates: web, prometheus and job metrics) are verified by Freightline itself: a run starts verifying Freight a Stage has just received and takes the measurements that are due, recording each in the state; later runs take the next ones. Nothing waits in between unless --wait is given, which keeps the run going (sleeping until the next measurement is due, then reconciling again) until every verification has ended or --max-duration has passed. Steps that wait on something outside (git-wait-for-pr on a pull request, argocd-update on the sync it requested) leave their promotion Running; the next run checks again. A Stage whose promotion synced Argo CD Applications and that defines no verification counts its Freight as verified once those Applications report Healthy and synced, as Kargo does; every run re-reads their health. --offline skips discovery, verification and these health checks.

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

    @Option(name: .long, help: ArgumentHelp("Only the Projects whose name hashes to shard INDEX of COUNT (0 ≤ INDEX < COUNT), e.g. 0/4; run every shard side by side.", valueName: "index/count"))
    var shard: String?

    @Flag(name: .long, help: "Keep going until every verification in progress has ended, and every Argo CD sync or health check a promotion waits on (for CI jobs); a pull request awaiting review is not waited for.")
    var wait = false

    @Option(name: .customLong("max-duration"), help: ArgumentHelp("With --wait, stop waiting after this long (Go duration); unfinished verification then exits 1.", valueName: "duration"))
    var maxDuration: String = "30m"

    @OptionGroup var actor: ActorOption

    func validate() throws {
        do { _ = try GoDuration(parsing: lease) } catch {
            throw ValidationError("--lease \(lease) is not a Go duration (e.g. 10m, 1h30m)")
        }
        do { _ = try GoDuration(parsing: maxDuration) } catch {
            throw ValidationError("--max-duration \(maxDuration) is not a Go duration (e.g. 30m, 1h)")
        }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
    }

    /// `--shard`, checked by `validate()`.
    private var parsedShard: Shard? {
        shard.flatMap { try? Shard(parsing: $0) }
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
                                       actor: actor.resolved, only: only, shard: parsedShard)
        if parsedShard != nil, let git = workspace.store as? GitStateStore {
            git.ownedProjects = options.projects(in: config) ?? []
        }
        let workRoot = workDir ?? (NSTemporaryDirectory() + "freightline-\(runID)")
        let cacheRoot = stateOptions.cacheRoot
        let executor = StepsExecutor(config: config, workRoot: workRoot, keepWork: workDir != nil,
                                     credentials: workspace.credentials, gitCache: GitCache(root: cacheRoot),
                                     now: stateOptions.time, dryRun: dryRun,
                                     hooks: TestHooks(environment: environment))
        let discovery = DiscoverySetup.make(discoveryOptions, credentials: workspace.credentials, cacheRoot: cacheRoot,
                                            now: stateOptions.time)
        let store: any StateStore = dryRun ? DryRunStateStore(AnyStateStore(workspace.store)) : workspace.store
        let limit = (try? GoDuration(parsing: maxDuration))?.seconds ?? 1800
        let started = Date()
        var summary = ReconcileSummary()
        var now = stateOptions.time
        var waitedOut = false
        var firstRound = true
        while true {
            var roundOptions = options
            roundOptions.now = now
            let verifier = discoveryOptions.offline ? nil : VerifierSetup.make(credentials: workspace.credentials, now: now)
            let health = discoveryOptions.offline ? nil : HealthCheckSetup.make(credentials: workspace.credentials)
            let reconciliation = Reconciliation(config: config, options: roundOptions, expandSteps: executor.expandSteps,
                                                discovery: firstRound ? discovery : nil, verifier: verifier,
                                                healthChecker: health, progress: { Output.error("freightline: \($0)") })
            do {
                // The backend itself (opened, not wrapped), so the run can count a Git store's pushes.
                summary.merge(try await reconciliation.run(store: store, executor: executor))
            } catch {
                throw ExitStatus.stopping(error)
            }
            firstRound = false
            guard wait, !discoveryOptions.offline, !summary.gaveUpOnConflicts,
                  let state = try? store.load().state,
                  let due = Reconciliation.nextVerificationDue(config: config, state: state, now: now, only: only,
                                                               shard: parsedShard) else { break }
            let elapsed = Date().timeIntervalSince(started)
            // At least a second between rounds, so a verification that cannot start yet
            // (its Stage's promotion is still held by another run) is not asked in a loop.
            let pause = max(1, due.seconds(since: now))
            guard elapsed + pause <= limit else {
                waitedOut = true
                Output.error("freightline: verification still in progress after --max-duration \(maxDuration); stopping")
                break
            }
            Output.error("freightline: waiting \(Int(pause.rounded(.up)))s for the next measurement")
            if pause > 0 { try await Task.sleep(nanoseconds: UInt64(pause * 1_000_000_000)) }
            now = stateOptions.time.adding(seconds: Date().timeIntervalSince(started))
            if now < due { now = due }
        }
        if workDir == nil { try? FileManager.default.removeItem(atPath: workRoot) }
        Output.print(ReconcileReport.text(summary, dryRun: dryRun, countsPushes: parsedShard != nil))
        if summary.gaveUpOnConflicts { throw ExitStatus.conflict.exitCode }
        if summary.anyFailed || summary.discoveryFailed || summary.verificationFailed || waitedOut {
            throw ExitStatus.failure.exitCode
        }
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
