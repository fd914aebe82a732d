import Testing
@testable import Pipeline

/// Templates flattened into a run, a run's progress folded into the Stage, and the planner's
/// reading of it: verifying gates downstream Stages and queued promotions.
@Suite struct VerificationRecordTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    let origin = FreightOrigin(kind: .warehouse, name: "app")

    private func config() -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"), spec: ProjectSpec(promotionPolicies: [
            PromotionPolicy(stage: "uat", autoPromotionEnabled: true), PromotionPolicy(stage: "prod", autoPromotionEnabled: true),
        ]))]
        config.analysisTemplates = [
            AnalysisTemplate(metadata: ObjectMeta(name: "check", namespace: "demo"), spec: AnalysisTemplateSpec(
                args: [Argument(name: "url"), Argument(name: "threshold", value: "0.9")],
                metrics: [Metric(name: "ratio", interval: "30s", count: .int(3))],
                templates: [NestedAnalysisTemplateRef(templateName: "smoke")])),
            AnalysisTemplate(metadata: ObjectMeta(name: "smoke", namespace: "demo"), spec: AnalysisTemplateSpec(
                args: [Argument(name: "url")], metrics: [Metric(name: "smoke")])),
        ]
        config.stages = [
            Stage(metadata: ObjectMeta(name: "uat", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(direct: true))],
                                  verification: Verification(analysisTemplates: [AnalysisTemplateReference(name: "check")],
                                                             args: [AnalysisRunArgument(name: "url", value: "http://x")]))),
            Stage(metadata: ObjectMeta(name: "prod", namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(stages: ["uat"]))])),
        ]
        return config
    }

    private func freight() -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: "1.0.0", digest: "sha256:1")],
                              discoveredAt: now.adding(seconds: -600))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    /// uat holds the Freight, promoted successfully, verification not started.
    private func state(holding item: Freight) -> PipelineState {
        var state = PipelineState(freight: [item])
        state.updateStage(in: "demo", named: "uat") { record in
            record.status.freightHistory = [FreightCollection(
                id: FreightIdentity.collectionID([item.metadata.name]),
                items: ["Warehouse/app": FreightReference(name: item.metadata.name, origin: origin)])]
        }
        state.updateFreight(in: "demo", named: item.metadata.name) {
            $0.status = FreightStatus(currentlyIn: ["uat": CurrentStage(since: now)])
        }
        return state
    }

    private func decision(_ stage: String, _ config: KargoConfig, _ state: PipelineState, at time: Timestamp) -> StagePlan? {
        Planner().plan(config: config, state: state, now: time).projects.first?.stages.first { $0.name == stage }
    }

    @Test func templatesFlattenWithNestedTemplatesAndMergedArgs() throws {
        let config = config()
        let spec = try AnalysisTemplateFlattening(config: config, project: "demo")
            .spec(for: config.stages[0].spec.verification!, stageArgs: [Argument(name: "url", value: "http://x")])
        #expect(spec.metrics.map(\.name) == ["smoke", "ratio"])
        #expect(spec.args == [Argument(name: "url", value: "http://x"), Argument(name: "threshold", value: "0.9")])
    }

    @Test func aMissingArgumentStopsTheVerificationFromStarting() {
        let config = config()
        #expect(throws: VerificationSetupError("args.url was not resolved: give it a value in the Stage's verification args or a default in the template")) {
            try AnalysisTemplateFlattening(config: config, project: "demo").spec(for: config.stages[0].spec.verification!, stageArgs: [])
        }
    }

    @Test func aMissingTemplateIsNamed() {
        let config = config()
        #expect(throws: VerificationSetupError("AnalysisTemplate \"gone\" not found in project \"demo\"")) {
            try AnalysisTemplateFlattening(config: config, project: "demo")
                .spec(for: Verification(analysisTemplates: [AnalysisTemplateReference(name: "gone")]), stageArgs: [])
        }
    }

    @Test func verificationGatesTheDownstreamStageUntilItSucceeds() throws {
        let config = config()
        let item = freight()
        var state = state(holding: item)
        #expect(decision("uat", config, state, at: now)?.decision == .upToDate, "not started yet holds nothing back")
        #expect(decision("prod", config, state, at: now)?.decision == .blocked)

        let spec = try AnalysisTemplateFlattening(config: config, project: "demo")
            .spec(for: config.stages[0].spec.verification!, stageArgs: [Argument(name: "url", value: "http://x")])
        let info = try #require(VerificationRecord.start(.success(spec), project: "demo", stage: config.stages[0], actor: "ci",
                                                         now: now, state: &state))
        #expect(info.phase == .running)
        var run = try #require(state.analysisRun(in: "demo", named: info.analysisRun!.name!))
        #expect(run.metadata.labels?["kargo.akuity.io/stage"] == "uat")
        for second in [0.0, 30, 60] {
            let time = now.adding(seconds: second)
            for name in MetricSchedule.due(run, metrics: run.spec.metrics, now: time) {
                AnalysisAssessment.record(AnalysisMeasurement(phase: .successful, startedAt: time, finishedAt: time), for: name, in: &run)
            }
            AnalysisAssessment.assess(&run, metrics: run.spec.metrics, now: time)
            VerificationRecord.update(run, project: "demo", stage: "uat", now: time, state: &state)
            if second == 0 {
                #expect(decision("uat", config, state, at: now.adding(seconds: 5))?.reasons.first
                    == "verifying \(FreightAlias.assign([item])[item.metadata.name]!) (2 of 4 measurements, next in 25s)")
                #expect(decision("prod", config, state, at: now)?.decision != .promote)
            }
        }
        #expect(run.status?.phase == .successful)
        #expect(state.freight[0].status?.verifiedIn?["uat"]?.verifiedAt == now.adding(seconds: 60))
        let history = try #require(state.stage(in: "demo", named: "uat")?.status.freightHistory?.first?.verificationHistory)
        #expect(history.first?.phase == .successful && history.first?.finishTime == now.adding(seconds: 60))
        #expect(state.stage(in: "demo", named: "uat")?.status.conditions?.first { $0.type == "Verified" }?.status == .true)
        #expect(decision("prod", config, state, at: now.adding(seconds: 61))?.decision == .promote)
    }

    @Test func aFailedVerificationLeavesTheFreightUnverifiedAndTheStageUnhealthy() throws {
        let config = config()
        let item = freight()
        var state = state(holding: item)
        let spec = AnalysisRunSpec(metrics: [Metric(name: "ratio")])
        let info = try #require(VerificationRecord.start(.success(spec), project: "demo", stage: config.stages[0], actor: nil,
                                                         now: now, state: &state))
        var run = try #require(state.analysisRun(in: "demo", named: info.analysisRun!.name!))
        AnalysisAssessment.record(AnalysisMeasurement(phase: .failed, startedAt: now, finishedAt: now), for: "ratio", in: &run)
        AnalysisAssessment.assess(&run, metrics: run.spec.metrics, now: now)
        VerificationRecord.update(run, project: "demo", stage: "uat", now: now, state: &state)
        #expect(state.freight[0].status?.verifiedIn == nil)
        let status = try #require(state.stage(in: "demo", named: "uat")?.status)
        #expect(status.health?.status == .unhealthy)
        #expect(status.health?.issues?.first?.hasPrefix("verification failed") == true)
        let prod = decision("prod", config, state, at: now)
        #expect(prod?.decision == .blocked)
        #expect(prod?.reasons.contains { $0.contains("verification failed in uat") } == true)
    }

    @Test func aQueuedPromotionWaitsWhileVerificationRuns() throws {
        let config = config()
        var state = state(holding: freight())
        let spec = AnalysisRunSpec(metrics: [Metric(name: "ratio", interval: "1m", count: .int(2))])
        VerificationRecord.start(.success(spec), project: "demo", stage: config.stages[0], actor: nil, now: now, state: &state)
        state.promotions.append(Promotion(metadata: ObjectMeta(name: "uat.manual", namespace: "demo"),
                                          spec: PromotionSpec(stage: "uat", freight: "other")))
        let plan = try #require(decision("uat", config, state, at: now))
        #expect(plan.decision == .verifying)
        #expect(plan.reasons.last == "promotion uat.manual is queued and starts once verification ends")
    }

    @Test func abortEndsTheRunWithoutVerifying() throws {
        let config = config()
        var state = state(holding: freight())
        let spec = AnalysisRunSpec(metrics: [Metric(name: "ratio", interval: "1m", count: .int(5))])
        VerificationRecord.start(.success(spec), project: "demo", stage: config.stages[0], actor: nil, now: now, state: &state)
        #expect(VerificationRecord.abort(project: "demo", stage: "uat", actor: "alice", now: now.adding(seconds: 5), state: &state))
        let info = try #require(state.stage(in: "demo", named: "uat")?.status.freightHistory?.first?.verificationHistory?.first)
        #expect(info.phase == .aborted)
        #expect(info.message == "Verification aborted by alice")
        #expect(info.finishTime == now.adding(seconds: 5))
        #expect(state.freight[0].status?.verifiedIn == nil)
        #expect(!VerificationRecord.abort(project: "demo", stage: "uat", actor: nil, now: now, state: &state), "nothing left to abort")
    }

    @Test func aRunThatCannotStartIsRecordedAsAnError() throws {
        let config = config()
        var state = state(holding: freight())
        let info = VerificationRecord.start(.failure(VerificationSetupError("args.url was not resolved")), project: "demo",
                                            stage: config.stages[0], actor: nil, now: now, state: &state)
        #expect(info?.phase == .error)
        #expect(info?.analysisRun == nil)
        #expect(state.analysisRuns.isEmpty)
        #expect(decision("uat", config, state, at: now)?.decision != .verifying)
    }
}
