import Foundation
import Pipeline
import Reconciler
import Testing
import TestSupport

/// Real published Kargo configuration (../shared/corpus/kargo-e2e-argocd-update, Kargo's own
/// end-to-end fixture) promoted as it is written: its PromotionTask's `argocd-update` points
/// the Stage's Application at the Freight's commit, against the Argo CD stand-in.
@Suite struct CorpusPromotionTests {
    static let corpus = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/kargo-e2e-argocd-update")
    static let project = "kargo-argocd-update"
    static let repo = "https://github.com/<github-username>/kargo-demo-gitops.git"

    @Test func argocdUpdateSetsTheTargetRevisionToTheFreightsCommit() async throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let commit = String(repeating: "4b1d", count: 10)
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: Self.project),
                              origin: FreightOrigin(kind: .warehouse, name: "kargo-demo"),
                              commits: [GitCommit(repoURL: Self.repo, id: commit, branch: "kustomize")],
                              discoveredAt: Timestamp(rfc3339: "2026-11-23T08:00:00Z"))
        freight.metadata.name = FreightIdentity.name(of: freight)
        let state = work.appendingPathComponent("state")
        for (path, text) in try StateLayout.files(for: PipelineState(freight: [freight])) {
            let file = state.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let flags = ["--config", Self.corpus.path, "--state", state.path]

        try await ArgoCDStandIn.with { argo in
            try argo.seed("""
                {"metadata": {"name": "kargo-argocd-update-test", "namespace": "argocd",
                  "annotations": {"kargo.akuity.io/authorized-stage": "kargo-argocd-update:test"}},
                 "spec": {"source": {"repoURL": "\(Self.repo)", "targetRevision": "HEAD", "path": "stages/test"}},
                 "status": {"health": {"status": "Healthy"}, "sync": {"status": "Synced", "revision": "0000"}}}
                """)
            let environment = ["FREIGHTLINE_ARGOCD_SERVER": argo.serverURL, "FREIGHTLINE_ARGOCD_TOKEN": argo.token]
            let promote = try await runCLI(["promote", "--project", Self.project, "--stage", "test", "--freight",
                                            freight.metadata.name, "--now", "2026-11-23T09:00:00Z"] + flags, environment: environment)
            #expect(promote.status == 0, "\(promote.output)")

            var run = try await runCLI(["reconcile", "--offline", "--now", "2026-11-23T09:00:10Z"] + flags, environment: environment)
            #expect(run.status == 0, "\(run.output)")
            let patch = try #require(argo.requests("PATCH").first, "\(run.output)")
            #expect(patch.body.contains(commit), "\(patch.body)")
            #expect(argo.requests("POST").filter { $0.path.hasSuffix("/sync") }.count == 1)
            #expect(argo.application("kargo-argocd-update-test")?.contains("\"targetRevision\":\"\(commit)\"") == true)

            argo.completeSync("kargo-argocd-update-test", revision: commit)
            run = try await runCLI(["reconcile", "--offline", "--now", "2026-11-23T09:00:40Z"] + flags, environment: environment)
            #expect(run.status == 0, "\(run.output)")
            let stored = try DirectoryStateStore(root: state.path).load().state
            let promotion = try #require(stored.promotions.first { $0.spec.stage == "test" })
            #expect(promotion.status?.phase == .succeeded, "\(run.output)")
            // The task's set-metadata steps ran too: the Stage's time, then the Freight's note of it.
            #expect(stored.stage(in: Self.project, named: "test")?.status.metadata?["lastPromotedAt"] != nil)
            let note = stored.freight(in: Self.project, named: freight.metadata.name)?.status?.metadata?["lastPromoted"]
            #expect(note?.objectValue?["to"] == .string("test"), "\(String(describing: note))")
            #expect(argo.requests("POST").filter { $0.path.hasSuffix("/sync") }.count == 1)
            #expect(!run.output.contains(argo.token))
        }
    }
}
