import Testing
@testable import Pipeline

/// Claims and records, the pure half of a reconcile run: what becomes a Running Promotion,
/// who may resume it, and what a result changes in the state.
@Suite struct PromotionLifecycleTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    let origin = FreightOrigin(kind: .warehouse, name: "app")
    let tenMinutes = GoDuration(nanoseconds: 600_000_000_000)

    private func config(uatVerification: Bool = false) -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"), spec: ProjectSpec(promotionPolicies: [
            PromotionPolicy(stage: "test", autoPromotionEnabled: true),
            PromotionPolicy(stage: "uat", autoPromotionEnabled: true),
        ]))]
        let step = PromotionStep(uses: "file-write", config: .object(["path": .string("out.txt"), "contents": .string("x")]))
        config.stages = [
            Stage(metadata: ObjectMeta(name: "test", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(direct: true))],
                                  promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(steps: [step])))),
            Stage(metadata: ObjectMeta(name: "uat", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(stages: ["test"]))],
                                  promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(steps: [step])),
                                  verification: uatVerification ? Verification(analysisTemplates: [AnalysisTemplateReference(name: "check")]) : nil)),
        ]
        return config
    }

    private func freight(_ tag: String, minutesAgo: Double) -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: tag, digest: "sha256:\(tag)")],
                              discoveredAt: now.adding(seconds: -minutesAgo * 60))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    private var claimer: PromotionClaims {
        PromotionClaims(holder: "run-a", now: now, leaseDuration: tenMinutes) { stage in
            .success(stage.spec.promotionTemplate?.spec?.steps ?? [])
        }
    }

    @Test func autoPromotionBecomesARunningLeasedPromotion() throws {
        let config = config()
        var state = PipelineState(freight: [freight("1.0.0", minutesAgo: 5)])
        let plan = Planner().plan(config: config, state: state, now: now)
        let claims = claimer.claim(plan, config: config, state: &state)
        #expect(claims.map(\.stage) == ["test"])
        let promotion = try #require(state.promotions.first)
        #expect(promotion.status?.phase == .running)
        #expect(promotion.status?.startedAt == now)
        #expect(promotion.lease == PromotionLease(holder: "run-a", expires: now.adding(seconds: 600)))
        #expect(promotion.spec.steps?.first?.uses == "file-write")
        #expect(promotion.metadata.annotations?[PromotionNaming.actorAnnotation] == PromotionClaims.autoPromotionActor)
        // The next plan sees it running, and a second claimer does not take it.
        let again = Planner().plan(config: config, state: state, now: now)
        #expect(again.projects[0].stages.first { $0.name == "test" }?.decision == .promoting)
        var copy = state
        #expect(PromotionClaims(holder: "run-b", now: now.adding(seconds: 60), leaseDuration: tenMinutes) { _ in .success([]) }
            .claim(again, config: config, state: &copy).isEmpty)
        #expect(copy == state)
    }

    @Test func anExpiredLeaseIsResumedByAnotherRun() throws {
        let config = config()
        var state = PipelineState(freight: [freight("1.0.0", minutesAgo: 5)])
        _ = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        let later = now.adding(seconds: 601)
        let other = PromotionClaims(holder: "run-b", now: later, leaseDuration: tenMinutes) { _ in .success([]) }
        let claims = other.claim(Planner().plan(config: config, state: state, now: later), config: config, state: &state)
        #expect(claims.count == 1 && claims[0].resumed)
        #expect(state.promotions.count == 1)
        #expect(state.promotions[0].lease?.holder == "run-b")
    }

    @Test func aPromotionThisRunLeftWaitingIsLeftForTheNextRun() throws {
        let config = config()
        var state = PipelineState(freight: [freight("1.0.0", minutesAgo: 5)])
        let claims = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        let name = try #require(claims.first?.promotion)
        state.promotions[0].lease = nil  // what recording a waiting step leaves
        let plan = Planner().plan(config: config, state: state, now: now)
        var copy = state
        #expect(claimer.claim(plan, config: config, state: &copy, waited: ["demo/\(name)"]).isEmpty)
        #expect(copy == state)
        #expect(claimer.claim(plan, config: config, state: &copy).map(\.promotion) == [name])
    }

    @Test func aQueuedManualRequestIsClaimedRatherThanDuplicated() throws {
        let config = config()
        let item = freight("1.0.0", minutesAgo: 5)
        var state = PipelineState(freight: [item])
        _ = try ManualAction.promote(stage: "test", freight: item.metadata.name)
            .apply(to: &state, config: config, context: ActionContext(project: "demo", actor: "alice", now: now.adding(seconds: -30)))
        let claims = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        #expect(claims.count == 1)
        #expect(state.promotions.count == 1)
        #expect(state.promotions[0].metadata.annotations?[PromotionNaming.actorAnnotation] == "alice")
        #expect(state.promotions[0].status?.phase == .running)
    }

    @Test func stepsThatCannotBeBuiltErrorThePromotionWithoutClaimingIt() throws {
        let config = config()
        var state = PipelineState(freight: [freight("1.0.0", minutesAgo: 5)])
        let failing = PromotionClaims(holder: "run-a", now: now, leaseDuration: tenMinutes) { _ in
            .failure(PromotionSetupError("task `deploy` not found"))
        }
        #expect(failing.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state).isEmpty)
        #expect(state.promotions.first?.status?.phase == .errored)
        #expect(state.promotions.first?.status?.message == "task `deploy` not found")
        // …and auto-promotion does not retry it forever.
        var again = state
        #expect(failing.claim(Planner().plan(config: config, state: again, now: now), config: config, state: &again).isEmpty)
        #expect(again == state)
    }

    @Test(arguments: [false, true])
    func successMovesFreightInAndVerifiesOnlyWithoutVerification(uatVerification: Bool) throws {
        let config = config(uatVerification: uatVerification)
        let old = freight("1.0.0", minutesAgo: 120)
        let new = freight("1.1.0", minutesAgo: 5)
        var state = PipelineState(freight: [old, new])
        for stage in ["test", "uat"] {
            state.updateFreight(in: "demo", named: old.metadata.name) { item in
                var status = item.status ?? FreightStatus()
                status.currentlyIn = (status.currentlyIn ?? [:]).merging([stage: CurrentStage(since: now.adding(seconds: -3600))]) { $1 }
                status.verifiedIn = (status.verifiedIn ?? [:]).merging([stage: VerifiedStage(verifiedAt: now.adding(seconds: -3600))]) { $1 }
                item.status = status
            }
        }
        state.updateFreight(in: "demo", named: new.metadata.name) { item in
            item.status = FreightStatus(currentlyIn: ["test": CurrentStage(since: now.adding(seconds: -60))],
                                        verifiedIn: ["test": VerifiedStage(verifiedAt: now.adding(seconds: -60))])
        }
        let claims = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        #expect(claims.map(\.stage) == ["uat"])
        var status = try #require(state.promotions.first?.status)
        status.phase = .succeeded
        let recorded = PromotionRecord.apply(
            PromotionResult(status: status, stageMetadata: ["uat": ["owner": .string("team-a")]],
                            freightAliases: [new.metadata.name: "shiny-otter"]),
            promotion: claims[0].promotion, project: "demo", config: config, state: &state, now: now)
        #expect(recorded)
        let movedIn = try #require(state.freight(in: "demo", named: new.metadata.name))
        let movedOut = try #require(state.freight(in: "demo", named: old.metadata.name))
        #expect(movedIn.status?.currentlyIn?["uat"]?.since == now)
        #expect((movedIn.status?.verifiedIn?["uat"] != nil) == !uatVerification)
        #expect(movedIn.alias == "shiny-otter")
        #expect(movedOut.status?.currentlyIn?["uat"] == nil)
        #expect(movedOut.status?.currentlyIn?["test"] != nil)
        #expect(movedOut.status?.verifiedIn?["uat"]?.longestSoak == "1h0m0s")
        let stage = try #require(state.stage(in: "demo", named: "uat"))
        #expect(stage.status.freightHistory?.first?.items?["Warehouse/app"]?.name == new.metadata.name)
        #expect(stage.status.metadata?["owner"] == .string("team-a"))
        #expect(stage.status.lastPromotion?.name == claims[0].promotion)
        let promotion = try #require(state.promotions.first)
        #expect(promotion.lease == nil)
        #expect(promotion.status?.finishedAt == now)
        #expect(promotion.status?.freightCollection?.id == stage.status.freightHistory?.first?.id)
    }

    @Test func failureLeavesTheStageWhereItWas() throws {
        let config = config()
        var state = PipelineState(freight: [freight("1.0.0", minutesAgo: 5)])
        let claims = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        var status = try #require(state.promotions.first?.status)
        status.phase = .failed
        status.message = "step `write` failed: disk full"
        PromotionRecord.apply(PromotionResult(status: status), promotion: claims[0].promotion, project: "demo",
                              config: config, state: &state, now: now)
        #expect(state.freight[0].status?.currentlyIn == nil)
        #expect(state.stage(in: "demo", named: "test")?.status.freightHistory == nil)
        #expect(state.stage(in: "demo", named: "test")?.status.lastPromotion?.status?.phase == .failed)
        let plan = Planner().plan(config: config, state: state, now: now.adding(seconds: 60))
        #expect(plan.projects[0].stages.first { $0.name == "test" }?.decision != .promote)
    }
}
