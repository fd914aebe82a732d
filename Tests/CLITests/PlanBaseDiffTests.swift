import Foundation
import Pipeline
import TestSupport
import Testing

/// `plan --base --diff` on the bundled example as a pull request would run it: the change
/// on a branch, compared with main, the planned promotions run with every push held back,
/// and the user's remote untouched.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct PlanBaseDiffTests {
    /// 1.1.0 is in test and uat since 09:00 and verified in both; prod-us and prod-eu hold nothing.
    private func fixtureWithVerifiedFreight() throws -> (GitOpsFixture, Freight) {
        let fixture = try GitOpsFixture()
        var freight = fixture.freight("1.1.0")
        let nine = Timestamp(rfc3339: "2026-11-23T09:00:00Z")
        freight.status = FreightStatus(currentlyIn: ["test": CurrentStage(since: nine), "uat": CurrentStage(since: nine)],
                                       verifiedIn: ["test": VerifiedStage(verifiedAt: nine), "uat": VerifiedStage(verifiedAt: nine)])
        try fixture.addFreight(freight)
        return (fixture, freight)
    }

    /// Pushes a branch `name` off main with `edit` applied to a checkout of it.
    private func pushBranch(_ name: String, on fixture: GitOpsFixture, _ edit: (URL) throws -> Void) throws {
        let clone = fixture.work.appendingPathComponent("branch-\(name)")
        try GitCLI.run(["clone", "-q", fixture.server.repositoryPath("gitops"), clone.path], in: fixture.work.path)
        try edit(clone)
        try GitCLI.run(["checkout", "-q", "-b", name], in: clone.path)
        try GitCLI.run(["add", "-A"], in: clone.path)
        try GitCLI.run(["commit", "-q", "-m", "change \(name)"], in: clone.path)
        try GitCLI.run(["push", "-q", "origin", name], in: clone.path)
    }

    private func replace(_ from: String, _ to: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(from), "\(file.lastPathComponent) should contain \(from)")
        try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aShorterSoakAndANewStageShowTheirDecisionsAndTheExactManifestDiff() throws {
        let (fixture, freight) = try fixtureWithVerifiedFreight()
        try pushBranch("shorter-soak", on: fixture) { clone in
            let stages = clone.appendingPathComponent("kargo/stages.yaml")
            // prod-us needs only 15m in uat and promotes by itself; a new Stage qa follows test.
            try replace("""
                      - uat
                      requiredSoakTime: 1h
                  promotionTemplate:
                    spec:
                      steps:
                      - task:
                          name: update-image
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: prod-eu
                """, """
                      - uat
                      requiredSoakTime: 15m
                  promotionTemplate:
                    spec:
                      steps:
                      - task:
                          name: update-image
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: prod-eu
                """, in: stages)
            let text = try String(contentsOf: stages, encoding: .utf8) + """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: qa
                  namespace: kargo-demo
                spec:
                  requestedFreight:
                  - origin:
                      kind: Warehouse
                      name: guestbook
                    sources:
                      stages:
                      - test

                """
            try text.write(to: stages, atomically: true, encoding: .utf8)
            try replace("""
                  - stageSelector:
                      name: uat
                    autoPromotionEnabled: true
                """, """
                  - stageSelector:
                      name: uat
                    autoPromotionEnabled: true
                  - stageSelector:
                      name: prod-us
                    autoPromotionEnabled: true
                """, in: clone.appendingPathComponent("kargo/project.yaml"))
        }
        let refs = try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)")
        let flags = ["--repo", fixture.url, "--ref", "shorter-soak", "--config-path", "kargo",
                     "--cache-dir", fixture.work.appendingPathComponent("cache").path,
                     "--offline", "--base", "main", "--diff", "--now", "2026-11-23T09:30:00Z"]
        let markdown = try CLI.run(["plan", "--format", "markdown"] + flags, environment: fixture.environment)
        #expect(markdown.status == 0, "\(markdown.output)")
        let alias = try #require(FreightAlias.assign([freight])[freight.metadata.name])
        #expect(markdown.stdout.contains("**What this change does** (compared with `main`)"))
        #expect(markdown.stdout.contains("| kargo-demo/prod-us | **blocked** | **promote** `\(alias)` |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| kargo-demo/qa (new) | — | **manual** `\(alias)` |"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("kargo-demo/prod-eu |"), "prod-eu's decision does not change")
        // The exact kustomization change the prod-us promotion would push, and nothing pushed.
        #expect(markdown.stdout.contains("would push main at "))
        #expect(markdown.stdout.contains("```diff\ndiff --git a/env/prod-us/kustomization.yaml b/env/prod-us/kustomization.yaml"),
                "\(markdown.stdout)")
        #expect(markdown.stdout.contains("-  newTag: 1.0.0\n+  newTag: 1.1.0"))
        #expect(try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)") == refs,
                "the remote's refs are unchanged")

        // JSON carries the same facts.
        let json = try CLI.run(["plan", "--format", "json"] + flags, environment: fixture.environment)
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.compactMap { $0["stage"] as? String }.sorted() == ["prod-us", "qa"])
        let diffs = try #require(object["diffs"] as? [[String: Any]])
        #expect(diffs.compactMap { $0["stage"] as? String } == ["prod-us"])
        let writes = try #require(diffs.first?["writes"] as? [[String: Any]])
        #expect((writes.first?["patch"] as? String)?.contains("+  newTag: 1.1.0") == true)
        #expect(try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)") == refs)
    }

    @Test func aChangeThatBreaksTheConfigurationReportsItsNewProblems() throws {
        let (fixture, _) = try fixtureWithVerifiedFreight()
        try pushBranch("broken", on: fixture) { clone in
            try replace("requiredSoakTime: 1h", "requiredSoakTime: 1 hour", in: clone.appendingPathComponent("kargo/stages.yaml"))
        }
        let result = try CLI.run(["plan", "--format", "markdown", "--repo", fixture.url, "--ref", "broken", "--config-path", "kargo",
                                  "--cache-dir", fixture.work.appendingPathComponent("cache").path, "--offline",
                                  "--base", "main", "--now", "2026-11-23T09:30:00Z"], environment: fixture.environment)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stdout.contains("New problems in the configuration:"))
        #expect(result.stdout.contains("- **error** `kargo/stages.yaml:"), "\(result.stdout)")
        #expect(result.stdout.contains("requiredSoakTime"))
        #expect(result.stderr.contains("in the configuration at the head of this change"))
    }

    @Test func withoutBaseOrDiffThePlanIsUnchanged() throws {
        let (fixture, _) = try fixtureWithVerifiedFreight()
        let result = try CLI.run(["plan", "--format", "json"] + fixture.flags() + ["--offline", "--now", "2026-11-23T09:30:00Z"],
                                 environment: fixture.environment)
        #expect(result.status == 0, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["now", "projects"])
    }
}
