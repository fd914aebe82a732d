import Discovery
import Foundation
import GitStore
import Pipeline
import Reconciler

/// The discovery a command runs: none with `--offline`, else the network discoverer with
/// the run's credentials, cache clones and request budget.
enum DiscoverySetup {
    static func make(_ options: DiscoveryOptions, credentials: CredentialStore, cacheRoot: String,
                     now: Timestamp) -> WarehouseDiscovery? {
        guard !options.offline else { return nil }
        let discoverer = NetworkDiscoverer(
            cache: GitCache(root: cacheRoot),
            gitCredentials: { credentials.git(for: $0) },
            imageCredentials: { url in
                credentials.basicAuth(for: url, type: .image).map { RegistryCredentials(username: $0.username, password: $0.password) }
            },
            chartCredentials: { url in
                credentials.basicAuth(for: url, type: .helm).map { ChartCredentials(username: $0.username, password: $0.password) }
            },
            budget: RequestBudget(limitPerHost: options.maxRequestsPerHost),
            clock: { now })
        return WarehouseDiscovery(discoverer: discoverer, now: now)
    }
}
