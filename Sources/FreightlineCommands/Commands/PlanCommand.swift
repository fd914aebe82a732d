import ArgumentParser
import Foundation
import GitStore
import Manifests
import Pipeline
import Promotions
import Reconciler

/// `freightline plan`: what would happen now, Stage by Stage, and why.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what would be promoted now, and why every other Stage waits.",
        discussion: """
            Decisions: promote (auto-promotion or a queued request), manual (eligible Freight,
            but auto-promotion is off or the Stage is held), blocked (nothing eligible; the
            reasons say why: soak, verification, rejection), verifying, promoting, up-to-date.

            --format json prints the documented plan schema (see README); markdown is a
            pull-request comment. Same configuration, state and --now: same output.

            Warehouses that are due are asked for new artifacts first, and the Freight they
            would create is planned (nothing is written); --offline plans from the state alone.

            --base REF (a pull request's base) plans the same state with the configuration at
            REF too and reports what the change does: Stages added or removed, decisions that
            change and why, and problems the change brings. The configuration comes from
            --repo at --ref, or from the Git repository holding --config.

            --diff runs every promotion the plan would start, for real, in a scratch folder,
            with each remote write held back (a push becomes "would push main at 1a2b3c4"),
            and shows the manifest diff each push would bring. The repository is only read;
            nothing is pushed and no state is written.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var discoveryOptions: DiscoveryOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: PlanFormat = .text

    @Option(name: .long, help: ArgumentHelp("Also plan with the configuration at this ref and report what changes (a pull request's base).", valueName: "ref"))
    var base: String?

    @Flag(name: .long, help: "Run the planned promotions with every remote write held back and show their manifest diffs.")
    var diff = false

    func run() async throws {
        let inputs = try Workspace.open(config: source, state: stateOptions, allowingConfigErrors: base != nil)
        var state = inputs.state.state
        // The Freight discovery would create now is part of the plan (nothing is written).
        let cacheRoot = stateOptions.cacheRoot
        if !inputs.config.config.warehouses.isEmpty,
           let discovery = DiscoverySetup.make(discoveryOptions, credentials: inputs.credentials, cacheRoot: cacheRoot,
                                               now: stateOptions.time) {
            let report = await discovery.run(config: inputs.config.config, state: state)
            for line in report.lines { Output.error("freightline: discovery: \(line)") }
            report.apply(to: &state)
        }
        let headErrors = inputs.config.diagnostics.sorted.filter { $0.severity == .error }
        let plan = Planner(zones: SystemTimeZones.lookup).plan(config: inputs.config.config, state: state, now: stateOptions.time)
        var report = PlanReport(plan: plan)
        if let base {
            report.base = base
            let baseConfig = loadBase(base, session: inputs.session)
            switch baseConfig {
            case .success(let loaded):
                report.newProblems = ReportedProblem.introduced(head: inputs.config.diagnostics.sorted,
                                                                base: loaded.diagnostics.sorted)
                if loaded.diagnostics.sorted.contains(where: { $0.severity == .error }) {
                    report.baseUnavailable = "its configuration has errors of its own"
                } else {
                    let basePlan = Planner(zones: SystemTimeZones.lookup).plan(config: loaded.config, state: state, now: stateOptions.time)
                    report.comparison = PlanComparison(base: basePlan, head: plan)
                }
            case .failure(let problem):
                report.baseUnavailable = problem.reason
                report.newProblems = inputs.config.diagnostics.sorted.map(ReportedProblem.init)
            }
        }
        if diff && headErrors.isEmpty {
            report.diffs = await PlanDiffRunner(config: inputs.config.config, credentials: inputs.credentials,
                                                cacheRoot: cacheRoot, now: stateOptions.time).run(plan, state: state)
        }
        Output.print(PlanRenderer.render(report, as: format))
        if !headErrors.isEmpty {
            Output.error(headErrors.map(DiagnosticRenderer.line(for:)).joined(separator: "\n"))
            Output.error("\(DiagnosticRenderer.plural(headErrors.count, "error")) in the configuration at the head of this change")
            throw ExitStatus.badInput.exitCode
        }
    }

    /// The configuration at `ref`: from the same repository as the head (`--repo`), or
    /// from the Git repository that holds `--config`.
    private func loadBase(_ ref: String, session: RepositorySession?) -> Result<LoadedConfig, BaseUnavailable> {
        do {
            let configSource: any ConfigSource
            if let session {
                configSource = try session.configSource(ref: ref, path: source.configPath ?? "")
            } else if let repo = source.repo {
                configSource = try GitTreeConfigSource(repositoryPath: repo, ref: ref, configPath: source.configPath ?? "")
            } else {
                let folder = URL(fileURLWithPath: source.config ?? (FileManager.default.fileExists(atPath: "kargo") ? "kargo" : "."))
                    .standardizedFileURL.resolvingSymlinksInPath().path
                guard let root = GitRepository.discoverRoot(startingAt: folder) else {
                    return .failure(BaseUnavailable(reason: "\(folder) is not inside a Git repository, so there is no \(ref) to compare with"))
                }
                let rootPath = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
                var relative = folder.hasPrefix(rootPath) ? String(folder.dropFirst(rootPath.count)) : ""
                while relative.hasPrefix("/") { relative.removeFirst() }
                configSource = try GitTreeConfigSource(repositoryPath: rootPath, ref: ref, configPath: relative)
            }
            var loaded = try ManifestLoader(strict: source.strict).load(from: configSource)
            ConfigValidator(loaded, runnableSteps: SupportedSteps.names).check(into: &loaded.diagnostics)
            return .success(loaded)
        } catch {
            return .failure(BaseUnavailable(reason: "cannot read the configuration at \(ref): \(error)"))
        }
    }
}

/// Why the base of `plan --base` could not be planned; reported, not fatal.
struct BaseUnavailable: Error {
    var reason: String
}

enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case markdown
    case json
}
