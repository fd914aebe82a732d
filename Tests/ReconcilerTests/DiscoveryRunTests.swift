import Discovery
import Foundation
import Pipeline
import Testing
@testable import Reconciler

/// A discoverer with one image repository whose tags a test can change between runs.
final class MovingImageDiscoverer: ArtifactDiscoverer, @unchecked Sendable {
    private let lock = NSLock()
    private var tags: [String]
    init(tags: [String]) { self.tags = tags }
    func publish(_ tag: String) { lock.withLock { tags.insert(tag, at: 0) } }

    func git(_ subscription: GitSubscription) async throws -> GitDiscoveryResult {
        GitDiscoveryResult(repoURL: subscription.repoURL)
    }
    func image(_ subscription: ImageSubscription, known: [String: DiscoveredImageReference]) async throws -> ImageDiscoveryResult {
        let current = lock.withLock { tags }
        return ImageDiscoveryResult(repoURL: subscription.repoURL,
                                    references: current.map { DiscoveredImageReference(tag: $0, digest: "sha256:\($0)") })
    }
    func chart(_ subscription: ChartSubscription, snapshot: ChartIndexSnapshot?) async throws -> ChartDiscovery {
        ChartDiscovery(result: ChartDiscoveryResult(repoURL: subscription.repoURL), snapshot: nil, downloadedIndex: true)
    }
}

@Suite struct DiscoveryRunTests {
    @Test func aRunDiscoversNewFreightAndPromotesItInTheSameRun() async throws {
        let root = try ReconcilerFixtures.temporaryFolder("discovery")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DirectoryStateStore(root: root, createIfMissing: true)
        var config = ReconcilerFixtures.config()
        config.warehouses = [Warehouse(metadata: ObjectMeta(name: "app", namespace: "demo"),
                                       spec: WarehouseSpec(subscriptions: [RepoSubscription(image: ImageSubscription(repoURL: "ghcr.io/x/app"))]))]
        let discoverer = MovingImageDiscoverer(tags: ["1.0.0"])
        let executor = CountingExecutor()
        func run(at now: Timestamp) async throws -> ReconcileSummary {
            try await Reconciliation(config: config, options: ReconcileOptions(now: now, runID: "r\(now.secondsSinceEpoch)"),
                                     expandSteps: { .success($0.spec.promotionTemplate?.spec?.steps ?? []) },
                                     discovery: WarehouseDiscovery(discoverer: discoverer, now: now))
                .run(store: store, executor: executor)
        }
        let first = try await run(at: ReconcilerFixtures.now)
        #expect(first.discovery?.newFreight.count == 1)
        #expect(first.promotions.map(\.stage) == ["test", "uat"])
        // A new tag within the interval is not seen; after it, it is, and flows on.
        discoverer.publish("1.1.0")
        let early = try await run(at: ReconcilerFixtures.now.adding(seconds: 120))
        #expect(early.discovery?.newFreight.isEmpty == true && early.promotions.isEmpty)
        let later = try await run(at: ReconcilerFixtures.now.adding(seconds: 301))
        let fresh = try #require(later.discovery?.newFreight.first)
        #expect(fresh.images?.first?.tag == "1.1.0")
        #expect(later.promotions.map(\.freight) == [fresh.metadata.name, fresh.metadata.name])
        let state = try store.load().state
        #expect(state.freight.count == 2)
        #expect(state.warehouses.first?.status.lastFreightID == fresh.metadata.name)
    }
}
