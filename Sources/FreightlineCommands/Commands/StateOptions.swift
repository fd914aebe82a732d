import ArgumentParser
import Foundation
import Manifests
import Pipeline
import Reconciler

/// Where state lives and what time it is: every command that reads or writes state.
/// State is a folder (`--state DIR`) or, with `--repo`, a branch of that repository
/// (`--state-ref`, default `freightline/state`) reached through a cache clone.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the state (Freight, Stage status, Promotions), instead of the state ref of --repo.", valueName: "dir"))
    var state: String?

    @Option(name: .customLong("state-ref"), help: ArgumentHelp("With --repo: the branch holding the state (created on first write).", valueName: "ref"))
    var stateRef: String = "freightline/state"

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("With --repo: where clones are cached (default: $XDG_CACHE_HOME/freightline, else ~/.cache/freightline).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Kargo credential Secrets (a YAML file or a folder of them), kept outside the repository; values may be ${ENV_VAR} references. FREIGHTLINE_GIT_USERNAME / FREIGHTLINE_GIT_PASSWORD serve any Git remote without a Secret. A Git Secret's password is also the pull-request steps' API token (optional keys apiURL, provider); a Secret labelled freightline.dev/cred-type: argocd (server, token, namespace) or FREIGHTLINE_ARGOCD_SERVER / FREIGHTLINE_ARGOCD_TOKEN names the Argo CD server.", valueName: "file|dir"))
    var credentials: String?

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

    /// `--cache-dir`, else the default under `$XDG_CACHE_HOME` or `~/.cache`.
    var cacheRoot: String {
        cacheDir ?? RepositorySession.defaultCacheRoot(environment: ProcessInfo.processInfo.environment)
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

/// Standard output and error, written as whole strings.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
