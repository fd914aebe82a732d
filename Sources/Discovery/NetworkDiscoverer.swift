import GitStore
import Pipeline

/// The real discoverer: Git subscriptions through the run's cache clones (one fetch per
/// repository per run), images and charts over HTTP through one memoizing, budgeted
/// transport (one tag listing per repository per run, a per-host request budget, backoff
/// on 429 and 5xx). `clock` is the run's time (`--now`), which `now()` in a Git
/// subscription's `expressionFilter` returns.
public struct NetworkDiscoverer: ArtifactDiscoverer {
    let gitDiscoverer: GitSubscriptionDiscoverer
    let imageDiscoverer: ImageDiscoverer
    let chartDiscoverer: ChartDiscoverer
    let imageCredentials: @Sendable (String) -> RegistryCredentials?
    let chartCredentials: @Sendable (String) -> ChartCredentials?

    public init(cache: GitCache,
                gitCredentials: @escaping @Sendable (String) -> GitCredentials?,
                imageCredentials: @escaping @Sendable (String) -> RegistryCredentials?,
                chartCredentials: @escaping @Sendable (String) -> ChartCredentials?,
                budget: RequestBudget,
                transport: any HTTPTransport = URLSessionTransport(),
                clock: @escaping @Sendable () -> Timestamp = GitSubscriptionDiscoverer.wallClock) {
        let shared = MemoizingTransport(base: BudgetedTransport(base: transport, budget: budget))
        gitDiscoverer = GitSubscriptionDiscoverer(fetches: GitDiscoveryFetches(cache: cache, credentials: gitCredentials),
                                                  clock: clock)
        imageDiscoverer = ImageDiscoverer(transport: shared)
        chartDiscoverer = ChartDiscoverer(transport: shared)
        self.imageCredentials = imageCredentials
        self.chartCredentials = chartCredentials
    }

    public func git(_ subscription: GitSubscription) async throws -> GitDiscoveryResult {
        try await gitDiscoverer.discover(subscription)
    }

    public func image(_ subscription: ImageSubscription, known: [String: DiscoveredImageReference]) async throws -> ImageDiscoveryResult {
        try await imageDiscoverer.discover(subscription, credentials: imageCredentials(subscription.repoURL), known: known)
    }

    public func chart(_ subscription: ChartSubscription, snapshot: ChartIndexSnapshot?) async throws -> ChartDiscovery {
        try await chartDiscoverer.discover(subscription, credentials: chartCredentials(subscription.repoURL), snapshot: snapshot)
    }
}
