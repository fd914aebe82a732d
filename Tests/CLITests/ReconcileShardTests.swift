import Foundation
import Pipeline
import Reconciler
import TestSupport
import Testing

/// `reconcile --shard i/n` run side by side, as a Kubernetes Indexed Job or a CI matrix
/// would: each shard promotes only its own Projects, every promotion happens once, and a
/// push that loses to another shard is rebased rather than re-planned.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct ReconcileShardTests {
    static let shards = 4
    static let projects = (0..<40).map { String(format: "app-%02d", $0) }

    @Test func fourShardsAtOncePromoteEachOfFortyProjectsOnceWithoutARetryStorm() async throws {
        let fixture = try ShardFixture(projects: Self.projects)
        let results = try await withThrowingTaskGroup(of: (Int, CLIResult).self) { group in
            for index in 0..<Self.shards {
                group.addTask { (index, try fixture.reconcile(shard: "\(index)/\(Self.shards)")) }
            }
            var all: [Int: CLIResult] = [:]
            for try await (index, result) in group { all[index] = result }
            return all
        }

        var attempts = 0, rejected = 0, rebased = 0
        for index in 0..<Self.shards {
            let result = try #require(results[index])
            #expect(result.status == 0, "shard \(index): \(result.output)")
            let own = Self.projects.filter { Shard(index: index, count: Self.shards).contains(project: $0) }
            // Its own Projects, each once, and nothing else.
            #expect(result.stdout.components(separatedBy: " Succeeded ").count - 1 == own.count, "shard \(index): \(result.stdout)")
            #expect(!result.stdout.contains("gave up") && !result.stdout.contains("re-planned"), "shard \(index): \(result.stdout)")
            let pushes = try #require(Self.pushes(in: result.stdout), "no push figures from shard \(index): \(result.stdout)")
            print("shard \(index)/\(Self.shards): \(own.count) Projects, \(pushes.attempts) state pushes, "
                  + "\(pushes.rejected) rejected, \(pushes.rebased) rebased")
            #expect(pushes.rejected == pushes.rebased)
            attempts += pushes.attempts
            rejected += pushes.rejected
            rebased += pushes.rebased
        }
        print("\(Self.shards) shards on \(Self.projects.count) Projects: \(attempts) state pushes, \(rejected) rejected, \(rebased) rebased")
        // One claim commit per shard and one result commit per Project landed. Steps that
        // take no time make the shards push back to back, the worst case: they lose races
        // (25 to 40 in 70 to 80 attempts here), but each loss costs a fetch and a push,
        // never a re-plan (checked above), and fewer than two per landed commit.
        let landed = attempts - rejected
        #expect(landed == Self.shards + Self.projects.count)
        #expect(rejected < 2 * landed, "\(rejected) rejected pushes for \(landed) landed")

        // Every Project's Stage promoted exactly once, by the shard that owns the Project.
        let log = try fixture.onServer("log", "--format=%s%x09%(trailers:key=Freightline-Run,valueonly,separator=%x2C)%x09"
                                           + "%(trailers:key=Freightline-Stage,valueonly,separator=%x2C)", "freightline/state")
        var promoted: [String: Int] = [:]
        for line in log.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[1].hasPrefix("shard-") else { continue }
            let shard = Int(fields[1].dropFirst("shard-".count)) ?? -1
            for stage in fields[2].split(separator: ",") {
                let project = String(stage.split(separator: "/")[0])
                #expect(Shard.shard(of: project, count: Self.shards) == shard, "\(line)")
            }
            if fields[0].hasPrefix("Promoted ") { promoted[fields[2], default: 0] += 1 }
        }
        #expect(promoted.count == Self.projects.count && promoted.values.allSatisfy { $0 == 1 }, "\(promoted)")
        let state = try fixture.state()
        for project in Self.projects {
            let promotions = state.promotions.filter { $0.metadata.namespace == project }
            #expect(promotions.count == 1 && promotions.first?.status?.phase == .succeeded, "\(project): \(promotions)")
            #expect(state.freight(in: project).first?.status?.currentlyIn?.keys.sorted() == ["test"], "\(project)")
        }
    }

    /// The figures of a closing line's `…; 12 state pushes (2 rejected and rebased)`
    /// (or `(3 rejected: 2 rebased, 1 re-planned)`).
    static func pushes(in stdout: String) -> StatePushCount? {
        guard let line = stdout.split(separator: "\n").last(where: { $0.contains(" state push") }),
              let marker = line.range(of: " state push") else { return nil }
        let before = line[..<marker.lowerBound].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let after = line[marker.lowerBound...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let attempts = before.last, let rejected = after.first else { return nil }
        return StatePushCount(attempts: attempts, rejected: rejected, rebased: after.count >= 2 ? after[1] : rejected)
    }
}

/// `--shard` values that are not a shard: bad input, before anything is read.
@Suite struct ReconcileShardFlagTests {
    @Test(arguments: ["4/4", "1/0", "x", "-1/4", "1/4/2"])
    func aBadShardIsBadInput(value: String) throws {
        let result = try CLI.run(["reconcile", "--state", "/nonexistent", "--config", "/nonexistent", "--shard=\(value)"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("--shard \(value):"), "\(result.stderr)")
    }
}

/// A GitOps repository on the local Git server with one Project per name (a Warehouse,
/// an auto-promoting `test` Stage whose one step is `file-write`, so promotions need no
/// network), and one Freight per Project already in the state ref.
final class ShardFixture: @unchecked Sendable {
    let server: GitServer
    let url: String
    let work: URL

    init(projects: [String]) throws {
        server = try GitServer()
        work = try CLI.temporaryDirectory()
        url = try server.makeRepository("gitops")
        let seed = work.appendingPathComponent("seed")
        let kargo = seed.appendingPathComponent("kargo")
        try FileManager.default.createDirectory(at: kargo, withIntermediateDirectories: true)
        for project in projects {
            try Self.pipeline(project).write(to: kargo.appendingPathComponent("\(project).yaml"), atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["init", "-q", "-b", "main", seed.path], in: work.path)
        try GitCLI.run(["add", "-A"], in: seed.path)
        try GitCLI.run(["commit", "-q", "-m", "seed"], in: seed.path)
        try GitCLI.run(["push", "-q", server.repositoryPath("gitops"), "main"], in: seed.path)

        let state = work.appendingPathComponent("state")
        try GitCLI.run(["init", "-q", "-b", "freightline/state", state.path], in: work.path)
        for (path, text) in try StateLayout.files(for: PipelineState(freight: projects.map(Self.freight))) {
            let file = state.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "-A"], in: state.path)
        try GitCLI.run(["commit", "-q", "-m", "Discovered Freight"], in: state.path)
        try GitCLI.run(["push", "-q", server.repositoryPath("gitops"), "HEAD:freightline/state"], in: state.path)
    }

    deinit { try? FileManager.default.removeItem(at: work) }

    static func pipeline(_ project: String) -> String {
        """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Project
        metadata:
          name: \(project)
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: ProjectConfig
        metadata:
          name: \(project)
          namespace: \(project)
        spec:
          promotionPolicies:
          - stageSelector:
              name: test
            autoPromotionEnabled: true
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata:
          name: app
          namespace: \(project)
        spec:
          interval: 5m0s
          subscriptions:
          - image:
              repoURL: localhost:5000/\(project)/app
              imageSelectionStrategy: SemVer
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata:
          name: test
          namespace: \(project)
        spec:
          requestedFreight:
          - origin:
              kind: Warehouse
              name: app
            sources:
              direct: true
          promotionTemplate:
            spec:
              steps:
              - uses: file-write
                config:
                  path: released.txt
                  contents: \(project)

        """
    }

    static func freight(_ project: String) -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: project),
                              origin: FreightOrigin(kind: .warehouse, name: "app"),
                              images: [Image(repoURL: "localhost:5000/\(project)/app", tag: "1.0.0",
                                             digest: "sha256:" + String(repeating: "ab", count: 32))],
                              discoveredAt: Timestamp(rfc3339: "2026-11-23T08:00:00Z"))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    /// One shard's run, with a cache of its own (a pod or a CI job of its own).
    func reconcile(shard: String) throws -> CLIResult {
        let index = shard.split(separator: "/")[0]
        return try CLI.run(["reconcile", "--offline", "--repo", url, "--config-path", "kargo",
                            "--cache-dir", work.appendingPathComponent("cache-\(index)").path,
                            "--now", "2026-11-23T09:00:00Z", "--run-id", "shard-\(index)", "--shard", shard],
                           environment: ["FREIGHTLINE_GIT_USERNAME": server.credentials.username,
                                         "FREIGHTLINE_GIT_PASSWORD": server.password])
    }

    func onServer(_ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: server.repositoryPath("gitops"))
    }

    /// The state ref as it is now.
    func state() throws -> PipelineState {
        let folder = work.appendingPathComponent("export-\(UUID().uuidString)")
        try GitCLI.run(["clone", "-q", "--branch", "freightline/state", server.repositoryPath("gitops"), folder.path], in: work.path)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".git"))
        return try DirectoryStateStore(root: folder.path).load().state
    }
}
