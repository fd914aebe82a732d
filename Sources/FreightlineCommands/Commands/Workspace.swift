import ArgumentParser
import Foundation
import GitStore
import Manifests
import Promotions
import Pipeline
import Reconciler

/// Configuration and state for one command, from a folder pair (`--config`, `--state`)
/// or from a repository (`--repo`, its branch `--ref` and state ref `--state-ref`).
/// Prints diagnostics and exits 2 on bad input, 4 when the repository cannot be reached,
/// so nothing is decided (or written) on inputs that did not load.
struct Workspace {
    var config: LoadedConfig
    var store: any StateStore
    var state: LoadedState
    var credentials: CredentialStore
    var session: RepositorySession?

    /// - Parameter allowingConfigErrors: return a configuration with errors (they stay in
    ///   its diagnostics) instead of exiting, for `plan --base`, which reports them.
    static func open(config source: ConfigOptions, state options: StateOptions, creatingState: Bool = false,
                     author: String = "Freightline", allowingConfigErrors: Bool = false) throws -> Workspace {
        let environment = ProcessInfo.processInfo.environment
        let credentials: CredentialStore
        do {
            credentials = try CredentialStore.load(path: options.credentials, environment: environment)
        } catch {
            Output.error("error: \(error)")
            throw ExitStatus.badInput.exitCode
        }
        var session: RepositorySession?
        let store: any StateStore
        let loaded: LoadedConfig
        do {
            if let folder = options.state {
                store = DirectoryStateStore(root: folder, createIfMissing: creatingState)
                loaded = try source.load()
            } else if let repo = source.repo {
                let opened = try RepositorySession(location: repo, cache: GitCache(root: options.cacheRoot), credentials: credentials)
                session = opened
                var config = try ManifestLoader(strict: source.strict)
                    .load(from: try opened.configSource(ref: source.ref, path: source.configPath ?? ""))
                ConfigValidator(config, runnableSteps: SupportedSteps.names).check(into: &config.diagnostics)
                loaded = config
                let time = options.time
                store = opened.stateStore(branch: options.stateRef, author: GitSignature(
                    name: author, email: "freightline@localhost", time: (time.secondsSinceEpoch, 0)))
            } else {
                Output.error("error: say where state lives: --state DIR (a folder), or --repo URL|PATH (its \(options.stateRef) branch)")
                throw ExitStatus.badInput.exitCode
            }
        } catch let error as RepositoryAccessError {
            Output.error("error: \(error)")
            if case .badInput = error { throw ExitStatus.badInput.exitCode }
            throw ExitStatus.environment.exitCode
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Output.error("error: \(error)")
            throw ExitStatus.badInput.exitCode
        }
        let state: LoadedState
        do {
            state = try store.load()
        } catch {
            Output.error("error: \(error)")
            throw (session == nil ? ExitStatus.badInput : ExitStatus.environment).exitCode
        }
        let errors = ((allowingConfigErrors ? [] : loaded.diagnostics.sorted) + state.diagnostics.sorted).filter { $0.severity == .error }
        if !errors.isEmpty {
            Output.error(errors.map(DiagnosticRenderer.line(for:)).joined(separator: "\n"))
            let hint = options.state.map { " (run `freightline validate --state \($0)` for details)" } ?? ""
            Output.error("\(DiagnosticRenderer.plural(errors.count, "error")) in configuration or state; nothing was decided\(hint)")
            throw ExitStatus.badInput.exitCode
        }
        return Workspace(config: loaded, store: store, state: state, credentials: credentials, session: session)
    }
}
