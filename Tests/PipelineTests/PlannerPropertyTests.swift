import PropertyBased
import Testing
@testable import Pipeline

@Suite struct PlannerPropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    @Test func planDoesNotDependOnTheOrderStateWasRead() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            let pipeline = RandomPipeline(seed: UInt64(seed))
            var shuffled = pipeline.state
            var random = SplitMix64(seed: UInt64(seed) &+ 1)
            shuffled.freight.shuffle(using: &random)
            shuffled.stages.shuffle(using: &random)
            let first = Planner().plan(config: pipeline.config, state: pipeline.state, now: pipeline.now)
            let second = Planner().plan(config: pipeline.config, state: shuffled, now: pipeline.now)
            #expect(first == second, "seed \(seed)")
        }
    }

    @Test func aStageNeverGetsFreightItsOriginsCannotDeliver() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            let pipeline = RandomPipeline(seed: UInt64(seed))
            let plan = Planner().plan(config: pipeline.config, state: pipeline.state, now: pipeline.now)
            for stagePlan in plan.projects.flatMap(\.stages) where stagePlan.decision == .promote || stagePlan.decision == .manual {
                let stage = pipeline.config.stages.first { $0.metadata.name == stagePlan.name }!
                for label in stagePlan.promotions {
                    let freight = pipeline.state.freight.first { $0.metadata.name == label.freight }!
                    let request = stage.spec.requestedFreight?.first { $0.origin == freight.origin }
                    #expect(request != nil, "seed \(seed): \(stagePlan.name) offered \(label.origin)")
                    guard let request else { continue }
                    let status = freight.status
                    #expect(status?.rejectedFor?[stage.metadata.name] == nil && status?.rejectedFor?["*"] == nil,
                            "seed \(seed): rejected Freight offered to \(stagePlan.name)")
                    let approved = status?.approvedFor?[stage.metadata.name] != nil
                    let direct = request.sources?.direct == true
                    let upstreams = request.sources?.stages ?? []
                    let verifiedUpstream = upstreams.contains { status?.verifiedIn?[$0] != nil }
                    #expect(approved || direct || verifiedUpstream,
                            "seed \(seed): \(label.freight) offered to \(stagePlan.name) without approval, direct source or upstream verification")
                    if request.sources?.availabilityStrategy == .all && !approved && !direct {
                        #expect(upstreams.allSatisfy { status?.verifiedIn?[$0] != nil }, "seed \(seed): All not honoured")
                    }
                }
            }
        }
    }

    @Test func soakNeverShrinksAsTimeGoesForward() async {
        await propertyCheck(count: 300, input: Self.seeds, Gen.int(in: 0...100_000)) { seed, step in
            let pipeline = RandomPipeline(seed: UInt64(seed))
            let later = pipeline.now.adding(seconds: Double(step))
            for freight in pipeline.state.freight {
                for stage in pipeline.config.stages.map(\.metadata.name) {
                    let before = Availability.longestSoak(freight, in: stage, now: pipeline.now)
                    let after = Availability.longestSoak(freight, in: stage, now: later)
                    #expect(after >= before, "seed \(seed): soak in \(stage) went from \(before) to \(after)")
                }
            }
        }
    }

    @Test func availabilityOnlyGrowsAsTimeGoesForward() async {
        await propertyCheck(count: 200, input: Self.seeds, Gen.int(in: 0...100_000)) { seed, step in
            let pipeline = RandomPipeline(seed: UInt64(seed))
            let later = pipeline.now.adding(seconds: Double(step))
            let snapshot = ProjectSnapshot(project: RandomPipeline.project, config: pipeline.config, state: pipeline.state)
            for stage in pipeline.config.stages {
                for request in stage.spec.requestedFreight ?? [] {
                    for freight in pipeline.state.freight where freight.origin == request.origin {
                        let before = Availability.evaluate(freight, for: request, stage: stage.metadata.name, snapshot: snapshot, now: pipeline.now)
                        let after = Availability.evaluate(freight, for: request, stage: stage.metadata.name, snapshot: snapshot, now: later)
                        #expect(!before.available || after.available, "seed \(seed): \(freight.metadata.name) lost availability in \(stage.metadata.name)")
                    }
                }
            }
        }
    }
}
