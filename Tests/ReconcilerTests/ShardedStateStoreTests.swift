import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Reconciler

/// A shard's state store (`ownedProjects` set) against a real smart-HTTP server: a push
/// that loses to commits on other Projects is rebuilt on the new tip and pushed again;
/// one that loses to commits on its own Projects (or the schema) is still a conflict.
/// "demo" hashes to shard 0 of 2, "other" to shard 1.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct ShardedStateStoreTests {
    private let author = GitSignature(name: "Freightline", email: "freightline@localhost", time: (seconds: 1_795_000_000, offsetMinutes: 0))

    /// A repository with a state ref holding one Freight in each of "demo" and "other".
    private struct Remote {
        let server: GitServer
        let url: String
        let credentials: CredentialStore

        /// A store with a cache of its own, as a separate shard's job would have.
        func store(_ cache: String, owns projects: Set<String>?, author: GitSignature) throws -> GitStateStore {
            let store = try RepositorySession(location: url, cache: GitCache(root: server.cacheFolder(cache)), credentials: credentials)
                .stateStore(branch: "freightline/state", author: author)
            store.ownedProjects = projects
            return store
        }

        func tip() throws -> String { try server.gitOnServer("ops", "rev-parse", "freightline/state") }
        func subjects() throws -> [String] {
            try server.gitOnServer("ops", "log", "--format=%s", "freightline/state").split(separator: "\n").map(String.init)
        }
    }

    private func remote(seeded: Bool = true) throws -> Remote {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let environment = ["FREIGHTLINE_GIT_USERNAME": server.credentials.username, "FREIGHTLINE_GIT_PASSWORD": server.password]
        let remote = Remote(server: server, url: url, credentials: try CredentialStore.load(path: nil, environment: environment))
        if seeded {
            let seed = try remote.store("seed", owns: nil, author: author)
            try seed.save(PipelineState(freight: [Self.freight("1.0.0", in: "demo"), Self.freight("1.0.0", in: "other")]),
                          replacing: try seed.load(), change: StateChange(summary: "seed"))
        }
        return remote
    }

    static func freight(_ tag: String, in project: String) -> Freight {
        var freight = ReconcilerFixtures.freight(tag)
        freight.metadata.namespace = project
        return freight
    }

    /// `loaded`'s state with one more Freight.
    private func adding(_ freight: Freight, to loaded: LoadedState) -> PipelineState {
        var state = loaded.state
        state.freight.append(freight)
        return state
    }

    @Test func aPushBeatenByAnotherShardIsRebuiltOnTheNewTipWithoutAConflict() throws {
        let remote = try remote()
        let demo = try remote.store("demo", owns: ["demo"], author: author)
        let other = try remote.store("other", owns: ["other"], author: author)
        let demoRead = try demo.load()
        let otherRead = try other.load()

        try other.save(adding(Self.freight("2.0.0", in: "other"), to: otherRead), replacing: otherRead,
                       change: StateChange(summary: "other 2.0.0"))
        let otherCommit = try remote.tip()
        // Built on the version read before `other` pushed: refused, then rebased and pushed.
        let mine = adding(Self.freight("2.0.0", in: "demo"), to: demoRead)
        #expect(try demo.save(mine, replacing: demoRead, change: StateChange(summary: "demo 2.0.0")))
        #expect(demo.pushCount == StatePushCount(attempts: 2, rejected: 1, rebased: 1))
        #expect(try remote.subjects() == ["demo 2.0.0", "other 2.0.0", "seed"])
        #expect(try remote.server.gitOnServer("ops", "rev-parse", "freightline/state^") == otherCommit)
        #expect(demo.savedRevision == (try remote.tip()))

        // The next save of the run chains onto the rebased commit, and keeps `other`'s work
        // although this run's state never saw it.
        var next = mine
        next.freight.append(Self.freight("3.0.0", in: "demo"))
        let chained = LoadedState(state: mine, files: StateLayout.paths(for: mine), revision: demo.savedRevision)
        #expect(try demo.save(next, replacing: chained, change: StateChange(summary: "demo 3.0.0")))
        #expect(demo.pushCount == StatePushCount(attempts: 3, rejected: 1, rebased: 1))
        let final = try remote.store("check", owns: nil, author: author).load().state
        #expect(Set(final.freight.map { "\($0.metadata.namespace ?? "")/\($0.images?.first?.tag ?? "")" })
                == ["demo/1.0.0", "demo/2.0.0", "demo/3.0.0", "other/1.0.0", "other/2.0.0"])
    }

    @Test func aPushBeatenByAWriteToItsOwnProjectsIsStillAConflict() throws {
        let remote = try remote()
        let demo = try remote.store("demo", owns: ["demo"], author: author)
        // An unsharded run (a `promote`, an operator) may change any Project.
        let anyone = try remote.store("anyone", owns: nil, author: author)
        let demoRead = try demo.load()
        let anyoneRead = try anyone.load()
        try anyone.save(adding(Self.freight("9.0.0", in: "demo"), to: anyoneRead), replacing: anyoneRead,
                        change: StateChange(summary: "someone else in demo"))
        let winner = try remote.tip()
        #expect(throws: StateConflict.self) {
            try demo.save(adding(Self.freight("2.0.0", in: "demo"), to: demoRead), replacing: demoRead,
                          change: StateChange(summary: "demo 2.0.0"))
        }
        #expect(demo.pushCount == StatePushCount(attempts: 1, rejected: 1, rebased: 0))
        #expect(try remote.tip() == winner)
    }

    @Test func aChangedSchemaFileIsAConflictAndAnIdenticalOneIsNot() throws {
        // Two shards creating the state ref at once both write freightline.yaml, identically.
        let fresh = try remote(seeded: false)
        let demo = try fresh.store("demo", owns: ["demo"], author: author)
        let other = try fresh.store("other", owns: ["other"], author: author)
        let demoRead = try demo.load()
        let otherRead = try other.load()
        #expect(demoRead.revision == nil && otherRead.revision == nil)
        try other.save(adding(Self.freight("1.0.0", in: "other"), to: otherRead), replacing: otherRead,
                       change: StateChange(summary: "other first"))
        #expect(try demo.save(adding(Self.freight("1.0.0", in: "demo"), to: demoRead), replacing: demoRead,
                              change: StateChange(summary: "demo second")))
        #expect(demo.pushCount.rebased == 1)
        #expect(try fresh.subjects() == ["demo second", "other first"])

        // A schema file that differs from what this run read means re-read.
        let seeded = try remote()
        let shard = try seeded.store("demo", owns: ["demo"], author: author)
        let read = try shard.load()
        let raw = try RepositorySession(location: seeded.url, cache: GitCache(root: seeded.server.cacheFolder("raw")),
                                        credentials: seeded.credentials).repository
        let base = try #require(try raw.remoteReference("freightline/state"))
        let schema = try raw.writeCommit(updating: base, changes: [StateLayout.schemaFile: Array("version: 2\n".utf8)],
                                         message: "schema 2", author: author)
        try raw.push(localCommit: schema, to: "freightline/state", expectedRemote: base, credentials: seeded.server.credentials)
        #expect(throws: StateConflict.self) {
            try shard.save(adding(Self.freight("2.0.0", in: "demo"), to: read), replacing: read,
                           change: StateChange(summary: "demo 2.0.0"))
        }
        #expect(shard.pushCount == StatePushCount(attempts: 1, rejected: 1, rebased: 0))
    }

    @Test func aShardedRunThatLosesToAnotherShardRebasesInsteadOfReplanning() async throws {
        for sharded in [true, false] {
            let remote = try remote()
            let config = Self.config(projects: ["demo", "other"])
            var options = ReconcileOptions(now: ReconcilerFixtures.now, runID: "shard-0")
            options.shard = sharded ? Shard(index: 0, count: 2) : nil
            if !sharded { options.only = ["demo/test"] }
            let store = try remote.store("demo", owns: sharded ? options.projects(in: config) : nil, author: author)
            #expect(store.ownedProjects == (sharded ? Set(["demo"]) : nil))
            // Just before this run's first push, shard 1 records a new Freight in "other".
            let other = try remote.store("other", owns: ["other"], author: author)
            let racing = RacingStore(store) {
                let read = try other.load()
                try other.save(self.adding(Self.freight("2.0.0", in: "other"), to: read), replacing: read,
                               change: StateChange(summary: "shard 1 meanwhile"))
            }
            let executor = CountingExecutor()
            let reconciliation = Reconciliation(config: config, options: options) { stage in
                .success(stage.spec.promotionTemplate?.spec?.steps ?? [])
            }
            let summary = try await reconciliation.run(store: racing, executor: executor)

            // Only shard 0's Project was promoted, once, either way.
            #expect(executor.ran == ["test:\(Self.freight("1.0.0", in: "demo").metadata.name)"])
            #expect(summary.promotions.map { "\($0.project)/\($0.stage) \($0.phase.rawValue)" } == ["demo/test Succeeded"])
            let pushes = try #require(summary.pushes)
            if sharded {
                // Claim (rejected, rebased, pushed) and result: no re-read, no re-plan.
                #expect(summary.conflicts == 0)
                #expect(pushes == StatePushCount(attempts: 3, rejected: 1, rebased: 1))
            } else {
                // Without a shard every lost race is re-read and re-planned.
                #expect(summary.conflicts == 1)
                #expect(pushes == StatePushCount(attempts: 3, rejected: 1, rebased: 0))
            }
            let subjects = try remote.subjects()
            #expect(subjects.count == 4 && subjects[2] == "shard 1 meanwhile", "\(subjects)")
        }
    }

    /// Auto-promoting `test` Stages, one per Project, each with the fixture's one step.
    static func config(projects: [String]) -> KargoConfig {
        let template = ReconcilerFixtures.config(stages: ["test"])
        var config = KargoConfig()
        for project in projects {
            var own = template.projects[0]
            own.metadata.name = project
            config.projects.append(own)
            var stage = template.stages[0]
            stage.metadata.namespace = project
            config.stages.append(stage)
        }
        return config
    }
}

/// A store that lets something else happen just before its first save.
private final class RacingStore: PushCountingStateStore {
    let base: GitStateStore
    private var meanwhile: (() throws -> Void)?

    init(_ base: GitStateStore, meanwhile: @escaping () throws -> Void) {
        self.base = base
        self.meanwhile = meanwhile
    }

    func load() throws -> LoadedState { try base.load() }
    var savedRevision: String? { base.savedRevision }
    var pushCount: StatePushCount { base.pushCount }

    func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool {
        if let first = meanwhile {
            meanwhile = nil
            try first()
        }
        return try base.save(state, replacing: previous, change: change)
    }
}
