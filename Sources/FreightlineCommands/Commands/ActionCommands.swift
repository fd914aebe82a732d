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
        var workspace = try Workspace.open(config: source, state: stateOptions, creatingState: true, author: actor.resolved)
        let projectName = try project.resolve(in: workspace.config.config)
        let context = ActionContext(project: projectName, actor: actor.resolved, now: stateOptions.time)
        // With a state ref, another run may write between our read and our write: the
        // action is re-applied to the state as it is then, a few times, never forced.
        for attempt in 1...5 {
            var state = workspace.state.state
            let summary: String
            do {
                summary = try action.apply(to: &state, config: workspace.config.config, context: context)
            } catch {
                Output.error("error: \(error)")
                throw ExitStatus.badInput.exitCode
            }
            do {
                let added = state.promotions.filter { promotion in
                    !workspace.state.state.promotions.contains { $0.metadata.name == promotion.metadata.name && $0.metadata.namespace == promotion.metadata.namespace }
                }
                try workspace.store.save(state, replacing: workspace.state,
                                         change: change(for: action, summary: summary, context: context, added: added))
                Output.print("\(summary) (by \(context.actor) at \(context.now.rfc3339))")
                return
            } catch is StateConflict where attempt < 5 {
                do { workspace.state = try workspace.store.load() } catch {
                    Output.error("error: cannot re-read state: \(error)")
                    throw ExitStatus.environment.exitCode
                }
            } catch is StateConflict {
                Output.error("error: the state kept changing under this command; nothing was written (try again)")
                throw ExitStatus.conflict.exitCode
            } catch {
                Output.error("error: cannot write state: \(error)")
                throw ExitStatus.environment.exitCode
            }
        }
    }

    private func change(for action: ManualAction, summary: String, context: ActionContext, added: [Promotion]) -> StateChange {
        var trailers: [StateChange.Trailer] = [.init("Freightline-Actor", context.actor)]
        let reason: String
        switch action {
        case .promote(let stage, let freight):
            trailers += [.init("Freightline-Stage", "\(context.project)/\(stage)"), .init("Freightline-Freight", freight)]
            reason = "promotion requested"
        case .approve(let stage, let freight):
            trailers += [.init("Freightline-Stage", "\(context.project)/\(stage)"), .init("Freightline-Freight", freight)]
            reason = "approved"
        case .hold(let stage, let why):
            trailers.append(.init("Freightline-Stage", "\(context.project)/\(stage)"))
            reason = "hold" + (why.map { ": \($0)" } ?? "")
        case .release(let stage):
            trailers.append(.init("Freightline-Stage", "\(context.project)/\(stage)"))
            reason = "release"
        case .reject(let freight, let stage, let why):
            if let stage { trailers.append(.init("Freightline-Stage", "\(context.project)/\(stage)")) }
            trailers.append(.init("Freightline-Freight", freight))
            reason = "rejected" + (why.map { ": \($0)" } ?? "")
        case .rollback(let stage, _, _):
            trailers.append(.init("Freightline-Stage", "\(context.project)/\(stage)"))
            for promotion in added {
                trailers.append(.init("Freightline-Promotion", promotion.metadata.name))
                if let freight = promotion.spec.freight { trailers.append(.init("Freightline-Freight", freight)) }
            }
            reason = "rollback requested"
        }
        trailers.append(.init("Freightline-Reason", reason))
        return StateChange(summary: summary, trailers: trailers)
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

struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Roll a Stage back to Freight it held before; the next reconcile promotes it through its steps.",
        discussion: """
            Picks a Freight from the Stage's own freightHistory: --to (name or alias), or --steps N collections back (default 1, the previous one). Freight rejected for the Stage is refused. The rollback is an ordinary promotion request (the steps run, the result is recorded) marked with the reason `rollback`; auto-promotion does not undo it, since it never repeats a promotion of the same Freight.

            \(ExitStatus.helpText)
            """)
    @OptionGroup var options: ActionOptions
    @Option(name: .long, help: "The Stage to roll back.") var stage: String
    @Option(name: .long, help: "The Freight to go back to (name or alias), from the Stage's history.") var to: String?
    @Option(name: .long, help: "How many Freight back in the Stage's history (default 1).") var steps: Int?

    func validate() throws {
        if to != nil && steps != nil { throw ValidationError("give either --to or --steps, not both") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() throws { try options.run(.rollback(stage: stage, to: to, steps: steps ?? 1)) }
}
