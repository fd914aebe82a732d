import ArgumentParser
import Pipeline

/// `freightline plan`: what would happen now, Stage by Stage, and why.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what would be promoted now, and why every other Stage waits.",
        discussion: """
            Decisions: promote (auto-promotion or a queued request), manual (eligible Freight,
            but auto-promotion is off or the Stage is held), blocked (nothing eligible; the
            reasons say why: soak, verification, rejection), verifying, promoting, up-to-date.

            --format json prints the documented plan schema (see README); markdown is a
            pull-request comment. Same configuration, state and --now: same output.

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: PlanFormat = .text

    func run() throws {
        let inputs = try Workspace.open(config: source, state: stateOptions)
        let plan = Planner().plan(config: inputs.config.config, state: inputs.state.state, now: stateOptions.time)
        Output.print(PlanRenderer.render(plan, as: format))
    }
}

enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case markdown
    case json
}
