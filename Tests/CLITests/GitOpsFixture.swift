import Foundation
import Pipeline
import Reconciler
import TestSupport

/// The bundled example pipeline (fixtures/examples/kargo-demo) pushed to a real local Git
/// server as a user's GitOps repository, with Freight seeded into its state ref, and the
/// `freightline` binary run against it as a user would.
final class GitOpsFixture: @unchecked Sendable {
    let server: GitServer
    let url: String
    let work: URL
    static let project = "kargo-demo"
    /// The Project of the example this fixture serves.
    let project: String

    /// `rewrites` replace text in the pipeline's YAML before it is pushed (e.g. the analysis
    /// templates' addresses, pointed at test services). `example` names a folder of
    /// fixtures/examples; its placeholder repository URL becomes the test server's.
    init(example: String = "kargo-demo", rewrites: [String: String] = [:]) throws {
        server = try GitServer()
        work = try CLI.temporaryDirectory()
        project = example
        let source = CLI.packageRoot.appendingPathComponent("fixtures/examples/\(example)")
        let seed = work.appendingPathComponent("seed")
        try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
        for folder in ["kargo", "env", "base", "scripts"]
        where FileManager.default.fileExists(atPath: source.appendingPathComponent(folder).path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(folder), to: seed.appendingPathComponent(folder))
        }
        url = try server.makeRepository("gitops")
        let placeholders = ["http://localhost:8080/git/\(example)-gitops.git": url]
        let folder = seed.appendingPathComponent("kargo")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") {
            let file = folder.appendingPathComponent(name)
            var text = try String(contentsOf: file, encoding: .utf8)
            for (from, to) in placeholders.merging(rewrites, uniquingKeysWith: { $1 }) {
                text = text.replacingOccurrences(of: from, with: to)
            }
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["init", "-q", "-b", "main", seed.path], in: work.path)
        try GitCLI.run(["add", "-A"], in: seed.path)
        try GitCLI.run(["commit", "-q", "-m", "seed"], in: seed.path)
        try GitCLI.run(["push", "-q", server.repositoryPath("gitops"), "main"], in: seed.path)
    }

    deinit { try? FileManager.default.removeItem(at: work) }

    /// The credentials as `freightline` reads them from the environment.
    var environment: [String: String] {
        ["FREIGHTLINE_GIT_USERNAME": server.credentials.username, "FREIGHTLINE_GIT_PASSWORD": server.password]
    }

    /// `--repo … --config-path kargo --cache-dir …` (a cache of its own unless named).
    func flags(cache: String = "cache") -> [String] {
        ["--repo", url, "--config-path", "kargo", "--cache-dir", work.appendingPathComponent(cache).path]
    }

    /// A guestbook image Freight, as Warehouse discovery would record it.
    func freight(_ tag: String, discovered: String = "2026-11-23T08:00:00Z") -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: project),
                              origin: FreightOrigin(kind: .warehouse, name: "guestbook"),
                              images: [Image(repoURL: "localhost:5000/demo/guestbook", tag: tag, digest: "sha256:" + String(repeating: tag.filter(\.isNumber), count: 8))],
                              discoveredAt: Timestamp(rfc3339: discovered))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    /// Writes Freight into the state ref with the git CLI (until discovery makes it), and
    /// with `discoveredAt`, the Warehouse's last discovery, so a run within its interval
    /// asks no registry.
    func addFreight(_ freight: Freight, discoveredAt: String? = nil) throws {
        let clone = work.appendingPathComponent("state-\(UUID().uuidString)")
        let exists = (try? server.gitOnServer("gitops", "rev-parse", "-q", "--verify", "freightline/state")) != nil
        if exists {
            try GitCLI.run(["clone", "-q", "--branch", "freightline/state", server.repositoryPath("gitops"), clone.path], in: work.path)
        } else {
            try GitCLI.run(["init", "-q", "-b", "freightline/state", clone.path], in: work.path)
        }
        var seeded = PipelineState(freight: [freight])
        if let discoveredAt {
            seeded.warehouses = [WarehouseState(metadata: ObjectMeta(name: "guestbook", namespace: project),
                                                status: WarehouseStatus(discoveredArtifacts: DiscoveredArtifacts(
                                                    discoveredAt: Timestamp(rfc3339: discoveredAt))))]
        }
        for (path, text) in try StateLayout.files(for: seeded) where path.contains("/freight/") || path.contains("/warehouses/") {
            let file = clone.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "-A"], in: clone.path)
        try GitCLI.run(["commit", "-q", "-m", "Discovered \(freight.images?.first?.tag ?? "")"], in: clone.path)
        try GitCLI.run(["push", "-q", server.repositoryPath("gitops"), "HEAD:freightline/state"], in: clone.path)
        try FileManager.default.removeItem(at: clone)
    }

    /// The state as the state ref holds it now.
    func state() throws -> PipelineState {
        let store = DirectoryStateStore(root: try exportState().path)
        return try store.load().state
    }

    /// The state ref's files, checked out into a fresh folder.
    func exportState() throws -> URL {
        let folder = work.appendingPathComponent("export-\(UUID().uuidString)")
        try GitCLI.run(["clone", "-q", "--branch", "freightline/state", server.repositoryPath("gitops"), folder.path], in: work.path)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".git"))
        return folder
    }

    func onServer(_ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: server.repositoryPath("gitops"))
    }

    func reconcile(now: String, cache: String = "cache", _ extra: [String] = [], environment extraEnvironment: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(["reconcile", "--offline"] + flags(cache: cache) + ["--now", now] + extra,
                    environment: environment.merging(extraEnvironment) { $1 })
    }
}
