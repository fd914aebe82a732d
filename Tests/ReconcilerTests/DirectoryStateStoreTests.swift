import Foundation
import Manifests
import Pipeline
import Testing
@testable import Reconciler

@Suite struct DirectoryStateStoreTests {
    private func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func sampleFreight(_ tag: String, project: String = "demo") -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: project),
                              origin: FreightOrigin(kind: .warehouse, name: "app"),
                              images: [Image(repoURL: "ghcr.io/example/app", tag: tag, digest: "sha256:\(tag)")],
                              discoveredAt: Timestamp(rfc3339: "2026-11-23T08:00:00Z"))
        freight.metadata.name = FreightIdentity.name(of: freight)
        freight.status = FreightStatus(
            currentlyIn: ["test": CurrentStage(since: Timestamp(rfc3339: "2026-11-23T08:05:00Z"))],
            verifiedIn: ["test": VerifiedStage(verifiedAt: Timestamp(rfc3339: "2026-11-23T08:06:00Z"), longestSoak: "1h0m0s")])
        return freight
    }

    @Test func roundTripIsLosslessAndByteStable() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DirectoryStateStore(root: root, createIfMissing: true)
        var stage = StageState(metadata: ObjectMeta(name: "test", namespace: "demo"))
        let first = sampleFreight("1.0.0")
        stage.status.freightHistory = [FreightCollection(id: FreightIdentity.collectionID([first.metadata.name]),
                                                         items: ["Warehouse/app": FreightReference(name: first.metadata.name, origin: first.origin)])]
        let state = PipelineState(freight: [first, sampleFreight("1.1.0")], stages: [stage])
        try store.save(state, replacing: LoadedState())
        let loaded = try store.load()
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.diagnostics)")
        #expect(Set(loaded.state.freight) == Set(state.freight))
        #expect(loaded.state.stages == state.stages)

        let path = root + "/demo/freight/\(first.metadata.name).yaml"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try store.save(loaded.state, replacing: loaded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("apiVersion: kargo.akuity.io/v1alpha1\nkind: Freight\nmetadata:\n"))
        #expect(text.contains("discoveredAt: \"2026-11-23T08:00:00Z\""))
        #expect(text.contains("    test:\n      since: \"2026-11-23T08:05:00Z\""))
    }

    @Test func kubectlListExportLoadsAndIsRewrittenCanonically() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let freight = sampleFreight("2.0.0")
        let export = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: kargo.akuity.io/v1alpha1
              kind: Freight
              metadata:
                name: \(freight.metadata.name)
                namespace: demo
                uid: 6f0e
                resourceVersion: "123"
              origin: {kind: Warehouse, name: app}
              images:
              - {repoURL: ghcr.io/example/app, tag: 2.0.0, digest: "sha256:2.0.0"}
              discoveredAt: "2026-11-23T08:00:00Z"
            - apiVersion: kargo.akuity.io/v1alpha1
              kind: Stage
              metadata: {name: test, namespace: demo}
              spec:
                requestedFreight:
                - origin: {kind: Warehouse, name: app}
                  sources: {direct: true}
              status:
                freightHistory:
                - id: abc
                  items:
                    Warehouse/app: {name: \(freight.metadata.name), origin: {kind: Warehouse, name: app}}
            """
        try export.write(toFile: root + "/export.yaml", atomically: true, encoding: .utf8)
        let store = DirectoryStateStore(root: root)
        let loaded = try store.load()
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.diagnostics)")
        #expect(loaded.state.freight.map(\.metadata.name) == [freight.metadata.name])
        #expect(loaded.state.stages.first?.status.freightHistory?.first?.id == "abc")
        try store.save(loaded.state, replacing: loaded)
        #expect(!FileManager.default.fileExists(atPath: root + "/export.yaml"))
        #expect(FileManager.default.fileExists(atPath: root + "/demo/freight/\(freight.metadata.name).yaml"))
        #expect(FileManager.default.fileExists(atPath: root + "/demo/stages/test.yaml"))
        #expect(try store.load().state.freight.map(\.metadata.name) == [freight.metadata.name])
    }

    @Test func corruptFreightNameIsAnErrorNamingTheExpectedName() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let freight = sampleFreight("3.0.0")
        let store = DirectoryStateStore(root: root)
        try store.save(PipelineState(freight: [freight]), replacing: LoadedState())
        let path = root + "/demo/freight/\(freight.metadata.name).yaml"
        let tampered = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "tag: 3.0.0", with: "tag: 3.0.1")
        try tampered.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try store.load()
        let error = try #require(loaded.diagnostics.diagnostics.first { $0.severity == .error })
        var changed = freight
        changed.images![0].tag = "3.0.1"
        #expect(error.message.contains("Kargo's name for this origin and these artifacts is `\(FreightIdentity.name(of: changed))`"))
        #expect(error.location.line == 4)
    }

    @Test func missingFolderIsAnErrorUnlessCreating() throws {
        #expect(throws: StateStoreError.self) { try DirectoryStateStore(root: "/nonexistent/state").load() }
        #expect(try DirectoryStateStore(root: "/nonexistent/state", createIfMissing: true).load().state == PipelineState())
    }
}

@Suite struct StateLayoutPathsTests {
    @Test func pathsAreExactlyTheFilesWritten() throws {
        var stage = StageState(metadata: ObjectMeta(name: "test", namespace: "demo"))
        stage.status.metadata = ["owner": .string("a")]
        let state = PipelineState(freight: [ReconcilerFixtures.freight("1.0.0"), ReconcilerFixtures.freight("1.1.0")],
                                  stages: [stage],
                                  promotions: [Promotion(metadata: ObjectMeta(name: "p", namespace: "demo"), spec: PromotionSpec(stage: "test"))],
                                  warehouses: [WarehouseState(metadata: ObjectMeta(name: "app", namespace: "other"))])
        #expect(StateLayout.paths(for: state) == Set(try StateLayout.files(for: state).keys))
    }
}
