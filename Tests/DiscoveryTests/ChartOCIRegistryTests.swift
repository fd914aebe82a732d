import Foundation
import Pipeline
import TestSupport
import Testing
@testable import Discovery

/// OCI charts against the real registry: versions come from the repository's tags, through
/// the anonymous registry and through the one that wants basic auth.
@Suite(.enabled(if: RegistryServerAvailability.available,
                "needs docker-registry and skopeo (scripts/install-deps.sh); CI=true fails instead"))
struct ChartOCIRegistryTests {
    @Test func versionsOfAnOCIChartComeFromItsTags() async throws {
        let registry = try RegistryServer()
        for tag in ["1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0", "latest"] {
            try registry.push(repository: "charts/app", tag: tag)
        }
        let discoverer = ChartDiscoverer(transport: URLSessionTransport())
        let anonymous = try await discoverer.discover(
            ChartSubscription(repoURL: "oci://\(registry.host)/charts/app", semverConstraint: "^1.0.0"))
        #expect(anonymous.result.versions == ["1.1.0", "1.0.0"])
        #expect(anonymous.snapshot == nil)

        let authenticated = try await discoverer.discover(
            ChartSubscription(repoURL: "oci://\(registry.authHost)/charts/app"),
            credentials: ChartCredentials(username: registry.username, password: registry.password))
        #expect(authenticated.result.versions == ["2.0.0", "1.2.0-rc.1", "1.1.0", "1.0.0"])

        do {
            _ = try await discoverer.discover(ChartSubscription(repoURL: "oci://\(registry.authHost)/charts/app"),
                                              credentials: ChartCredentials(username: registry.username, password: "not-it-42"))
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.reason == .unauthorized)
            #expect(!"\(error)".contains("not-it-42"))
        }
    }
}
