import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Reconciler

@Suite struct ReconciliationTests {
    private func reconciliation(_ config: KargoConfig, run: String) -> Reconciliation {
        Reconciliation(config: config, options: ReconcileOptions(now: ReconcilerFixtures.now, runID: run)) { stage in
            .success(stage.spec.promotionTemplate?.spec?.steps ?? [])
        }
    }

    private func seededFolder() throws -> (String, DirectoryStateStore, Freight) {
        let root = try ReconcilerFixtures.temporaryFolder("reconcile")
        let store = DirectoryStateStore(root: root, createIfMissing: true)
        let freight = ReconcilerFixtures.freight("1.0.0")
        try store.save(PipelineState(freight: [freight]), replacing: LoadedState())
        return (root, store, freight)
    }

    @Test func oneRunWalksFreightThroughEveryEligibleStage() async throws {
        let (root, store, freight) = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let executor = CountingExecutor()
        let summary = try await reconciliation(ReconcilerFixtures.config(), run: "r1").run(store: store, executor: executor)
        #expect(executor.ran == ["test:\(freight.metadata.name)", "uat:\(freight.metadata.name)"])
        #expect(summary.promotions.map(\.phase) == [.succeeded, .succeeded])
        let state = try store.load().state
        #expect(state.freight[0].status?.currentlyIn?.keys.sorted() == ["test", "uat"])
        #expect(state.promotions.allSatisfy { $0.status?.phase == .succeeded && $0.lease == nil })
        // A second run has nothing to do.
        let again = try await reconciliation(ReconcilerFixtures.config(), run: "r2").run(store: store, executor: executor)
        #expect(again.promotions.isEmpty && again.commits == 0)
        #expect(executor.ran.count == 2)
    }

    @Test func aFailedPromotionIsRecordedAndNotRetriedByTheSameRun() async throws {
        let (root, store, _) = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let executor = CountingExecutor(phase: .failed)
        let summary = try await reconciliation(ReconcilerFixtures.config(), run: "r1").run(store: store, executor: executor)
        #expect(summary.anyFailed)
        #expect(executor.ran.count == 1)
        #expect(try store.load().state.promotions.first?.status?.message == "step `write` failed: boom")
    }

    @Test func dryRunPromotesInMemoryAndWritesNothing() async throws {
        let (root, store, _) = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let before = try store.load().state
        let dry = DryRunStateStore(store)
        let summary = try await reconciliation(ReconcilerFixtures.config(), run: "r1").run(store: dry, executor: CountingExecutor())
        #expect(summary.promotions.count == 2)
        #expect(dry.changes.count == summary.commits && summary.commits > 0)
        #expect(try store.load().state == before)
    }

    @Test(.enabled(if: GitServerAvailability.available, "needs the local git server"))
    func racingRunsPromoteEachStageOnceThroughTheStateRef() async throws {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let environment = ["FREIGHTLINE_GIT_USERNAME": server.credentials.username, "FREIGHTLINE_GIT_PASSWORD": server.password]
        let credentials = try CredentialStore.load(path: nil, environment: environment)
        let author = GitSignature(name: "Freightline", email: "freightline@localhost", time: (1_795_000_000, 0))
        let seed = try RepositorySession(location: url, cache: GitCache(root: server.cacheFolder("seed")), credentials: credentials)
            .stateStore(branch: "freightline/state", author: author)
        let freight = ReconcilerFixtures.freight("1.0.0")
        try seed.save(PipelineState(freight: [freight]), replacing: try seed.load())

        let config = ReconcilerFixtures.config(stages: ["test", "uat", "prod"])
        let executor = CountingExecutor()
        var runs: [(Reconciliation, GitStateStore)] = []
        for index in 0..<4 {
            // Separate caches, as separate CI jobs would have.
            let store = try RepositorySession(location: url, cache: GitCache(root: server.cacheFolder("run\(index)")), credentials: credentials)
                .stateStore(branch: "freightline/state", author: author)
            runs.append((reconciliation(config, run: "run\(index)"), store))
        }
        nonisolated(unsafe) let pending = runs
        let summaries = try await withThrowingTaskGroup(of: ReconcileSummary.self) { group in
            for index in pending.indices {
                group.addTask { try await pending[index].0.run(store: pending[index].1, executor: executor) }
            }
            var all: [ReconcileSummary] = []
            for try await summary in group { all.append(summary) }
            return all
        }
        #expect(executor.ran.sorted() == ["prod", "test", "uat"].map { "\($0):\(freight.metadata.name)" })
        #expect(summaries.flatMap(\.promotions).count == 3)
        let final = try seed.load().state
        #expect(final.promotions.count == 3)
        #expect(final.promotions.allSatisfy { $0.status?.phase == .succeeded })
        #expect(final.freight[0].status?.currentlyIn?.keys.sorted() == ["prod", "test", "uat"])
        let log = try server.gitOnServer("ops", "log", "--format=%s", "freightline/state")
        #expect(log.split(separator: "\n").filter { $0.hasPrefix("Promoted") }.count == 3)
    }
}
