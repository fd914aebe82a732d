import ArgumentParser
import Foundation
import GitStore
import Manifests
import Promotions
import Reconciler

/// Where the pipeline configuration comes from: a folder, or a folder inside a Git
/// commit read without a checkout.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the Kargo YAML (default: ./kargo if it exists, else .).", valueName: "dir"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A Git repository to read the configuration from, at --ref, without a checkout: a URL (https://…, ssh://…, git@host:path) or a local path. Without --state, its --state-ref branch holds the state.", valueName: "url|path"))
    var repo: String?

    @Option(name: .long, help: ArgumentHelp("With --repo: the branch, tag or commit to read (default: the remote's default branch; for a local path read directly, its HEAD).", valueName: "ref"))
    var ref: String = "HEAD"

    @Option(name: .customLong("config-path"), help: ArgumentHelp("With --repo: the folder inside the repository holding the Kargo YAML (default: the root).", valueName: "dir"))
    var configPath: String?

    @Flag(name: .long, help: "Treat warnings about unknown fields and literal secrets as errors.")
    var strict = false

    func validate() throws {
        if repo == nil && configPath != nil {
            throw ValidationError("--config-path needs --repo; for a folder on disk use --config DIR")
        }
        if repo != nil && config != nil {
            throw ValidationError("give either --config DIR (a folder) or --repo PATH --config-path DIR (a Git commit), not both")
        }
    }

    /// Loads and cross-checks the configuration, with every diagnostic collected.
    func load() throws -> LoadedConfig {
        let source: any ConfigSource
        if let repo, RepositorySession.isRemote(repo) {
            // A remote is read through the cache clone, as `reconcile` reads it.
            let environment = ProcessInfo.processInfo.environment
            let session = try RepositorySession(
                location: repo, cache: GitCache(root: RepositorySession.defaultCacheRoot(environment: environment)),
                credentials: try CredentialStore.load(path: nil, environment: environment))
            source = try session.configSource(ref: ref, path: configPath ?? "")
        } else if let repo {
            source = try GitTreeConfigSource(repositoryPath: repo, ref: ref, configPath: configPath ?? "")
        } else {
            let folder = config ?? (FileManager.default.fileExists(atPath: "kargo") ? "kargo" : ".")
            let boundary = GitRepository.discoverRoot(startingAt: folder)
            source = try DirectoryConfigSource(path: folder, boundary: boundary)
        }
        var loaded = try ManifestLoader(strict: strict).load(from: source)
        ConfigValidator(loaded, runnableSteps: SupportedSteps.names).check(into: &loaded.diagnostics)
        return loaded
    }
}
