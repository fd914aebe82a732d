import ArgumentParser
import Pipeline
import Reconciler

/// Options every manual action shares: which Project (optional when there is one).
struct ProjectOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Kargo Project (default: the only one in the configuration).", valueName: "name"))
    var project: String?

    func resolve(in config: KargoConfig) throws -> String {
        if let project { return project }
        let names = Set(config.projects.map(\.metadata.name)).union(config.stages.compactMap(\.metadata.namespace)).sorted()
        guard names.count == 1 else {
            Output.error("error: --project is needed; Projects here: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
            throw ExitStatus.badInput.exitCode
        }
        return names[0]
    }
}

/// What every manual action reads and writes: configuration, state, Project and actor.
/// Loads inputs, applies one action, and writes the state, or writes nothing and exits 2
/// when the action is refused.
struct ActionOptions: ParsableArguments {
    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var project: ProjectOption
    @OptionGroup var actor: ActorOption

    func run(_ action: ManualAction) throws {
        let inputs = try Inputs.load(config: source, state: stateOptions, creatingState: true)
        let projectName = try project.resolve(in: inputs.config.config)
        var state = inputs.state.state
        let context = ActionContext(project: projectName, actor: actor.resolved, now: stateOptions.time)
        let summary: String
        do {
            summary = try action.apply(to: &state, config: inputs.config.config, context: context)
        } catch {
            Output.error("error: \(error)")
            throw ExitStatus.badInput.exitCode
        }
        do {
            try stateOptions.store(creating: true).save(state, replacing: inputs.state)
        } catch {
            Output.error("error: cannot write state: \(error)")
            throw ExitStatus.environment.exitCode
        }
        Output.print("\(summary) (by \(context.actor) at \(context.now.rfc3339))")
    }
}

struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Request a promotion of Freight to a Stage; the next reconcile runs it.",
        discussion: "The Freight must be available to the Stage (verified and soaked upstream, or approved).\n\n\(ExitStatus.helpText)")
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Stage to promote to.") var stage: String
    @Option(name: .long, help: "The Freight, by name or alias.") var freight: String

    func run() throws { try options.run(.promote(stage: stage, freight: freight)) }
}

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve Freight for a Stage: it becomes available there without upstream verification or soak.",
        discussion: ExitStatus.helpText)
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Stage to approve the Freight for.") var stage: String
    @Option(name: .long, help: "The Freight, by name or alias.") var freight: String

    func run() throws { try options.run(.approve(stage: stage, freight: freight)) }
}

struct Hold: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hold a Stage on its current Freight: auto-promotion pauses until `release`.",
        discussion: ExitStatus.helpText)
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Stage to hold.") var stage: String
    @Option(name: .long, help: "Why, recorded with the hold.") var reason: String?

    func run() throws { try options.run(.hold(stage: stage, reason: reason)) }
}

struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release a held Stage: auto-promotion resumes.",
        discussion: ExitStatus.helpText)
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Stage to release.") var stage: String

    func run() throws { try options.run(.release(stage: stage)) }
}

struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reject Freight for one Stage (--stage) or for every Stage: it is never promoted there.",
        discussion: ExitStatus.helpText)
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Freight, by name or alias.") var freight: String
    @Option(name: .long, help: "Only this Stage (default: every Stage).") var stage: String?
    @Option(name: .long, help: "Why, recorded with the rejection.") var reason: String?

    func run() throws { try options.run(.reject(freight: freight, stage: stage, reason: reason)) }
}
