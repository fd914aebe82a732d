import ArgoCD
import Foundation
import HTTPSupport
import Pipeline
import Steps
import Testing
import TestSupport

/// `argocd-update`, `argocd-wait` and the Stage health check against the Argo CD stand-in,
/// each run of a step being one `freightline reconcile`.
@Suite struct ArgoCDStepTests {
    static let git = "https://github.com/acme/gitops.git"
    static let transport = URLSessionTransport()

    static func context(_ standIn: ArgoCDStandIn, token: String? = nil, promotion: String = "p1") -> StepContext {
        StepContext(project: "demo", stage: "test", promotion: promotion,
                    workDirectory: WorkDirectory(root: NSTemporaryDirectory()),
                    now: Timestamp(rfc3339: "2026-11-23T12:00:00Z")!,
                    argoCD: access(standIn, token: token))
    }

    static func access(_ standIn: ArgoCDStandIn, token: String? = nil) -> ArgoCDAccess {
        ArgoCDAccess(server: URL(string: standIn.serverURL)!, token: token ?? standIn.token)
    }

    static func seed(_ standIn: ArgoCDStandIn, name: String = "web", namespace: String = "argocd",
                     authorizedStage: String? = "demo:test", labels: [String: String] = [:],
                     images: [String] = ["ghcr.io/acme/web:1.0"], health: String = "Healthy") throws {
        let annotations = authorizedStage.map { #"{"kargo.akuity.io/authorized-stage": "\#($0)"}"# } ?? "{}"
        let labelText = labels.map { #""\#($0.key)": "\#($0.value)""# }.joined(separator: ", ")
        let imageText = images.map { "\"\($0)\"" }.joined(separator: ", ")
        try standIn.seed("""
        {"metadata": {"name": "\(name)", "namespace": "\(namespace)", "annotations": \(annotations),
                      "labels": {\(labelText)}},
         "spec": {"project": "default", "destination": {"server": "https://kubernetes.default.svc", "namespace": "web"},
                  "source": {"repoURL": "\(git)", "path": "envs/test", "targetRevision": "main",
                             "kustomize": {"images": [\(imageText)]}},
                  "syncPolicy": {"syncOptions": ["CreateNamespace=true"]}},
         "status": {"health": {"status": "\(health)"}, "sync": {"status": "OutOfSync", "revision": "0ld"}}}
        """)
    }

    static func updateConfig(name: String = "web", tag: String = "1.1", desiredRevision: String = "c0ffee") throws -> JSONValue {
        try ApplicationFixture.json("""
        {"apps": [{"name": "\(name)", "sources": [{"repoURL": "\(git)", "desiredRevision": "\(desiredRevision)",
                    "kustomize": {"images": [{"repoURL": "ghcr.io/acme/web", "tag": "\(tag)"}]}}]}]}
        """)
    }

    static func stored(_ standIn: ArgoCDStandIn, _ name: String = "web") throws -> Application {
        Application(try ApplicationFixture.json(try #require(standIn.application(name))))
    }

    /// Runs `body`, returning the step error it threw (nil if none).
    static func stepError(_ body: () async throws -> StepResult) async -> StepError? {
        do { _ = try await body() } catch { return error as? StepError }
        return nil
    }

    // MARK: argocd-update

    @Test func updateSetsTheImageAndSyncsOnceAcrossThreeRuns() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let step = ArgoCDUpdateStep(transport: Self.transport)
            let config = try Self.updateConfig()
            let context = Self.context(standIn)

            let first = try await step.run(config: config, context: context)
            #expect(first.status == .running)
            #expect(first.message == "requested a sync of Application argocd/web; waiting for it to finish syncing")
            #expect(first.healthCheck == nil)
            let patched = try Self.stored(standIn)
            #expect(patched.spec?["source"]?["kustomize"]?["images"] == .array([.string("ghcr.io/acme/web:1.1")]))
            #expect(patched.spec?["source"]?["path"]?.stringValue == "envs/test")
            #expect(patched.spec?["syncPolicy"]?["syncOptions"] == .array([.string("CreateNamespace=true")]))
            #expect(patched.operationState?.phase == "Running")

            let patch = try #require(standIn.requests("PATCH").first)
            #expect(patch.path == "/api/v1/applications/web")
            let patchBody = try ApplicationFixture.json(patch.body)
            #expect(patchBody["patchType"]?.stringValue == "merge")
            #expect(patchBody["appNamespace"]?.stringValue == "argocd")
            let mergePatch = try ApplicationFixture.json(try #require(patchBody["patch"]?.stringValue))
            #expect(mergePatch["spec"]?["source"]?["kustomize"]?["images"] == .array([.string("ghcr.io/acme/web:1.1")]))
            let sync = try #require(standIn.requests("POST").first)
            #expect(sync.path == "/api/v1/applications/web/sync")
            let syncBody = try ApplicationFixture.json(sync.body)
            #expect(syncBody["prune"] == .bool(false))
            #expect(syncBody["appNamespace"]?.stringValue == "argocd")
            #expect(syncBody["infos"]?.arrayValue?.last == .object(["name": .string("Promotion"), "value": .string("p1")]))
            #expect(syncBody["infos"]?.arrayValue?.first?["name"]?.stringValue == "Reason")

            let second = try await step.run(config: config, context: context)
            #expect(second.status == .running)
            #expect(second.message == "waiting for Application argocd/web to finish syncing")

            standIn.completeSync("web", revision: "c0ffee")
            let third = try await step.run(config: config, context: context)
            #expect(third.status == .succeeded)
            #expect(third.output["apps"] == .array([.object(["name": .string("web"), "namespace": .string("argocd")])]))
            let check = try #require(third.healthCheck)
            #expect(check.uses == "argocd-update")
            #expect(check.config == (try ApplicationFixture.json("""
            {"apps": [{"name": "web", "namespace": "argocd",
                       "sources": [{"repoURL": "\(Self.git)", "desiredRevision": "c0ffee"}]}]}
            """)))

            #expect(standIn.requests("PATCH").count == 1)
            #expect(standIn.requests("POST").count == 1)
            #expect(standIn.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(standIn.token)" })
            #expect(standIn.requests("GET").allSatisfy { $0.query["appNamespace"] == "argocd" })
        }
    }

    @Test func anUnchangedSpecIsSyncedWithoutAPatch() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, images: ["ghcr.io/acme/web:1.1"])
            let result = try await ArgoCDUpdateStep(transport: Self.transport).run(config: try Self.updateConfig(),
                                                                                   context: Self.context(standIn))
            #expect(result.status == .running)
            #expect(standIn.requests("PATCH").isEmpty)
            #expect(standIn.requests("POST").count == 1)
        }
    }

    @Test func anUnauthorizedApplicationIsNeitherPatchedNorSynced() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, authorizedStage: "demo:prod")
            let error = await Self.stepError {
                try await ArgoCDUpdateStep(transport: Self.transport).run(config: try! Self.updateConfig(),
                                                                          context: Self.context(standIn))
            }
            #expect(error?.isRetryable == false)
            #expect(error?.description == "argocd-update: Application argocd/web does not authorize Stage demo:test to "
                + "update it: its `kargo.akuity.io/authorized-stage` annotation is `demo:prod`; set it to "
                + "`demo:prod,demo:test` to authorize this Stage too")
            #expect(standIn.requests.map(\.method) == ["GET"])
        }
    }

    @Test func aFailedSyncFailsTheStepWithArgoCDsMessage() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let step = ArgoCDUpdateStep(transport: Self.transport)
            let config = try Self.updateConfig()
            #expect(try await step.run(config: config, context: Self.context(standIn)).status == .running)
            standIn.completeSync("web", phase: .failed, revision: "c0ffee",
                                 message: "one or more synchronization tasks completed unsuccessfully")
            let error = await Self.stepError { try await step.run(config: config, context: Self.context(standIn)) }
            #expect(error == .terminal("argocd-update: the sync of Application argocd/web ended in Failed: "
                + "one or more synchronization tasks completed unsuccessfully"))
            #expect(standIn.requests("POST").count == 1)
        }
    }

    @Test func aNewPromotionSyncsAgainAfterAnEarlierOnesSync() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let step = ArgoCDUpdateStep(transport: Self.transport)
            _ = try await step.run(config: try Self.updateConfig(), context: Self.context(standIn, promotion: "p1"))
            standIn.completeSync("web", revision: "c0ffee")
            let next = try await step.run(config: try Self.updateConfig(tag: "1.2", desiredRevision: "d00d"),
                                          context: Self.context(standIn, promotion: "p2"))
            #expect(next.status == .running)
            #expect(standIn.requests("POST").count == 2)
            let infos = try ApplicationFixture.json(standIn.requests("POST")[1].body)["infos"]
            #expect(infos?.arrayValue?.last?["value"]?.stringValue == "p2")
        }
    }

    @Test func aSelectorUpdatesOnlyTheApplicationsThatAuthorizeTheStage() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, name: "web-a", labels: ["team": "platform", "env": "test"])
            try Self.seed(standIn, name: "web-b", authorizedStage: "demo:uat", labels: ["team": "platform", "env": "test"])
            try Self.seed(standIn, name: "web-c", labels: ["team": "platform", "env": "prod"])
            let config = try ApplicationFixture.json("""
            {"apps": [{"selector": {"matchLabels": {"team": "platform"},
                                    "matchExpressions": [{"key": "env", "operator": "In", "values": ["test"]}]},
                       "sources": [{"repoURL": "\(Self.git)", "kustomize": {"images": [{"repoURL": "ghcr.io/acme/web", "tag": "2.0"}]}}]}]}
            """)
            let result = try await ArgoCDUpdateStep(transport: Self.transport).run(config: config, context: Self.context(standIn))
            #expect(result.status == .running)
            #expect(result.output["apps"] == .array([.object(["name": .string("web-a"), "namespace": .string("argocd")])]))
            let list = try #require(standIn.requests("GET").first)
            #expect(list.path == "/api/v1/applications")
            #expect(list.query["selector"] == "env in (test),team=platform")
            #expect(standIn.requests("PATCH").map(\.path) == ["/api/v1/applications/web-a"])
            #expect(standIn.requests("POST").map(\.path) == ["/api/v1/applications/web-a/sync"])
        }
    }

    @Test func aSelectorUpdateThatDoesNotFitEveryApplicationChangesNone() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, name: "web-a", labels: ["team": "platform"])
            try standIn.seed("""
            {"metadata": {"name": "web-b", "namespace": "argocd", "labels": {"team": "platform"},
                          "annotations": {"kargo.akuity.io/authorized-stage": "demo:test"}},
             "spec": {"source": {"repoURL": "https://github.com/acme/elsewhere.git", "targetRevision": "main"}}}
            """)
            let config = try ApplicationFixture.json("""
            {"apps": [{"selector": {"matchLabels": {"team": "platform"}},
                       "sources": [{"repoURL": "\(Self.git)", "desiredRevision": "abc", "updateTargetRevision": true}]}]}
            """)
            let error = await Self.stepError {
                try await ArgoCDUpdateStep(transport: Self.transport).run(config: config, context: Self.context(standIn))
            }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("no source of Application argocd/web-b matches repoURL \(Self.git)") == true)
            #expect(error?.description.hasSuffix("no Application was updated") == true)
            #expect(standIn.requests.map(\.method) == ["GET"])
        }
    }

    @Test func withoutAServerTheStepSaysHowToConfigureOne() async throws {
        let context = StepContext(project: "demo", stage: "test", promotion: "p1",
                                  workDirectory: WorkDirectory(root: NSTemporaryDirectory()),
                                  now: Timestamp(rfc3339: "2026-11-23T12:00:00Z")!)
        let config = try Self.updateConfig()
        for step in [ArgoCDUpdateStep(transport: Self.transport) as any PromotionStepRunner,
                     ArgoCDWaitStep(transport: Self.transport)] {
            let error = await Self.stepError { try await step.run(config: config, context: context) }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("freightline.dev/cred-type: argocd") == true)
            #expect(error?.description.contains("FREIGHTLINE_ARGOCD_SERVER") == true)
        }
    }

    @Test func plainHTTPIsRefusedBeyondLoopback() async throws {
        var context = StepContext(project: "demo", stage: "test", promotion: "p1",
                                  workDirectory: WorkDirectory(root: NSTemporaryDirectory()),
                                  now: Timestamp(rfc3339: "2026-11-23T12:00:00Z")!)
        context.argoCD = ArgoCDAccess(server: URL(string: "http://argocd.example.com")!, token: "s3cret-token")
        let error = await Self.stepError {
            try await ArgoCDUpdateStep(transport: Self.transport).run(config: try! Self.updateConfig(), context: context)
        }
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains("must be an https URL") == true)
        #expect(error?.description.contains("s3cret-token") == false)
    }

    // MARK: server failures

    struct FaultCase: CustomTestStringConvertible, Sendable {
        var fault: ArgoCDStandIn.Fault
        var retryable: Bool
        var mentions: String
        var testDescription: String { "\(fault)" }
    }

    @Test(arguments: [
        FaultCase(fault: .unauthorized, retryable: false, mentions: "Argo CD rejected the token (HTTP 401"),
        FaultCase(fault: .notFound, retryable: false, mentions: "Application argocd/web not found"),
        FaultCase(fault: .throttled(retryAfterSeconds: 17), retryable: true, mentions: "retry after 17 seconds"),
        FaultCase(fault: .serverError, retryable: true, mentions: "Argo CD failed (HTTP 500"),
    ])
    func serverFailures(_ example: FaultCase) async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            standIn.failNext(example.fault)
            let error = await Self.stepError {
                try await ArgoCDUpdateStep(transport: Self.transport).run(config: try! Self.updateConfig(),
                                                                          context: Self.context(standIn))
            }
            let found = try #require(error)
            #expect(found.isRetryable == example.retryable)
            #expect(found.description.contains(example.mentions))
            #expect(!found.description.contains(standIn.token))
            #expect(standIn.requests("PATCH").isEmpty)
        }
    }

    @Test func theTokenNeverAppearsInMessagesOrOutputs() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let update = ArgoCDUpdateStep(transport: Self.transport)
            let wait = ArgoCDWaitStep(transport: Self.transport)
            let config = try Self.updateConfig()
            var texts: [String] = []
            func record(_ result: StepResult) {
                texts.append(result.message ?? "")
                texts.append(ArgoCDClientText.of(.object(result.output)))
                texts.append(result.healthCheck?.config.map(ArgoCDClientText.of) ?? "")
            }
            // A wrong token: the server's refusal must not echo it either.
            let wrong = "wrong-\(standIn.token)"
            let refused = await Self.stepError { try await update.run(config: config, context: Self.context(standIn, token: wrong)) }
            texts.append(refused?.description ?? "")
            record(try await update.run(config: config, context: Self.context(standIn)))
            record(try await update.run(config: config, context: Self.context(standIn)))
            standIn.completeSync("web", revision: "c0ffee")
            record(try await update.run(config: config, context: Self.context(standIn)))
            record(try await wait.run(config: try ApplicationFixture.json(#"{"apps": [{"name": "web"}]}"#),
                                      context: Self.context(standIn)))
            let health = await ArgoCDHealthCheck.evaluate(config: try Self.healthConfig(), access: Self.access(standIn, token: wrong),
                                                          transport: Self.transport)
            texts += health.issues + [ArgoCDClientText.of(health.output)]
            #expect(refused?.description.contains("Argo CD rejected the token") == true)
            #expect(texts.count > 10)
            #expect(texts.allSatisfy { !$0.contains(standIn.token) })
        }
    }

    // MARK: argocd-wait

    @Test func waitIsRunningUntilTheApplicationIsHealthyAndSynced() async throws {
        try await ArgoCDStandIn.with { standIn in
            try standIn.seed("""
            {"metadata": {"name": "web", "namespace": "apps"},
             "spec": {"source": {"repoURL": "\(Self.git)", "targetRevision": "main"}},
             "status": {"health": {"status": "Progressing"}, "sync": {"status": "Synced", "revision": "abc"}}}
            """)
            let step = ArgoCDWaitStep(transport: Self.transport)
            let config = try ApplicationFixture.json(#"{"apps": [{"name": "web", "namespace": "apps"}]}"#)
            let first = try await step.run(config: config, context: Self.context(standIn))
            #expect(first.status == .running)
            #expect(first.message == "waiting: Application apps/web: health is Progressing (waiting for Healthy)")
            standIn.setHealth("web", namespace: "apps", status: "Healthy")
            let second = try await step.run(config: config, context: Self.context(standIn))
            #expect(second.status == .succeeded)
            #expect(second.output["apps"] == .array([.object(["name": .string("web"), "namespace": .string("apps"),
                                                              "health": .string("Healthy")])]))
            #expect(second.healthCheck == nil)
            #expect(standIn.requests.allSatisfy { $0.method == "GET" })
        }
    }

    @Test func waitNeedsNoAuthorizationButFailsWhenAnApplicationTurnsDegraded() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, authorizedStage: nil, labels: ["team": "platform"], health: "Progressing")
            let config = try ApplicationFixture.json(#"{"apps": [{"selector": {"matchLabels": {"team": "platform"}}, "waitFor": ["health"]}]}"#)
            let step = ArgoCDWaitStep(transport: Self.transport)
            let first = try await step.run(config: config, context: Self.context(standIn))
            #expect(first.status == .running)
            #expect(first.output["apps"] == .array([.object(["name": .string("web"), "namespace": .string("argocd"),
                                                             "health": .string("Progressing")])]))
            // The next run remembers what this one saw: Progressing → Degraded fails.
            standIn.setHealth("web", status: "Degraded", message: "Back-off pulling image")
            var later = Self.context(standIn)
            later.previousOutput = first.output
            let error = await Self.stepError { try await step.run(config: config, context: later) }
            #expect(error == .terminal("argocd-wait: Application argocd/web turned Degraded (was Progressing): Back-off pulling image"))
            // Degraded from its first look is waited for, as it may still recover.
            let fresh = try await step.run(config: config, context: Self.context(standIn))
            #expect(fresh.status == .running)
            let degraded = try ApplicationFixture.json(#"{"apps": [{"name": "web", "waitFor": ["health", "degraded"]}]}"#)
            let result = try await ArgoCDWaitStep(transport: Self.transport).run(config: degraded, context: Self.context(standIn))
            #expect(result.status == .succeeded)
        }
    }

    @Test func waitWithASelectorMatchingNothingFails() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn, labels: ["team": "platform"])
            let config = try ApplicationFixture.json(#"{"apps": [{"selector": {"matchLabels": {"team": "apps"}}}]}"#)
            let error = await Self.stepError {
                try await ArgoCDWaitStep(transport: Self.transport).run(config: config, context: Self.context(standIn))
            }
            #expect(error == .terminal("argocd-wait: no Application in namespace argocd matches the selector `team=apps`"))
        }
    }

    // MARK: health check

    static func healthConfig(revision: String = "c0ffee") throws -> JSONValue {
        try ApplicationFixture.json("""
        {"apps": [{"name": "web", "namespace": "argocd", "sources": [{"repoURL": "\(git)", "desiredRevision": "\(revision)"}]}]}
        """)
    }

    @Test func healthCheckFollowsTheApplication() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let step = ArgoCDUpdateStep(transport: Self.transport)
            _ = try await step.run(config: try Self.updateConfig(), context: Self.context(standIn))
            standIn.completeSync("web", revision: "c0ffee")
            let registered = try #require(try await step.run(config: try Self.updateConfig(), context: Self.context(standIn))
                .healthCheck?.config)
            let access = Self.access(standIn)

            let healthy = await ArgoCDHealthCheck.evaluate(config: registered, access: access, transport: Self.transport)
            #expect(healthy.status == .healthy)
            #expect(healthy.issues.isEmpty)
            let status = healthy.output["applicationStatuses"]?.arrayValue?.first
            #expect(status?["health"]?["status"]?.stringValue == "Healthy")
            #expect(status?["sync"] == .object(["status": .string("Synced"), "revision": .string("c0ffee")]))

            standIn.setHealth("web", status: "Progressing", message: "Waiting for rollout to finish")
            let progressing = await ArgoCDHealthCheck.evaluate(config: registered, access: access, transport: Self.transport)
            #expect(progressing.status == .progressing)
            #expect(progressing.issues == ["Application argocd/web is Progressing: Waiting for rollout to finish"])

            standIn.setHealth("web", status: "Degraded", message: "Back-off pulling image")
            let degraded = await ArgoCDHealthCheck.evaluate(config: registered, access: access, transport: Self.transport)
            #expect(degraded.status == .unhealthy)
            #expect(degraded.issues == ["Application argocd/web is Degraded: Back-off pulling image"])

            standIn.setHealth("web", status: "Healthy")
            let stale = await ArgoCDHealthCheck.evaluate(config: try Self.healthConfig(revision: "newer"), access: access,
                                                         transport: Self.transport)
            #expect(stale.status == .unhealthy)
            #expect(stale.issues == ["Application argocd/web is not synced to newer (at c0ffee)"])
        }
    }

    @Test func healthCheckIsUnknownWhenArgoCDCannotBeAsked() async throws {
        try await ArgoCDStandIn.with { standIn in
            try Self.seed(standIn)
            let rejected = await ArgoCDHealthCheck.evaluate(config: try Self.healthConfig(),
                                                            access: Self.access(standIn, token: "not-the-token"),
                                                            transport: Self.transport)
            #expect(rejected.status == .unknown)
            #expect(rejected.issues.first?.hasPrefix("Argo CD rejected the token (HTTP 401") == true)
            let missing = await ArgoCDHealthCheck.evaluate(
                config: try ApplicationFixture.json(#"{"apps": [{"name": "gone"}]}"#), access: Self.access(standIn),
                transport: Self.transport)
            #expect(missing.status == .unknown)
            #expect(missing.issues == ["Application argocd/gone not found on the Argo CD server"])
            let malformed = await ArgoCDHealthCheck.evaluate(config: .string("x"), access: Self.access(standIn),
                                                             transport: Self.transport)
            #expect(malformed.status == .unknown)
        }
    }

    @Test func healthAssessedBeforeTheLastSyncIsRefreshedFirst() async throws {
        try await ArgoCDStandIn.with { standIn in
            try standIn.seed("""
            {"metadata": {"name": "web", "namespace": "argocd"},
             "spec": {"source": {"repoURL": "\(Self.git)", "targetRevision": "main"}},
             "status": {"health": {"status": "Healthy"}, "sync": {"status": "Synced", "revision": "c0ffee"},
                        "reconciledAt": "2026-11-23T11:00:00Z",
                        "operationState": {"phase": "Succeeded", "finishedAt": "2026-11-23T11:30:00Z",
                                           "syncResult": {"revision": "c0ffee"}, "operation": {"sync": {}}}}}
            """)
            let result = await ArgoCDHealthCheck.evaluate(config: try Self.healthConfig(), access: Self.access(standIn),
                                                          transport: Self.transport)
            #expect(result.status == .healthy)
            #expect(standIn.requests.map { $0.query["refresh"] } == [nil, "hard"])
        }
    }
}

/// JSON text of a value, for scanning outputs for secrets.
enum ArgoCDClientText {
    static func of(_ value: JSONValue) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }
}
