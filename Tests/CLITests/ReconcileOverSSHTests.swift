import Foundation
import Pipeline
import Reconciler
import TestSupport
import Testing

/// `reconcile` against a repository reached over SSH, with the key in a Kargo credential
/// Secret (`sshPrivateKey`) whose value comes from the environment.
@Suite(.enabled(if: SSHServerAvailability.available,
                "needs openssh-server (scripts/install-deps.sh); CI=true fails instead"))
struct ReconcileOverSSHTests {
    @Test func promotesOverSSHWithAKeyFromACredentialSecret() throws {
        let server = try SSHGitServer()
        let example = CLI.packageRoot.appendingPathComponent("fixtures/examples/kargo-demo")
        var seed: [String: String] = [:]
        for folder in ["kargo", "env", "base"] {
            let root = example.appendingPathComponent(folder)
            let files = (try FileManager.default.subpathsOfDirectory(atPath: root.path)).filter { $0.hasSuffix(".yaml") }
            for file in files {
                seed[folder + "/" + file] = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            }
        }
        let url = server.url("gitops")
        seed["kargo/promotion-task.yaml"] = seed["kargo/promotion-task.yaml"]?
            .replacingOccurrences(of: "http://localhost:8080/git/kargo-demo-gitops.git", with: url)
        _ = try server.makeRepository("gitops", seed: seed)

        // Freight in the state ref, written with the git CLI over the same server.
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "kargo-demo"),
                              origin: FreightOrigin(kind: .warehouse, name: "guestbook"),
                              images: [Image(repoURL: "localhost:5000/demo/guestbook", tag: "1.1.0", digest: "sha256:11")],
                              discoveredAt: Timestamp(rfc3339: "2026-11-23T08:00:00Z"))
        freight.metadata.name = FreightIdentity.name(of: freight)
        let state = work.appendingPathComponent("state")
        try GitCLI.run(["init", "-q", "-b", "freightline/state", state.path], in: work.path)
        for (path, text) in try StateLayout.files(for: PipelineState(freight: [freight])) {
            let file = state.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "-A"], in: state.path)
        try GitCLI.run(["commit", "-q", "-m", "Freight"], in: state.path)
        try GitCLI.run(["push", "-q", server.repositoryPath("gitops"), "freightline/state"], in: state.path)

        let secret = work.appendingPathComponent("creds.yaml")
        try """
            apiVersion: v1
            kind: Secret
            metadata:
              name: gitops-ssh
              labels: {kargo.akuity.io/cred-type: git}
            stringData:
              repoURL: \(url)
              sshPrivateKey: ${GITOPS_SSH_KEY}
            """.write(to: secret, atomically: true, encoding: .utf8)
        let result = try CLI.run(["reconcile", "--offline", "--repo", url, "--config-path", "kargo", "--cache-dir", work.appendingPathComponent("cache").path,
                                  "--credentials", secret.path, "--now", "2026-11-23T09:00:00Z"],
                                 environment: ["GITOPS_SSH_KEY": server.privateKey, "FREIGHTLINE_GIT_USERNAME": "", "FREIGHTLINE_GIT_PASSWORD": ""])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("2 promoted"))
        #expect(!result.output.contains("PRIVATE KEY"))
        #expect(try server.gitOnServer("gitops", "show", "main:env/uat/kustomization.yaml").contains("newTag: 1.1.0"))
        #expect(try server.gitOnServer("gitops", "log", "--format=%s", "freightline/state").contains("Promoted uat"))

        // The wrong key: exit 4, nothing written, no key in the output.
        let tip = try server.gitOnServer("gitops", "rev-parse", "freightline/state")
        let refused = try CLI.run(["reconcile", "--offline", "--repo", url, "--config-path", "kargo", "--cache-dir", work.appendingPathComponent("cache2").path,
                                   "--credentials", secret.path, "--now", "2026-11-23T09:30:00Z"],
                                  environment: ["GITOPS_SSH_KEY": server.wrongPrivateKey, "FREIGHTLINE_GIT_USERNAME": "", "FREIGHTLINE_GIT_PASSWORD": ""])
        #expect(refused.status == 4, "\(refused.output)")
        #expect(!refused.output.contains("PRIVATE KEY"))
        #expect(try server.gitOnServer("gitops", "rev-parse", "freightline/state") == tip)
    }
}
