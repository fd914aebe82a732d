import Foundation
import Pipeline
import Testing
import TestSupport

/// fixtures/examples/kargo-advanced promoted end to end as a user runs it: real Git over
/// smart HTTP, a GitHub API stand-in that really merges pull requests into that Git
/// repository, and an Argo CD API stand-in whose syncs the test completes. test and uat
/// update their Applications with `argocd-update` and are verified by the Applications'
/// health; prod is reached through `git-open-pr` + `git-wait-for-pr`.
@Suite(.serialized) struct IntegrationPipelineTests {
    static let project = "kargo-advanced"

    /// The Git server, both stand-ins and a credentials file naming them.
    final class Setup: @unchecked Sendable {
        let fixture: GitOpsFixture
        let hosting: GitHostingStandIn
        let argo: ArgoCDStandIn
        let credentials: String

        init(fixture: GitOpsFixture, hosting: GitHostingStandIn, argo: ArgoCDStandIn) throws {
            self.fixture = fixture
            self.hosting = hosting
            self.argo = argo
            hosting.attach(repository: "git/gitops", bare: fixture.server.repositoryPath("gitops"))
            for stage in ["test", "uat", "prod"] {
                try argo.seed("""
                    {"metadata": {"name": "guestbook-\(stage)", "namespace": "argocd",
                      "annotations": {"kargo.akuity.io/authorized-stage": "\(IntegrationPipelineTests.project):\(stage)"}},
                     "spec": {"project": "default",
                      "source": {"repoURL": "\(fixture.url)", "targetRevision": "main", "path": "env/\(stage)"},
                      "destination": {"server": "https://kubernetes.default.svc", "namespace": "guestbook-\(stage)"}},
                     "status": {"health": {"status": "Healthy"}, "sync": {"status": "Synced", "revision": "0000000"}}}
                    """)
            }
            let file = fixture.work.appendingPathComponent("credentials.yaml")
            try """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: gitops
                  labels:
                    kargo.akuity.io/cred-type: git
                stringData:
                  repoURL: \(fixture.url)
                  username: \(fixture.server.credentials.username)
                  password: \(fixture.server.password)
                  apiURL: \(hosting.apiURL(.github))
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: argocd
                  labels:
                    freightline.dev/cred-type: argocd
                stringData:
                  server: \(argo.serverURL)
                  token: \(argo.token)
                """.write(to: file, atomically: true, encoding: .utf8)
            credentials = file.path
        }

        /// One reconcile at `now` with the credentials (discovery is within its interval).
        /// Off Swift's cooperative threads (see `runCLI`): the run waits on both stand-ins.
        func reconcile(_ now: String) async throws -> CLIResult {
            let result = try await runCLI(["reconcile"] + fixture.flags() + ["--now", now, "--credentials", credentials],
                                          environment: fixture.environment)
            for secret in [fixture.server.password, argo.token] {
                #expect(!result.output.contains(secret), "a token leaked into the output at \(now)")
            }
            return result
        }

        func promotion(_ stage: String) throws -> Promotion? {
            try fixture.state().promotions.filter { $0.spec.stage == stage }
                .max { ($0.status?.startedAt?.rfc3339 ?? "") < ($1.status?.startedAt?.rfc3339 ?? "") }
        }

        func mainHead() throws -> String {
            try fixture.onServer("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func syncs(_ app: String) -> [ArgoCDStandIn.RecordedRequest] {
            argo.requests("POST").filter { $0.path == "/api/v1/applications/\(app)/sync" }
        }
    }

    private func withSetup(_ body: (Setup) async throws -> Void) async throws {
        let fixture = try GitOpsFixture(example: Self.project)
        try await GitHostingStandIn.with(token: fixture.server.password) { hosting in
            try await ArgoCDStandIn.with { argo in
                try await body(try Setup(fixture: fixture, hosting: hosting, argo: argo))
            }
        }
    }

    @Test func prodIsReachedThroughAReviewedPullRequestAndArgoCD() async throws {
        try await withSetup { setup in
            let fixture = setup.fixture
            let freight = fixture.freight("1.1.0")
            try fixture.addFreight(freight, discoveredAt: "2026-11-23T09:00:00Z")

            // test: pushed to main, its Application patched and one sync requested; waiting.
            var run = try await setup.reconcile("2026-11-23T09:00:10Z")
            #expect(run.status == 0, "\(run.output)")
            #expect(try setup.promotion("test")?.status?.phase == .running, "\(run.output)")
            let testCommit = try setup.mainHead()
            #expect(try fixture.onServer("show", "main:env/test/kustomization.yaml").contains("newTag: 1.1.0"))
            #expect(try fixture.onServer("show", "main:env/test/RELEASE.md").contains("guestbook 1.1.0"))
            #expect(try fixture.onServer("log", "-1", "--format=%s", "main").contains("guestbook 1.1.0 to test"))
            #expect(setup.syncs("guestbook-test").count == 1)
            let patch = try #require(setup.argo.requests("PATCH").first { $0.path == "/api/v1/applications/guestbook-test" })
            #expect(patch.body.contains("localhost:5000/demo/guestbook:1.1.0"), "\(patch.body)")
            #expect(setup.argo.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(setup.argo.token)" })

            // Still syncing: the next run asks again and requests no second sync.
            run = try await setup.reconcile("2026-11-23T09:00:20Z")
            #expect(try setup.promotion("test")?.status?.phase == .running, "\(run.output)")
            #expect(setup.syncs("guestbook-test").count == 1)

            // Synced and Healthy: test succeeds, is verified by health, and uat follows.
            setup.argo.completeSync("guestbook-test", revision: testCommit)
            run = try await setup.reconcile("2026-11-23T09:00:30Z")
            #expect(run.status == 0, "\(run.output)")
            #expect(try setup.promotion("test")?.status?.phase == .succeeded, "\(run.output)")
            var state = try fixture.state()
            #expect(state.freight(in: Self.project, named: freight.metadata.name)?.status?.verifiedIn?["test"] != nil, "\(run.output)")
            #expect(state.stage(in: Self.project, named: "test")?.status.health?.status == .healthy)
            let listing = try await runCLI(["get", "stages"] + fixture.flags(), environment: fixture.environment)
            #expect(listing.stdout.split(separator: "\n").contains { $0.contains(" test ") && $0.hasSuffix("Healthy") },
                    "\(listing.output)")
            #expect(try setup.promotion("uat")?.status?.phase == .running, "\(run.output)")
            #expect(setup.syncs("guestbook-uat").count == 1)

            setup.argo.completeSync("guestbook-uat", revision: try setup.mainHead())
            run = try await setup.reconcile("2026-11-23T09:00:40Z")
            #expect(try setup.promotion("uat")?.status?.phase == .succeeded, "\(run.output)")
            state = try fixture.state()
            #expect(state.freight(in: Self.project, named: freight.metadata.name)?.status?.verifiedIn?["uat"] != nil, "\(run.output)")
            #expect(try setup.promotion("prod") == nil)

            // prod is promoted by hand: a branch, one pull request, then waiting for review.
            let promote = try await runCLI(["promote", "--project", Self.project, "--stage", "prod", "--freight", freight.metadata.name]
                                      + fixture.flags(), environment: fixture.environment)
            #expect(promote.status == 0, "\(promote.output)")
            run = try await setup.reconcile("2026-11-23T09:01:00Z")
            #expect(try setup.promotion("prod")?.status?.phase == .running, "\(run.output)")
            var pulls = setup.hosting.pullRequests(repository: "git/gitops")
            #expect(pulls.count == 1)
            let pull = try #require(pulls.first)
            #expect(pull.target == "main")
            #expect(pull.source.hasPrefix("kargo/promotion/"), "\(pull.source)")
            #expect(pull.title == "Deploy guestbook 1.1.0 to prod")
            #expect(Set(pull.labels) == ["kargo", "prod"])
            #expect(try fixture.onServer("show", "\(pull.source):env/prod/kustomization.yaml").contains("newTag: 1.1.0"))
            #expect(!(try fixture.onServer("show", "main:env/prod/kustomization.yaml").contains("newTag: 1.1.0")))

            run = try await setup.reconcile("2026-11-23T09:01:30Z")
            #expect(try setup.promotion("prod")?.status?.phase == .running)
            #expect(setup.hosting.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/pulls") }.count == 1)
            #expect(try setup.promotion("prod")?.status?.stepExecutionMetadata?.contains {
                $0.alias == "wait-for-pr" && ($0.message ?? "").contains("waiting for pull request #\(pull.number)")
            } == true, "\(run.output)")

            // Merged: prod's Application is synced to the merge commit and the promotion ends.
            let merge = try setup.hosting.merge(pull.number, repository: "git/gitops")
            run = try await setup.reconcile("2026-11-23T09:02:00Z")
            #expect(try setup.promotion("prod")?.status?.phase == .running, "\(run.output)")
            #expect(setup.syncs("guestbook-prod").count == 1)
            setup.argo.completeSync("guestbook-prod", revision: merge)
            run = try await setup.reconcile("2026-11-23T09:02:30Z")
            #expect(run.status == 0, "\(run.output)")
            #expect(try setup.promotion("prod")?.status?.phase == .succeeded, "\(run.output)")
            #expect(try fixture.onServer("show", "main:env/prod/kustomization.yaml").contains("newTag: 1.1.0"))
            pulls = setup.hosting.pullRequests(repository: "git/gitops")
            #expect(pulls.count == 1)
            #expect(setup.syncs("guestbook-prod").count == 1)

            // Nothing secret reached the state.
            let exported = try fixture.exportState()
            let files = FileManager.default.enumerator(atPath: exported.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".yaml") {
                let text = try String(contentsOf: exported.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains(fixture.server.password) && !text.contains(setup.argo.token), "\(file)")
            }
        }
    }

    @Test func aRateLimitIsRetriedAndAPullRequestClosedUnmergedFailsWithItsLink() async throws {
        try await withSetup { setup in
            let fixture = setup.fixture
            let freight = fixture.freight("1.2.0")
            try fixture.addFreight(freight, discoveredAt: "2026-11-23T09:00:00Z")
            // Skip the way up: test and uat already hold and verified the Freight.
            _ = try await setup.reconcile("2026-11-23T09:00:10Z")
            setup.argo.completeSync("guestbook-test", revision: try setup.mainHead())
            _ = try await setup.reconcile("2026-11-23T09:00:20Z")
            setup.argo.completeSync("guestbook-uat", revision: try setup.mainHead())
            _ = try await setup.reconcile("2026-11-23T09:00:30Z")
            #expect(try fixture.state().freight(in: Self.project, named: freight.metadata.name)?.status?.verifiedIn?["uat"] != nil)

            #expect(try await runCLI(["promote", "--project", Self.project, "--stage", "prod", "--freight", freight.metadata.name]
                                + fixture.flags(), environment: fixture.environment).status == 0)
            // Rate limited once: the step says when to retry, the promotion waits, nothing is lost.
            setup.hosting.failNext(429, message: "API rate limit exceeded", headers: ["Retry-After": "42"])
            var run = try await setup.reconcile("2026-11-23T09:00:50Z")
            #expect(run.status == 0, "\(run.output)")
            let limited = try #require(try setup.promotion("prod"))
            #expect(limited.status?.phase == .running)
            let openStep = limited.status?.stepExecutionMetadata?.first { $0.alias == "open-pr" }
            let limitMessage = openStep?.message ?? ""
            #expect(limitMessage.contains("attempt 1 of 3 failed, retrying on the next run"), "\(limitMessage)")
            #expect(limitMessage.contains("42"), "\(limitMessage)")
            #expect(setup.hosting.pullRequests(repository: "git/gitops").isEmpty)
            _ = try await setup.reconcile("2026-11-23T09:01:00Z")
            #expect(setup.hosting.pullRequests(repository: "git/gitops").count == 1)
            let pull = try #require(setup.hosting.pullRequests(repository: "git/gitops").first)
            setup.hosting.close(pull.number, repository: "git/gitops")
            run = try await setup.reconcile("2026-11-23T09:01:30Z")
            #expect(run.status == 1, "\(run.output)")
            let promotion = try #require(try setup.promotion("prod"))
            #expect([PromotionPhase.errored, .failed].contains(promotion.status?.phase ?? .running))
            let message = promotion.status?.message ?? ""
            #expect(message.contains("closed without being merged"), "\(message)")
            #expect(message.contains("/pull/\(pull.number)"), "\(message)")
            #expect(setup.syncs("guestbook-prod").isEmpty)
            // What test and uat hold is kept.
            let state = try fixture.state()
            #expect(state.freight(in: Self.project, named: freight.metadata.name)?.status?.currentlyIn?["uat"] != nil)
            #expect(state.freight(in: Self.project, named: freight.metadata.name)?.status?.currentlyIn?["prod"] == nil)
        }
    }

    /// What a pull request's plan shows for these steps, without calling either stand-in.
    @Test func planDiffSaysWhatItWouldDoAndCallsNothing() async throws {
        try await withSetup { setup in
            let fixture = setup.fixture
            let freight = fixture.freight("1.3.0")
            try fixture.addFreight(freight, discoveredAt: "2026-11-23T09:00:00Z")
            var plan = try await runCLI(["plan", "--offline", "--diff", "--format", "json", "--now", "2026-11-23T09:00:10Z"]
                                   + fixture.flags(), environment: fixture.environment)
            #expect(plan.status == 0, "\(plan.output)")
            #expect(try Self.summaries(plan.stdout).contains(
                "would update Application guestbook-test (image localhost:5000/demo/guestbook:1.3.0) and sync"), "\(plan.stdout)")

            // With test and uat done and prod requested, the PR steps are described.
            _ = try await setup.reconcile("2026-11-23T09:00:10Z")
            setup.argo.completeSync("guestbook-test", revision: try setup.mainHead())
            _ = try await setup.reconcile("2026-11-23T09:00:20Z")
            setup.argo.completeSync("guestbook-uat", revision: try setup.mainHead())
            _ = try await setup.reconcile("2026-11-23T09:00:30Z")
            #expect(try await runCLI(["promote", "--project", Self.project, "--stage", "prod", "--freight", freight.metadata.name]
                                + fixture.flags(), environment: fixture.environment).status == 0)
            let calls = (setup.hosting.requests.count, setup.argo.requests.count)
            let refs = try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)")
            plan = try await runCLI(["plan", "--offline", "--diff", "--format", "json", "--now", "2026-11-23T09:01:00Z"]
                               + fixture.flags(), environment: fixture.environment)
            #expect(plan.status == 0, "\(plan.output)")
            let summaries = try Self.summaries(plan.stdout)
            #expect(summaries.contains { $0.hasPrefix("would push new branch kargo/promotion/") }, "\(summaries)")
            #expect(summaries.contains { $0.hasPrefix("would open a pull request from `kargo/promotion/") && $0.contains("into `main`")
                && $0.contains("titled \"Deploy guestbook 1.3.0 to prod\"") }, "\(summaries)")
            #expect(summaries.contains { $0.hasPrefix("would wait for pull request (the one it would open)") }, "\(summaries)")
            #expect(summaries.contains("would update Application guestbook-prod and sync"), "\(summaries)")
            #expect(setup.hosting.requests.count == calls.0 && setup.argo.requests.count == calls.1)
            #expect(try fixture.onServer("for-each-ref", "--format=%(refname) %(objectname)") == refs)
        }
    }

    /// Every `writes[].summary` of a `plan --diff --format json`.
    private static func summaries(_ json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let diffs = object["diffs"] as? [[String: Any]] ?? []
        return diffs.flatMap { ($0["writes"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String } }
    }

    @Test func validateFindsEveryStepRunnable() throws {
        let result = try CLI.run(["validate", "--config", CLI.packageRoot.appendingPathComponent("fixtures/examples/kargo-advanced/kargo").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("does not run yet"), "\(result.output)")
        #expect(result.output.contains("no errors, 0 warnings") || result.output.contains("no errors, no warnings")
                || !result.output.contains("warning"), "\(result.output)")
    }
}
