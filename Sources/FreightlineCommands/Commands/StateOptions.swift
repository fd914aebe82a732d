import ArgumentParser
import Foundation
import Manifests
import Pipeline
import Reconciler

/// Where state lives and what time it is: every command that reads or writes state.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the state (Freight, Stage status, Promotions).", valueName: "dir"))
    var state: String

    @Option(name: .long, help: ArgumentHelp("The time to decide at, RFC 3339 (default: now). Same inputs and --now give the same output.", valueName: "time"))
    var now: String?

    func validate() throws {
        if let now, Timestamp(rfc3339: now) == nil {
            throw ValidationError("--now \(now) is not an RFC 3339 time (e.g. 2026-11-23T09:00:00Z)")
        }
    }

    var time: Timestamp {
        if let now, let parsed = Timestamp(rfc3339: now) { return parsed }
        return SystemClock.now()
    }

    func store(creating: Bool) -> DirectoryStateStore {
        DirectoryStateStore(root: state, createIfMissing: creating)
    }
}

/// Who is acting, for the record: `--actor`, else the CI environment, else the login name.
struct ActorOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Who is acting, recorded in state (default: $FREIGHTLINE_ACTOR, $GITHUB_ACTOR or $USER).", valueName: "name"))
    var actor: String?

    var resolved: String {
        if let actor, !actor.isEmpty { return actor }
        let environment = ProcessInfo.processInfo.environment
        for key in ["FREIGHTLINE_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN", "USER"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "unknown"
    }
}

/// The wall clock, read only at the command line's edge; everything below takes the time
/// as a parameter.
enum SystemClock {
    static func now() -> Timestamp {
        let interval = Date().timeIntervalSince1970
        let seconds = Int64(interval.rounded(.down))
        return Timestamp(secondsSinceEpoch: seconds)
    }
}

/// Loads configuration and state for a command, printing diagnostics and exiting 2 when
/// either has errors, so nothing is decided (or written) on bad input.
struct Inputs {
    var config: LoadedConfig
    var state: LoadedState

    static func load(config source: ConfigOptions, state options: StateOptions, creatingState: Bool = false) throws -> Inputs {
        let config: LoadedConfig
        let state: LoadedState
        do {
            config = try source.load()
            state = try options.store(creating: creatingState).load()
        } catch {
            Output.error("\(error)")
            throw ExitStatus.badInput.exitCode
        }
        let errors = (config.diagnostics.sorted + state.diagnostics.sorted).filter { $0.severity == .error }
        if !errors.isEmpty {
            Output.error(errors.map(DiagnosticRenderer.line(for:)).joined(separator: "\n"))
            Output.error("\(DiagnosticRenderer.plural(errors.count, "error")) in configuration or state; nothing was decided (run `freightline validate --state \(options.state)` for details)")
            throw ExitStatus.badInput.exitCode
        }
        return Inputs(config: config, state: state)
    }
}

/// Standard output and error, written as whole strings.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
