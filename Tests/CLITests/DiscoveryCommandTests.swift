import Foundation
import Pipeline
import Reconciler
import TestSupport
import Testing

/// Discovery as a user meets it: `plan` shows the Freight a Warehouse would make and writes
/// nothing; `reconcile` records it; a Warehouse whose source fails is reported, the others
/// go on, and nothing already in the state is lost.
@Suite(.enabled(if: RegistryServerAvailability.available,
                "needs docker-registry and skopeo (scripts/install-deps.sh); CI=true fails instead"))
struct DiscoveryCommandTests {
    private func pipeline(registry: String) -> String {
        """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Project
        metadata: {name: shop}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: ProjectConfig
        metadata: {name: shop, namespace: shop}
        spec:
          promotionPolicies:
          - stageSelector: {name: test}
            autoPromotionEnabled: true
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata: {name: web, namespace: shop}
        spec:
          subscriptions:
          - image: {repoURL: \(registry)/shop/web, constraint: ^1.0.0}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata: {name: missing, namespace: shop}
        spec:
          subscriptions:
          - image: {repoURL: \(registry)/shop/does-not-exist}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Warehouse
        metadata: {name: unreachable, namespace: shop}
        spec:
          subscriptions:
          - image: {repoURL: 127.0.0.1:9/shop/web}
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: test, namespace: shop}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: web}
            sources: {direct: true}
          promotionTemplate:
            spec:
              steps:
              - uses: file-write
                config: {path: out.txt, contents: "${{ imageFrom('\(registry)/shop/web').Tag }}"}
        """
    }

    @Test func planShowsNewFreightReconcileRecordsItAndFailuresStayPerWarehouse() throws {
        let registry = try RegistryServer()
        try registry.push(repository: "shop/web", tag: "1.0.0", created: "2026-11-20T08:00:00Z")
        try registry.push(repository: "shop/web", tag: "1.1.0", created: "2026-11-22T08:00:00Z")
        try registry.push(repository: "shop/web", tag: "2.0.0", created: "2026-11-23T08:00:00Z")
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("kargo")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try pipeline(registry: registry.host).write(to: config.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let common = ["--config", config.path, "--state", state.path, "--cache-dir", folder.appendingPathComponent("cache").path]

        let plan = try CLI.run(["plan"] + common + ["--now", "2026-11-23T09:00:00Z"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("\(registry.host)/shop/web:1.1.0"), "\(plan.stdout)")
        #expect(plan.stderr.contains("shop/missing: discovery failed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).isEmpty, "plan wrote state")

        let run = try CLI.run(["reconcile"] + common + ["--now", "2026-11-23T09:00:00Z"])
        #expect(run.status == 1, "a failed Warehouse makes the run exit 1: \(run.output)")
        #expect(run.stdout.contains("shop/web: new Freight"))
        #expect(run.stdout.contains("shop/missing: discovery failed"))
        #expect(run.stdout.contains("404"))
        #expect(run.stdout.contains("shop/unreachable: discovery failed"))
        #expect(run.stdout.contains("1 promoted"))

        let loaded = try DirectoryStateStore(root: state.path).load().state
        #expect(loaded.freight.count == 1)
        #expect(loaded.freight.first?.images?.first?.tag == "1.1.0")
        let missing = loaded.warehouses.first { $0.metadata.name == "missing" }
        #expect(missing?.status.conditions?.first?.status == .false)
        // The failing Warehouses are asked again next run; the good one waits its interval.
        let again = try CLI.run(["reconcile"] + common + ["--now", "2026-11-23T09:01:00Z"])
        #expect(again.stdout.contains("shop/web: not due until 2026-11-23T09:05:00Z"), "\(again.stdout)")
        #expect(again.stdout.contains("shop/missing: discovery failed"))
        #expect(try DirectoryStateStore(root: state.path).load().state.freight.count == 1)
    }
}
