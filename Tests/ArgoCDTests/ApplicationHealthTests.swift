import ArgoCD
import Pipeline
import Testing

/// Stage health from an Application's status, and `argocd-wait`'s conditions.
@Suite struct ApplicationHealthTests {
    typealias Operation = ApplicationFixture.Operation
    static let finished = Operation(phase: "Succeeded", promotion: "p1", revisions: ["abc"],
                                    finishedAt: "2026-11-23T12:00:05Z")

    struct HealthCase: CustomTestStringConvertible, Sendable {
        var name: String
        var health: String? = "Healthy"
        var message: String? = nil
        var syncRevisions: [String]? = ["abc"]
        var operation: Operation? = ApplicationHealthTests.finished
        var pendingPromotion: String? = nil
        var reconciledAt: String? = "2026-11-23T12:00:05Z"
        var conditions: [Condition] = []
        var desired: [String?] = ["abc"]
        var expected: HealthState
        var issues: [String] = []
        var testDescription: String { name }
    }

    struct Condition: Sendable {
        var type: String
        var message: String
    }

    @Test(arguments: [
        HealthCase(name: "healthy and synced to the desired revision", expected: .healthy),
        HealthCase(name: "healthy, nothing desired", syncRevisions: ["other"], desired: [nil], expected: .healthy),
        HealthCase(name: "degraded", health: "Degraded", message: "Deployment web exceeded its progress deadline",
                   expected: .unhealthy,
                   issues: ["Application argocd/guestbook is Degraded: Deployment web exceeded its progress deadline"]),
        HealthCase(name: "missing", health: "Missing", expected: .unhealthy, issues: ["Application argocd/guestbook is Missing"]),
        HealthCase(name: "progressing", health: "Progressing", expected: .progressing,
                   issues: ["Application argocd/guestbook is Progressing"]),
        HealthCase(name: "suspended counts as progressing", health: "Suspended", expected: .progressing,
                   issues: ["Application argocd/guestbook is Suspended"]),
        HealthCase(name: "no health yet", health: nil, expected: .progressing, issues: ["Application argocd/guestbook is Progressing"]),
        HealthCase(name: "synced to another revision", syncRevisions: ["def"], expected: .unhealthy,
                   issues: ["Application argocd/guestbook is not synced to abc (at def)"]),
        HealthCase(name: "a sync is running", operation: Operation(phase: "Running", promotion: "p2"), reconciledAt: nil,
                   expected: .unknown, issues: ["Application argocd/guestbook is being synced"]),
        HealthCase(name: "a sync is requested", pendingPromotion: "p2", expected: .unknown,
                   issues: ["Application argocd/guestbook is being synced"]),
        HealthCase(name: "health predates the last operation", reconciledAt: "2026-11-23T12:00:01Z", expected: .unknown,
                   issues: ["Application argocd/guestbook has not been reassessed since its latest operation finished; its health is not trusted yet"]),
        HealthCase(name: "comparison error", conditions: [Condition(type: "ComparisonError", message: "rpc error: repo not found")],
                   expected: .unhealthy,
                   issues: ["Application argocd/guestbook has condition ComparisonError: rpc error: repo not found"]),
        HealthCase(name: "warnings do not count", conditions: [Condition(type: "SyncError", message: "x")], expected: .healthy),
    ])
    func assess(_ example: HealthCase) {
        let app = ApplicationFixture.application(
            health: example.health, healthMessage: example.message, syncRevisions: example.syncRevisions,
            operation: example.operation, pendingPromotion: example.pendingPromotion, reconciledAt: example.reconciledAt,
            conditions: example.conditions.map { ($0.type, $0.message) })
        let health = ApplicationHealth.assess(app, desiredRevisions: example.desired)
        #expect(health.state == example.expected)
        #expect(health.issues == example.issues)
    }

    @Test func multiSourceRevisionsAreComparedPerSource() {
        let app = ApplicationFixture.application(
            sources: [ApplicationFixture.source("https://a"), ApplicationFixture.source("https://b")],
            syncRevisions: ["a1", "b1"],
            operation: Operation(phase: "Succeeded", promotion: "p1", revisions: ["a1", "b1"], finishedAt: "2026-11-23T12:00:05Z"),
            reconciledAt: "2026-11-23T12:00:06Z")
        #expect(ApplicationHealth.assess(app, desiredRevisions: ["a1", nil]).state == .healthy)
        let wrong = ApplicationHealth.assess(app, desiredRevisions: [nil, "b2"])
        #expect(wrong.state == .unhealthy)
        #expect(wrong.issues == ["source 1 of Application argocd/guestbook is not synced to b2 (at b1)"])
    }

    @Test func theMostSevereStateWinsAndIssuesAddUp() {
        let parts = [
            ApplicationHealth(state: .healthy),
            ApplicationHealth(state: .progressing, issues: ["a"]),
            ApplicationHealth(state: .unhealthy, issues: ["b"]),
            ApplicationHealth(state: .unknown, issues: ["c"]),
        ]
        #expect(ApplicationHealth.combined(parts) == ApplicationHealth(state: .unhealthy, issues: ["a", "b", "c"]))
        #expect(ApplicationHealth.combined(Array(parts.prefix(2))).state == .progressing)
        #expect(ApplicationHealth.combined([]) == ApplicationHealth(state: .healthy))
    }

    // MARK: argocd-wait

    typealias Wait = ApplicationHealth.WaitCondition

    struct WaitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var waitFor: [Wait] = []
        var health: String = "Healthy"
        var syncStatus: String = "Synced"
        var operation: Operation? = ApplicationHealthTests.finished
        var pendingPromotion: String? = nil
        var conditions: [Condition] = []
        /// The health an earlier look of the step saw.
        var previous: String? = nil
        var expected: ApplicationHealth.WaitOutcome
        var testDescription: String { name }
    }

    @Test(arguments: [
        WaitCase(name: "defaults met", expected: .ready),
        WaitCase(name: "defaults, progressing", health: "Progressing",
                 expected: .waiting("Application argocd/guestbook: health is Progressing (waiting for Healthy)")),
        WaitCase(name: "defaults, out of sync", syncStatus: "OutOfSync",
                 expected: .waiting("Application argocd/guestbook: sync status is OutOfSync (waiting for Synced)")),
        WaitCase(name: "defaults, operation running", operation: Operation(phase: "Running", promotion: nil),
                 expected: .waiting("Application argocd/guestbook: an operation is Running")),
        WaitCase(name: "defaults, operation requested", pendingPromotion: "p1",
                 expected: .waiting("Application argocd/guestbook: an operation is requested")),
        WaitCase(name: "turned degraded while waiting for health", health: "Degraded", previous: "Progressing",
                 expected: .failed("Application argocd/guestbook turned Degraded (was Progressing)")),
        WaitCase(name: "degraded at first sight may recover", health: "Degraded",
                 expected: .waiting("Application argocd/guestbook: health is Degraded (waiting for Healthy)")),
        WaitCase(name: "degraded since before", health: "Degraded", previous: "Degraded",
                 expected: .waiting("Application argocd/guestbook: health is Degraded (waiting for Healthy)")),
        WaitCase(name: "degraded after unknown", health: "Degraded", previous: "Unknown",
                 expected: .waiting("Application argocd/guestbook: health is Degraded (waiting for Healthy)")),
        WaitCase(name: "degraded is what is awaited", waitFor: [.degraded], health: "Degraded", expected: .ready),
        WaitCase(name: "health or degraded", waitFor: [.health, .degraded], health: "Degraded", expected: .ready),
        WaitCase(name: "suspended awaited", waitFor: [.suspended], health: "Suspended", syncStatus: "OutOfSync", expected: .ready),
        WaitCase(name: "suspended awaited, still healthy", waitFor: [.suspended],
                 expected: .waiting("Application argocd/guestbook: health is Healthy (waiting for Suspended)")),
        WaitCase(name: "operation only ignores health and sync", waitFor: [.operation], health: "Progressing",
                 syncStatus: "OutOfSync", expected: .ready),
        WaitCase(name: "sync only ignores a running operation", waitFor: [.sync], operation: Operation(phase: "Running", promotion: nil),
                 expected: .ready),
        WaitCase(name: "an error condition fails at once", conditions: [Condition(type: "InvalidSpecError", message: "bad path")],
                 expected: .failed("Application argocd/guestbook has condition InvalidSpecError: bad path")),
    ])
    func wait(_ example: WaitCase) {
        let app = ApplicationFixture.application(
            health: example.health, syncStatus: example.syncStatus, syncRevisions: ["abc"], operation: example.operation,
            pendingPromotion: example.pendingPromotion, reconciledAt: "2026-11-23T12:00:05Z",
            conditions: example.conditions.map { ($0.type, $0.message) })
        #expect(ApplicationHealth.wait(for: example.waitFor, on: app, previousHealth: example.previous) == example.expected)
    }

    @Test func healthIsNotTrustedBeforeItIsReassessed() {
        let app = ApplicationFixture.application(operation: Self.finished, reconciledAt: "2026-11-23T12:00:00Z")
        #expect(app.healthPredatesLastOperation)
        #expect(ApplicationHealth.wait(for: [.health], on: app)
            == .waiting("Application argocd/guestbook: its health has not been reassessed since its latest operation finished"))
        #expect(ApplicationHealth.wait(for: [.sync], on: app) == .ready)
    }
}
