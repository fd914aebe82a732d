import ArgoCD
import Testing

/// How `argocd-update` reads an Application to know whether its own sync is requested,
/// running, done or failed.
@Suite struct SyncProgressTests {
    typealias Operation = ApplicationFixture.Operation

    struct ProgressCase: CustomTestStringConvertible, Sendable {
        var name: String
        var operation: Operation?
        var pendingPromotion: String? = nil
        var desired: [String?] = ["abc"]
        var expected: SyncProgress
        var testDescription: String { name }
    }

    @Test(arguments: [
        ProgressCase(name: "never synced", operation: nil,
                     expected: .needsSync(reason: "it has no operation yet")),
        ProgressCase(name: "our sync requested, not started", operation: nil, pendingPromotion: "p1",
                     expected: .syncing(phase: "Pending")),
        ProgressCase(name: "our sync running", operation: Operation(phase: "Running", promotion: "p1"),
                     expected: .syncing(phase: "Running")),
        ProgressCase(name: "our sync terminating", operation: Operation(phase: "Terminating", promotion: "p1"),
                     expected: .syncing(phase: "Terminating")),
        ProgressCase(name: "our sync succeeded on the desired revision",
                     operation: Operation(phase: "Succeeded", promotion: "p1", revisions: ["abc"]), expected: .succeeded),
        ProgressCase(name: "our sync succeeded, no revision wanted",
                     operation: Operation(phase: "Succeeded", promotion: "p1", revisions: ["zzz"]), desired: [nil],
                     expected: .succeeded),
        ProgressCase(name: "our sync succeeded on another revision",
                     operation: Operation(phase: "Succeeded", promotion: "p1", revisions: ["old"]),
                     expected: .needsSync(reason: "our sync applied revision old to source 0, not abc")),
        ProgressCase(name: "our sync failed",
                     operation: Operation(phase: "Failed", promotion: "p1", message: "one or more objects failed to apply"),
                     expected: .failed(phase: "Failed", message: "one or more objects failed to apply")),
        ProgressCase(name: "our sync errored", operation: Operation(phase: "Error", promotion: "p1"),
                     expected: .failed(phase: "Error", message: "no message")),
        ProgressCase(name: "an earlier promotion's finished sync",
                     operation: Operation(phase: "Succeeded", promotion: "p0", revisions: ["abc"]),
                     expected: .needsSync(reason: "its latest operation was not requested by this promotion")),
        ProgressCase(name: "someone else's running sync", operation: Operation(phase: "Running", promotion: nil),
                     expected: .waitingForOtherOperation(
                         "waiting for the operation on Application argocd/guestbook started by admin (Running) to finish before syncing it")),
        ProgressCase(name: "another promotion's requested sync", operation: nil, pendingPromotion: "p0",
                     expected: .waitingForOtherOperation(
                         "waiting for the operation on Application argocd/guestbook started for Promotion p0 (requested) to finish before syncing it")),
    ])
    func progress(_ example: ProgressCase) {
        let app = ApplicationFixture.application(operation: example.operation, pendingPromotion: example.pendingPromotion)
        #expect(SyncProgress.of(app, promotion: "p1", desiredRevisions: example.desired) == example.expected)
    }

    @Test func kargosOwnPromotionInfoIsRecognisedToo() throws {
        let json = """
        {"metadata": {"name": "web", "namespace": "argocd"}, "spec": {"source": {"repoURL": "https://x"}},
         "status": {"operationState": {"phase": "Running",
           "operation": {"info": [{"name": "kargo.akuity.io/promotion", "value": "p1"}]}}}}
        """
        let app = Application(try ApplicationFixture.json(json))
        #expect(SyncProgress.of(app, promotion: "p1", desiredRevisions: [nil]) == .syncing(phase: "Running"))
    }
}
