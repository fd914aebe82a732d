import PropertyBased
import Testing
@testable import Pipeline

/// Promotion windows in the planner: a closed window holds auto and requested promotions
/// alike, says until when, and is recorded in the Stage's status.
@Suite struct PromotionWindowPlanningTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    /// A Deny window over every Stage of `config` that is active at `now`, recurring daily.
    private func freeze(_ config: inout KargoConfig, around now: Timestamp, selector: String = "glob:*") {
        let start = now.adding(seconds: -3600)
        let end = now.adding(seconds: 3600)
        func ical(_ time: Timestamp) -> String { time.rfc3339.filter { $0.isNumber || $0 == "T" }.prefix(15) + "Z" }
        let window = PromotionWindow(name: "freeze", kind: .deny, stageSelector: PromotionPolicySelector(name: selector),
                                     rrule: "FREQ=DAILY", dtstart: ical(start), dtend: ical(end))
        if config.projectConfigs.isEmpty {
            config.projectConfigs = [ProjectConfig(metadata: ObjectMeta(name: RandomPipeline.project, namespace: RandomPipeline.project),
                                                   spec: ProjectConfigSpec())]
        }
        var spec = config.projectConfigs[0].spec ?? ProjectConfigSpec()
        spec.promotionWindows = [window]
        config.projectConfigs[0].spec = spec
    }

    @Test func aClosedWindowNeverYieldsAPromotion() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            var pipeline = RandomPipeline(seed: UInt64(seed))
            let open = Planner().plan(config: pipeline.config, state: pipeline.state, now: pipeline.now)
            freeze(&pipeline.config, around: pipeline.now)
            let plan = Planner().plan(config: pipeline.config, state: pipeline.state, now: pipeline.now)
            for (before, after) in zip(open.projects.flatMap(\.stages), plan.projects.flatMap(\.stages)) {
                #expect(after.decision != .promote && after.decision != .manual, "seed \(seed): \(after.name)")
                #expect(after.promotionWindow?.closed == true)
                if before.decision == .promote {
                    #expect(after.decision == .blocked)
                    #expect(after.reasons.first?.hasPrefix("promotion window: closed by window `freeze` until ") == true, "\(after.reasons)")
                }
            }
            var state = pipeline.state
            let claims = PromotionClaims(holder: "run", now: pipeline.now, leaseDuration: GoDuration(nanoseconds: 600_000_000_000)) {
                .success($0.spec.promotionTemplate?.spec?.steps ?? [])
            }.claim(plan, config: pipeline.config, state: &state)
            #expect(claims.isEmpty, "seed \(seed)")
        }
    }

    @Test func theStatusIsRecordedAndOnlyOnChange() throws {
        var pipeline = RandomPipeline(seed: 7)
        freeze(&pipeline.config, around: pipeline.now, selector: "s0")
        let plan = Planner().plan(config: pipeline.config, state: pipeline.state, now: pipeline.now)
        var state = pipeline.state
        #expect(PromotionWindowRecord.apply(plan, to: &state))
        let status = try #require(state.stage(in: RandomPipeline.project, named: "s0")?.status.promotionWindowStatus)
        #expect(status.closed == true)
        #expect(status.nextOpen == pipeline.now.adding(seconds: 3600))
        #expect(!PromotionWindowRecord.apply(plan, to: &state), "unchanged: nothing to write")
        let others = state.stages.filter { $0.metadata.name != "s0" }
        #expect(others.allSatisfy { $0.status.promotionWindowStatus == nil })
    }
}
