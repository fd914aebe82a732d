import Manifests
import Pipeline

/// Discovery for every Warehouse that is due (DESIGN §3): each distinct subscription is
/// asked once per run, a Warehouse whose source fails is reported and left as it was while
/// the others go on, and the new Freight and Warehouse states come back as a change to apply
/// to the state. The decisions (due or not, which Freight) are pure; the asking is the
/// discoverer's.
public struct WarehouseDiscovery: Sendable {
    public var discoverer: any ArtifactDiscoverer
    public var now: Timestamp

    public init(discoverer: any ArtifactDiscoverer, now: Timestamp) {
        self.discoverer = discoverer
        self.now = now
    }

    public func run(config: KargoConfig, state: PipelineState, only projects: Set<String>? = nil) async -> DiscoveryReport {
        let memo = DiscoveryMemo()
        var report = DiscoveryReport()
        let warehouses = config.warehouses
            .filter { projects == nil || projects!.contains($0.metadata.namespace ?? "") }
            .sorted { ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name) }
        // Ask for every due Warehouse at once; the memo collapses shared sources.
        let outcomes = await withTaskGroup(of: (Int, WarehouseOutcome).self) { group in
            for (index, warehouse) in warehouses.enumerated() {
                let previous = state.warehouses.first {
                    $0.metadata.namespace == warehouse.metadata.namespace && $0.metadata.name == warehouse.metadata.name
                }
                if let next = WarehouseSchedule.nextDiscovery(of: warehouse, state: previous, now: now) {
                    group.addTask { (index, .notDue(until: next)) }
                    continue
                }
                group.addTask { (index, await discover(warehouse, previous: previous, memo: memo)) }
            }
            var collected: [(Int, WarehouseOutcome)] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }
        }
        var freightSoFar = state.freight
        for (index, outcome) in outcomes {
            let warehouse = warehouses[index]
            var entry = DiscoveryReport.Entry(project: warehouse.metadata.namespace ?? "", warehouse: warehouse.metadata.name)
            switch outcome {
            case .notDue(let until):
                entry.result = .notDue(until: until)
            case .skipped(let reasons):
                entry.result = .skipped(reasons)
            case .failed(let reasons, let previous):
                entry.result = .failed(reasons)
                report.warehouseStates.append(Self.failedState(warehouse, previous: previous, reasons: reasons, now: now))
            case .discovered(let artifacts, let snapshots):
                var record = WarehouseState(metadata: ObjectMeta(name: warehouse.metadata.name, namespace: warehouse.metadata.namespace))
                record.status.discoveredArtifacts = artifacts
                ChartIndexSnapshots.store(snapshots, in: &record)
                switch FreightAssembly.freight(for: warehouse, discovered: artifacts, existing: freightSoFar, now: now) {
                case .created(let freight):
                    freightSoFar.append(freight)
                    report.newFreight.append(freight)
                    record.status.lastFreightID = freight.metadata.name
                    entry.result = .created(freight.metadata.name)
                case .unchanged(let name):
                    record.status.lastFreightID = name
                    entry.result = .unchanged(name)
                case .none(let reason):
                    entry.result = .nothingNew(reason)
                }
                record.status.conditions = [Condition(type: "Ready", status: .true, lastTransitionTime: now,
                                                      reason: "DiscoverySucceeded", message: nil)]
                report.warehouseStates.append(record)
            }
            report.entries.append(entry)
        }
        return report
    }

    private enum WarehouseOutcome: Sendable {
        case notDue(until: Timestamp)
        case discovered(DiscoveredArtifacts, [ChartIndexSnapshot])
        case failed([String], previous: WarehouseState?)
        /// Some source was not asked (request budget spent): nothing is recorded, so the
        /// Warehouse is still due and the next run asks again.
        case skipped([String])
    }

    private func discover(_ warehouse: Warehouse, previous: WarehouseState?, memo: DiscoveryMemo) async -> WarehouseOutcome {
        var artifacts = DiscoveredArtifacts(discoveredAt: now)
        var failures: [String] = []
        var skips: [String] = []
        var snapshots: [ChartIndexSnapshot] = []
        let earlier = previous?.status.discoveredArtifacts
        let earlierSnapshots = previous.map(ChartIndexSnapshots.read) ?? []
        for subscription in warehouse.spec.subscriptions ?? [] {
            if let git = subscription.git {
                let answer = await memo.answer(for: "git \(Self.key(git))") { [discoverer] in
                    do { return .git(try await discoverer.git(git)) } catch { return Self.answer(for: error, "git", git.repoURL) }
                }
                switch answer {
                case .git(var result):
                    result.subscriptionName = subscription.name
                    artifacts.git = (artifacts.git ?? []) + [result]
                case .failed(let reason): failures.append(reason)
                case .skipped(let reason): skips.append(reason)
                default: break
                }
            }
            if let image = subscription.image {
                var known: [String: DiscoveredImageReference] = [:]
                for result in earlier?.images ?? [] where result.repoURL == image.repoURL && result.platform == image.platform {
                    for reference in result.references ?? [] { if let tag = reference.tag { known[tag] = reference } }
                }
                let cached = known
                let answer = await memo.answer(for: "image \(Self.key(image))") { [discoverer] in
                    do { return .image(try await discoverer.image(image, known: cached)) } catch { return Self.answer(for: error, "image", image.repoURL) }
                }
                switch answer {
                case .image(var result):
                    result.subscriptionName = subscription.name
                    artifacts.images = (artifacts.images ?? []) + [result]
                case .failed(let reason): failures.append(reason)
                case .skipped(let reason): skips.append(reason)
                default: break
                }
            }
            if let chart = subscription.chart {
                let last = earlierSnapshots.first { $0.chart == (chart.name ?? "") && $0.indexURL.hasPrefix(chart.repoURL) }
                let answer = await memo.answer(for: "chart \(Self.key(chart))") { [discoverer] in
                    do { return .chart(try await discoverer.chart(chart, snapshot: last)) } catch { return Self.answer(for: error, "chart", chart.repoURL) }
                }
                switch answer {
                case .chart(let discovery):
                    var result = discovery.result
                    result.subscriptionName = subscription.name
                    artifacts.charts = (artifacts.charts ?? []) + [result]
                    if let snapshot = discovery.snapshot { snapshots.append(snapshot) }
                case .failed(let reason): failures.append(reason)
                case .skipped(let reason): skips.append(reason)
                default: break
                }
            }
        }
        if !failures.isEmpty { return .failed(failures + skips, previous: previous) }
        if !skips.isEmpty { return .skipped(skips) }
        return .discovered(artifacts, snapshots)
    }

    /// The Warehouse's state after a failed discovery: what it knew before, kept (so the
    /// next run's interval and caches still work), with a Ready=False condition saying why.
    /// The time of the last *successful* discovery is kept, so a failing Warehouse is
    /// tried again next run rather than after its interval.
    static func failedState(_ warehouse: Warehouse, previous: WarehouseState?, reasons: [String], now: Timestamp) -> WarehouseState {
        var record = previous ?? WarehouseState(metadata: ObjectMeta(name: warehouse.metadata.name, namespace: warehouse.metadata.namespace))
        if var artifacts = record.status.discoveredArtifacts {
            artifacts.discoveredAt = nil
            record.status.discoveredArtifacts = artifacts
        }
        record.status.conditions = [Condition(type: "Ready", status: .false, lastTransitionTime: now,
                                              reason: "DiscoveryFailed", message: reasons.joined(separator: "; "))]
        return record
    }

    /// A failed subscription's answer: skipped when only the request budget stopped it.
    static func answer(for error: any Error, _ kind: String, _ repoURL: String) -> DiscoveryAnswer {
        if let error = error as? DiscoveryError, case .budgetSpent = error.reason { return .skipped("\(kind) \(error)") }
        return .failed(describe(error, kind, repoURL))
    }

    /// A discoverer's error already names its repository; anything else gets it added.
    static func describe(_ error: any Error, _ kind: String, _ repoURL: String) -> String {
        error is DiscoveryError ? "\(kind) \(error)" : "\(kind) \(repoURL): \(error)"
    }

    /// A stable key for a subscription: its JSON form, keys sorted.
    static func key<T: Encodable>(_ value: T) -> String {
        (try? JSONValue.encoding(value)).map { YAMLWriter.document($0) } ?? "\(value)"
    }
}
