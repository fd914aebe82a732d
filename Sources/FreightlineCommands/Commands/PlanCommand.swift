import ArgumentParser
import Foundation
import Pipeline
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

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var discoveryOptions: DiscoveryOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: PlanFormat = .text

    func run() async throws {
        let inputs = try Workspace.open(config: source, state: stateOptions)
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
        let plan = Planner().plan(config: inputs.config.config, state: state, now: stateOptions.time)
        Output.print(PlanRenderer.render(plan, as: format))
    }
}

enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case markdown
    case json
}
