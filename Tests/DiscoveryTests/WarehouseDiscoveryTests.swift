import Foundation
import Pipeline
import Testing
@testable import Discovery

/// A discoverer answering from tables, counting the questions.
final class TableDiscoverer: ArtifactDiscoverer, @unchecked Sendable {
    private let lock = NSLock()
    var images: [String: [String]] = [:]
    var failing: Set<String> = []
    /// Sources whose host has no request budget left.
    var overBudget: Set<String> = []
    private(set) var asked: [String] = []
    private(set) var knownSeen: [String: [String]] = [:]

    func git(_ subscription: GitSubscription) async throws -> GitDiscoveryResult {
        lock.withLock { asked.append("git \(subscription.repoURL)") }
        if failing.contains(subscription.repoURL) { throw DiscoveryTestError("connection refused") }
        return GitDiscoveryResult(repoURL: subscription.repoURL, commits: [DiscoveredCommit(id: "0123456789abcdef0123456789abcdef01234567", branch: "main", subject: "fix")])
    }

    func image(_ subscription: ImageSubscription, known: [String: DiscoveredImageReference]) async throws -> ImageDiscoveryResult {
        lock.withLock {
            asked.append("image \(subscription.repoURL)")
            knownSeen[subscription.repoURL] = known.keys.sorted()
        }
        if failing.contains(subscription.repoURL) { throw DiscoveryTestError("401 unauthorized") }
        if overBudget.contains(subscription.repoURL) {
            throw DiscoveryError(repository: subscription.repoURL, reason: .budgetSpent("the request budget is spent"))
        }
        let tags = images[subscription.repoURL] ?? []
        return ImageDiscoveryResult(repoURL: subscription.repoURL,
                                    references: tags.map { DiscoveredImageReference(tag: $0, digest: "sha256:\($0)") })
    }

    func chart(_ subscription: ChartSubscription, snapshot: ChartIndexSnapshot?) async throws -> ChartDiscovery {
        lock.withLock { asked.append("chart \(subscription.repoURL)") }
        return ChartDiscovery(result: ChartDiscoveryResult(repoURL: subscription.repoURL, name: subscription.name, versions: ["1.2.0", "1.1.0"]),
                              snapshot: nil, downloadedIndex: true)
    }
}

struct DiscoveryTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite struct WarehouseDiscoveryTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!

    private func warehouse(_ name: String, images: [String] = [], git: [String] = [], charts: [String] = [],
                           interval: String? = nil, manual: Bool = false) -> Warehouse {
        var subscriptions: [RepoSubscription] = []
        subscriptions += git.map { RepoSubscription(git: GitSubscription(repoURL: $0)) }
        subscriptions += images.map { RepoSubscription(image: ImageSubscription(repoURL: $0)) }
        subscriptions += charts.map { RepoSubscription(chart: ChartSubscription(repoURL: $0, name: "app")) }
        return Warehouse(metadata: ObjectMeta(name: name, namespace: "demo"),
                         spec: WarehouseSpec(subscriptions: subscriptions, interval: interval,
                                             freightCreationPolicy: manual ? .manual : nil))
    }

    @Test func newArtifactsBecomeFreightNamedByContentOnceOnly() async throws {
        let discoverer = TableDiscoverer()
        discoverer.images["ghcr.io/x/app"] = ["1.2.0", "1.1.0"]
        var config = KargoConfig()
        config.warehouses = [warehouse("app", images: ["ghcr.io/x/app"], git: ["https://git.example.com/x/cfg.git"])]
        var state = PipelineState()
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: state)
        let freight = try #require(report.newFreight.first)
        #expect(freight.images?.first?.tag == "1.2.0")
        #expect(freight.commits?.first?.id == "0123456789abcdef0123456789abcdef01234567")
        #expect(freight.metadata.name == FreightIdentity.name(of: freight))
        #expect(freight.discoveredAt == now)
        report.apply(to: &state)
        #expect(state.warehouses.first?.status.lastFreightID == freight.metadata.name)

        // Within the interval nothing is asked; after it, the same artifacts make nothing new.
        let early = await WarehouseDiscovery(discoverer: discoverer, now: now.adding(seconds: 60)).run(config: config, state: state)
        #expect(early.entries.first?.result == .notDue(until: now.adding(seconds: 300)))
        #expect(discoverer.asked.count == 2)
        let later = await WarehouseDiscovery(discoverer: discoverer, now: now.adding(seconds: 301)).run(config: config, state: state)
        #expect(later.newFreight.isEmpty)
        #expect(later.entries.first?.result == .unchanged(freight.metadata.name))
        // And what was learned about tags is handed back as the cache.
        #expect(discoverer.knownSeen["ghcr.io/x/app"] == ["1.1.0", "1.2.0"])
    }

    @Test func aSharedSourceIsAskedOncePerRun() async {
        let discoverer = TableDiscoverer()
        discoverer.images["ghcr.io/x/app"] = ["1.0.0"]
        var config = KargoConfig()
        config.warehouses = (0..<5).map { warehouse("w\($0)", images: ["ghcr.io/x/app"]) }
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: PipelineState())
        #expect(discoverer.asked == ["image ghcr.io/x/app"])
        // Five Warehouses, five origins: five Freight.
        #expect(Set(report.newFreight.map(\.metadata.name)).count == 5)
    }

    @Test func aFailingSourceIsReportedAndTheOthersGoOn() async {
        let discoverer = TableDiscoverer()
        discoverer.images["ghcr.io/x/ok"] = ["1.0.0"]
        discoverer.failing = ["ghcr.io/x/broken"]
        var config = KargoConfig()
        config.warehouses = [warehouse("a-broken", images: ["ghcr.io/x/broken"]), warehouse("b-ok", images: ["ghcr.io/x/ok"])]
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: PipelineState())
        #expect(report.entries.map(\.warehouse) == ["a-broken", "b-ok"])
        guard case .failed(let reasons) = report.entries[0].result else { Issue.record("expected a failure"); return }
        #expect(reasons == ["image ghcr.io/x/broken: 401 unauthorized"])
        #expect(report.newFreight.count == 1)
        let broken = report.warehouseStates.first { $0.metadata.name == "a-broken" }
        #expect(broken?.status.conditions?.first?.status == .false)
        #expect(broken?.status.conditions?.first?.message == "image ghcr.io/x/broken: 401 unauthorized")
    }

    @Test func aSpentBudgetSkipsTheWarehouseWithoutFailingOrForgettingIt() async throws {
        let discoverer = TableDiscoverer()
        discoverer.images["ghcr.io/x/ok"] = ["1.0.0"]
        discoverer.images["ghcr.io/x/busy"] = ["2.0.0"]
        discoverer.overBudget = ["ghcr.io/x/busy"]
        var config = KargoConfig()
        config.warehouses = [warehouse("a-busy", images: ["ghcr.io/x/busy"]), warehouse("b-ok", images: ["ghcr.io/x/ok"])]
        var state = PipelineState()
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: state)
        guard case .skipped(let reasons) = report.entries[0].result else { Issue.record("expected a skip, got \(report.entries[0].result)"); return }
        #expect(reasons == ["image ghcr.io/x/busy: skipped: the request budget is spent"])
        #expect(report.lines[0] == "demo/a-busy: skipped until the next run: image ghcr.io/x/busy: skipped: the request budget is spent")
        #expect(!report.warehouseStates.contains { $0.metadata.name == "a-busy" }, "nothing recorded, so it stays due")
        #expect(report.newFreight.count == 1)
        report.apply(to: &state)

        // The next run (budget renewed) asks it at once, without waiting for its interval.
        discoverer.overBudget = []
        let next = await WarehouseDiscovery(discoverer: discoverer, now: now.adding(seconds: 10)).run(config: config, state: state)
        guard case .created = next.entries[0].result else { Issue.record("expected new Freight, got \(next.entries[0].result)"); return }
        #expect(next.entries[1].result == .notDue(until: now.adding(seconds: 300)))
    }

    @Test func manualCreationRecordsArtifactsButMakesNoFreight() async {
        let discoverer = TableDiscoverer()
        discoverer.images["ghcr.io/x/app"] = ["1.0.0"]
        var config = KargoConfig()
        config.warehouses = [warehouse("app", images: ["ghcr.io/x/app"], manual: true)]
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: PipelineState())
        #expect(report.newFreight.isEmpty)
        #expect(report.warehouseStates.first?.status.discoveredArtifacts?.images?.first?.references?.first?.tag == "1.0.0")
    }

    @Test func aSubscriptionWithNothingMakesNoFreight() async {
        let discoverer = TableDiscoverer()
        var config = KargoConfig()
        config.warehouses = [warehouse("app", images: ["ghcr.io/x/empty"], charts: ["https://charts.example.com"])]
        let report = await WarehouseDiscovery(discoverer: discoverer, now: now).run(config: config, state: PipelineState())
        #expect(report.newFreight.isEmpty)
        #expect(report.entries.first?.result == .nothingNew("no image tag found in ghcr.io/x/empty that the subscription accepts"))
    }
}
