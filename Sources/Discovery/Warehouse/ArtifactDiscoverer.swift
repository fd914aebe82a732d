import Pipeline

/// Finds the candidate artifacts of one subscription, newest or highest first, as Kargo
/// records them in `Warehouse.status.discoveredArtifacts`. One implementation talks to
/// Git servers, registries and Helm repositories; tests substitute their own.
public protocol ArtifactDiscoverer: Sendable {
    func git(_ subscription: GitSubscription) async throws -> GitDiscoveryResult
    /// `known`: what earlier runs learned about tags (digest, build time), so a tag seen
    /// before costs no request.
    func image(_ subscription: ImageSubscription, known: [String: DiscoveredImageReference]) async throws -> ImageDiscoveryResult
    /// `snapshot`: what the last download of the repository's index said (validators and
    /// versions), for a conditional request; the answer carries the next one.
    func chart(_ subscription: ChartSubscription, snapshot: ChartIndexSnapshot?) async throws -> ChartDiscovery
}

/// Within one run, every distinct subscription is discovered once, however many
/// Warehouses share it; concurrent askers wait for the same answer.
actor DiscoveryMemo {
    private var tasks: [String: Task<DiscoveryAnswer, Never>] = [:]

    func answer(for key: String, _ work: @escaping @Sendable () async -> DiscoveryAnswer) async -> DiscoveryAnswer {
        if let task = tasks[key] { return await task.value }
        let task = Task { await work() }
        tasks[key] = task
        return await task.value
    }
}

/// One subscription's result, or why it has none.
enum DiscoveryAnswer: Sendable {
    case git(GitDiscoveryResult)
    case image(ImageDiscoveryResult)
    case chart(ChartDiscovery)
    case failed(String)
    /// Not asked this run (its host's request budget is spent); the next run asks.
    case skipped(String)
}
