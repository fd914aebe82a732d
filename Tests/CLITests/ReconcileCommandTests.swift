import Foundation
import Pipeline
import TestSupport
import Testing

/// `freightline reconcile` end to end: the built binary, a real Git server with basic
/// auth, the bundled example pipeline, and real steps (clone, kustomize-set-image,
/// commit, push, set-metadata).
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct ReconcileCommandTests {
    @Test func promotesThroughTestAndUatAndRecordsEverythingInGit() throws {
        let fixture = try GitOpsFixture()
        let freight = fixture.freight("1.1.0")
        try fixture.addFreight(freight)
        let result = try fixture.reconcile(now: "2026-11-23T09:00:00Z")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("2 promoted, 0 failed"))
        #expect(result.stderr.contains("promoting kargo-demo/test"))

        // The manifests changed on main, one commit per Stage.
        let log = try fixture.onServer("log", "--format=%s", "main")
        #expect(log.contains("Promote localhost:5000/demo/guestbook:1.1.0 to test"))
        #expect(log.contains("Promote localhost:5000/demo/guestbook:1.1.0 to uat"))
        #expect(try fixture.onServer("show", "main:env/uat/kustomization.yaml").contains("newTag: 1.1.0"))
        #expect(try fixture.onServer("show", "main:env/prod-us/kustomization.yaml").contains("newTag: 1.0.0"))

        // The state records it, Kargo-shaped.
        let state = try fixture.state()
        let recorded = try #require(state.freight(in: "kargo-demo", named: freight.metadata.name))
        #expect(recorded.status?.currentlyIn?.keys.sorted() == ["test", "uat"])
        #expect(recorded.status?.verifiedIn?["test"] != nil)
        #expect(recorded.status?.verifiedIn?["uat"] == nil, "uat has verification; a promotion alone does not verify it")
        #expect(state.promotions.count == 2 && state.promotions.allSatisfy { $0.status?.phase == .succeeded })
        let head = try fixture.onServer("rev-parse", "main")
        #expect(state.stage(in: "kargo-demo", named: "uat")?.status.metadata?["lastCommit"] == .string(head))
        let trailers = try fixture.onServer("log", "--format=%(trailers:only,unfold)", "freightline/state")
        #expect(trailers.contains("Freightline-Stage: kargo-demo/uat"))
        #expect(trailers.contains("Freightline-Reason: promotion succeeded"))

        // Nothing left to do: a second run writes nothing.
        let tip = try fixture.onServer("rev-parse", "freightline/state")
        let again = try fixture.reconcile(now: "2026-11-23T09:05:00Z")
        #expect(again.status == 0 && again.stdout.contains("Nothing to promote"))
        #expect(try fixture.onServer("rev-parse", "freightline/state") == tip)
    }

    @Test func dryRunWritesNothingAnywhere() throws {
        let fixture = try GitOpsFixture()
        try fixture.addFreight(fixture.freight("1.1.0"))
        let refs = try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)")
        let result = try fixture.reconcile(now: "2026-11-23T09:00:00Z", ["--dry-run"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("[dry run] 2 promoted"))
        #expect(try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)") == refs)
    }

    @Test func wrongCredentialsExitFourAndChangeNothing() throws {
        let fixture = try GitOpsFixture()
        try fixture.addFreight(fixture.freight("1.1.0"))
        let refs = try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)")
        let result = try fixture.reconcile(now: "2026-11-23T09:00:00Z",
                                           environment: ["FREIGHTLINE_GIT_PASSWORD": "wrong-password-123"])
        #expect(result.status == 4, "\(result.output)")
        #expect(result.stderr.contains("refused the credentials"))
        #expect(!result.output.contains("wrong-password-123"))
        #expect(!result.output.contains(fixture.server.password))
        #expect(try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)") == refs)
    }

    @Test func credentialSecretsFromAFileServeTheRepository() throws {
        let fixture = try GitOpsFixture()
        try fixture.addFreight(fixture.freight("1.1.0"))
        let secret = fixture.work.appendingPathComponent("creds.yaml")
        try """
            apiVersion: v1
            kind: Secret
            metadata:
              name: gitops
              labels: {kargo.akuity.io/cred-type: git}
            stringData:
              repoURL: \(fixture.url)
              username: \(fixture.server.credentials.username)
              password: ${GITOPS_TOKEN}
            """.write(to: secret, atomically: true, encoding: .utf8)
        let result = try CLI.run(["reconcile", "--offline"] + fixture.flags() + ["--now", "2026-11-23T09:00:00Z", "--credentials", secret.path],
                                 environment: ["GITOPS_TOKEN": fixture.server.password,
                                               "FREIGHTLINE_GIT_USERNAME": "", "FREIGHTLINE_GIT_PASSWORD": ""])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("2 promoted"))
    }
}

/// Bad input to `reconcile` is a diagnostic with its position and exit 2, and nothing is written.
@Suite struct ReconcileBadInputTests {
    @Test func aBrokenConfigurationStopsTheRunBeforeAnythingIsWritten() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state")
        let result = try CLI.run(["reconcile", "--offline", "--config", "fixtures/invalid/bad-duration",
                                  "--state", state.path, "--now", "2026-11-23T09:00:00Z"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("warehouse.yaml:7:13: error: spec.interval"))
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    @Test func aBadLeaseIsAnArgumentError() throws {
        let result = try CLI.run(["reconcile", "--lease", "soon", "--config", "x", "--state", "y"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--lease soon is not a Go duration"))
    }
}
