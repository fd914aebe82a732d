import Testing
@testable import Pipeline

@Suite struct ManualActionTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    let origin = FreightOrigin(kind: .warehouse, name: "app")

    private func config() -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"))]
        config.stages = [
            Stage(metadata: ObjectMeta(name: "test", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(direct: true))])),
            Stage(metadata: ObjectMeta(name: "prod", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(stages: ["test"], requiredSoakTime: "1h"))])),
        ]
        return config
    }

    private func state(verifiedInTest: Bool = true, currentlyInProd: Bool = false) -> (PipelineState, Freight) {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: "1.0.0", digest: "sha256:1")], discoveredAt: now.adding(seconds: -7200))
        freight.metadata.name = FreightIdentity.name(of: freight)
        var status = FreightStatus()
        if verifiedInTest {
            status.verifiedIn = ["test": VerifiedStage(verifiedAt: now.adding(seconds: -600))]
            status.currentlyIn = ["test": CurrentStage(since: now.adding(seconds: -600))]
        }
        if currentlyInProd { status.currentlyIn = ["prod": CurrentStage(since: now.adding(seconds: -60))] }
        freight.status = status
        return (PipelineState(freight: [freight]), freight)
    }

    private var context: ActionContext { ActionContext(project: "demo", actor: "alice", now: now) }

    @Test func promotingUnsoakedFreightIsRefusedUntilApproved() throws {
        var (state, freight) = state()
        let before = state
        #expect(throws: ManualActionError.self) {
            try ManualAction.promote(stage: "prod", freight: freight.metadata.name).apply(to: &state, config: config(), context: context)
        }
        #expect(state == before)
        _ = try ManualAction.approve(stage: "prod", freight: freight.metadata.name).apply(to: &state, config: config(), context: context)
        #expect(state.freight[0].status?.approvedFor?["prod"]?.approvedAt == now)
        let summary = try ManualAction.promote(stage: "prod", freight: FreightAlias.assign(state.freight)[freight.metadata.name]!)
            .apply(to: &state, config: config(), context: context)
        #expect(summary.contains("prod.20261123120000.\(freight.metadata.name.prefix(7))"))
        #expect(state.promotions.first?.spec.freight == freight.metadata.name)
        #expect(state.promotions.first?.metadata.annotations?["kargo.akuity.io/create-actor"] == "alice")
        #expect(state.promotions.first?.status == nil)
    }

    @Test func holdAndReleaseRecordWhoWhyAndWhen() throws {
        var (state, freight) = state(currentlyInProd: true)
        _ = try ManualAction.hold(stage: "prod", reason: "freeze").apply(to: &state, config: config(), context: context)
        let hold = try #require(state.stage(in: "demo", named: "prod")?.status.autoPromotionHolds?["Warehouse/app"])
        #expect(hold.freightName == freight.metadata.name && hold.actor == "alice" && hold.reason == "freeze" && hold.createdAt == now)
        _ = try ManualAction.release(stage: "prod").apply(to: &state, config: config(), context: context)
        #expect(state.stage(in: "demo", named: "prod")?.status.autoPromotionHolds == nil)
        #expect(throws: ManualActionError.notHeld(stage: "prod")) {
            try ManualAction.release(stage: "prod").apply(to: &state, config: config(), context: context)
        }
    }

    @Test func holdingAnEmptyStageIsRefused() {
        var (state, _) = state()
        #expect(throws: ManualActionError.nothingToHold(stage: "prod")) {
            try ManualAction.hold(stage: "prod", reason: nil).apply(to: &state, config: config(), context: context)
        }
    }

    @Test func rejectionBlocksApprovalAndIsScoped() throws {
        var (state, freight) = state()
        _ = try ManualAction.reject(freight: freight.metadata.name, stage: nil, reason: "CVE").apply(to: &state, config: config(), context: context)
        #expect(state.freight[0].status?.rejectedFor?["*"]?.reason == "CVE")
        #expect(throws: ManualActionError.rejected(freight: freight.metadata.name, stage: "prod")) {
            try ManualAction.approve(stage: "prod", freight: freight.metadata.name).apply(to: &state, config: config(), context: context)
        }
    }

    @Test(arguments: [
        (ManualAction.promote(stage: "nope", freight: "x"), "Stage `nope` not found in Project `demo`; Stages: test, prod"),
        (ManualAction.approve(stage: "prod", freight: "missing"), "no Freight named or aliased `missing` in Project `demo`"),
        (ManualAction.release(stage: "uat"), "Stage `uat` not found"),
    ])
    func mistakesAreRefusedWithAReason(action: ManualAction, message: String) {
        var (state, _) = state()
        do {
            _ = try action.apply(to: &state, config: config(), context: context)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
