import Foundation
import Pipeline
import Testing
@testable import Reconciler

/// What `reconcile --wait` waits for besides verification: a promotion stopped at a step
/// that polls a machine (an Argo CD sync, an HTTP condition), and a Stage whose Freight
/// waits on its Applications' health; not a pull request awaiting review.
@Suite struct WaitingPromotionTests {
    private func state(waitingAt uses: String, lease: Bool = false) -> (KargoConfig, PipelineState) {
        let config = ReconcilerFixtures.config(stages: ["test"])
        let freight = ReconcilerFixtures.freight("1.0.0")
        var promotion = Promotion(metadata: ObjectMeta(name: "test.1", namespace: "demo"),
                                  spec: PromotionSpec(stage: "test", freight: freight.metadata.name, steps: [
                                      PromotionStep(uses: "git-push", as: "push"), PromotionStep(uses: uses, as: "wait"),
                                  ]))
        promotion.status = PromotionStatus(phase: .running, currentStep: 1)
        if lease { promotion.lease = PromotionLease(holder: "other", expires: ReconcilerFixtures.now.adding(seconds: 600)) }
        return (config, PipelineState(freight: [freight], promotions: [promotion]))
    }

    @Test(arguments: [("argocd-update", true), ("argocd-wait", true), ("http", true), ("git-wait-for-pr", false),
                      ("git-merge-pr", false)])
    func aStepThatPollsAMachineIsWaitedFor(uses: String, waited: Bool) {
        let (config, state) = state(waitingAt: uses)
        let now = ReconcilerFixtures.now
        let due = Reconciliation.nextVerificationDue(config: config, state: state, now: now)
        #expect(due == (waited ? now.adding(seconds: Reconciliation.pollInterval) : nil))
    }

    @Test func aPromotionAnotherRunHoldsIsNotPolled() {
        let (config, state) = state(waitingAt: "argocd-update", lease: true)
        #expect(Reconciliation.nextVerificationDue(config: config, state: state, now: ReconcilerFixtures.now) == nil)
    }

    @Test func aStageAwaitingHealthIsPolled() throws {
        let config = ReconcilerFixtures.config(stages: ["test"])
        let freight = ReconcilerFixtures.freight("1.0.0")
        var record = StageState(metadata: ObjectMeta(name: "test", namespace: "demo"), status: StageStatus())
        record.status.freightHistory = [FreightCollection(id: "c1", items: [
            freight.origin.key: FreightReference(freight: freight),
        ])]
        record.status.health = Health(status: .progressing, config: StageHealthRecord.config(for: [
            HealthCheckStep(uses: "argocd-update", config: .object([:])),
        ]))
        var state = PipelineState(freight: [freight], stages: [record])
        let now = ReconcilerFixtures.now
        #expect(Reconciliation.nextVerificationDue(config: config, state: state, now: now) == now.adding(seconds: 10))
        state.updateFreight(in: "demo", named: freight.metadata.name) {
            $0.status = FreightStatus(verifiedIn: ["test": VerifiedStage(verifiedAt: now)])
        }
        #expect(Reconciliation.nextVerificationDue(config: config, state: state, now: now) == nil)
    }
}
