import Testing
@testable import Pipeline

/// Health checks a promotion registers (argocd-update's) and the verification they stand
/// in for: a Stage without verification verifies its Freight on the first Healthy check,
/// not when the promotion ends; a Stage with verification keeps verifying through it.
@Suite struct StageHealthRecordTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    let origin = FreightOrigin(kind: .warehouse, name: "app")
    let check = HealthCheckStep(uses: "argocd-update", config: .object(["apps": .array([
        .object(["name": .string("demo-uat"), "namespace": .string("argocd")]),
    ])]))

    private func config(verification: Bool) -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"), spec: ProjectSpec(promotionPolicies: [
            PromotionPolicy(stage: "uat", autoPromotionEnabled: true),
            PromotionPolicy(stage: "prod", autoPromotionEnabled: true),
        ]))]
        let step = PromotionStep(uses: "argocd-update", config: .object([:]))
        func stage(_ name: String, _ sources: FreightSources, verifies: Bool = false) -> Stage {
            Stage(metadata: ObjectMeta(name: name, namespace: "demo"),
                  spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: sources)],
                                  promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(steps: [step])),
                                  verification: verifies ? Verification(analysisTemplates: [AnalysisTemplateReference(name: "check")]) : nil))
        }
        config.stages = [stage("uat", FreightSources(direct: true), verifies: verification),
                         stage("prod", FreightSources(stages: ["uat"]))]
        return config
    }

    private func freight() -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: "1.0.0", digest: "sha256:1")],
                              discoveredAt: now.adding(seconds: -600))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    /// A state where uat's promotion of the Freight just succeeded with `checks` registered.
    private func promoted(_ config: KargoConfig, checks: [HealthCheckStep]) throws -> (PipelineState, Freight) {
        let item = freight()
        var state = PipelineState(freight: [item])
        let claimer = PromotionClaims(holder: "run", now: now, leaseDuration: GoDuration(nanoseconds: 600_000_000_000)) { stage in
            .success(stage.spec.promotionTemplate?.spec?.steps ?? [])
        }
        let claims = claimer.claim(Planner().plan(config: config, state: state, now: now), config: config, state: &state)
        #expect(claims.map(\.stage) == ["uat"])
        var status = try #require(state.promotions.first?.status)
        status.phase = .succeeded
        status.healthChecks = checks.isEmpty ? nil : checks
        PromotionRecord.apply(PromotionResult(status: status), promotion: claims[0].promotion, project: "demo",
                              config: config, state: &state, now: now)
        return (state, item)
    }

    @Test func withoutChecksASuccessfulPromotionVerifiesAtOnce() throws {
        let (state, item) = try promoted(config(verification: false), checks: [])
        #expect(state.freight(in: "demo", named: item.metadata.name)?.status?.verifiedIn?["uat"] != nil)
        #expect(state.stage(in: "demo", named: "uat")?.status.health == nil)
    }

    @Test func withChecksTheFreightWaitsForTheFirstHealthyReport() throws {
        let config = config(verification: false)
        var (state, item) = try promoted(config, checks: [check])
        #expect(state.freight(in: "demo", named: item.metadata.name)?.status?.verifiedIn?["uat"] == nil)
        let record = try #require(state.stage(in: "demo", named: "uat"))
        #expect(StageHealthRecord.checks(of: record) == [check])
        #expect(record.status.health?.status == .unknown)

        // prod sees why it waits; uat's own plan says what it waits on.
        var plan = Planner().plan(config: config, state: state, now: now)
        let prod = try #require(plan.projects[0].stages.first { $0.name == "prod" })
        #expect(prod.decision == .blocked)
        #expect(prod.reasons.contains { $0.contains("not verified in uat: waiting for its health checks to report Healthy") }, "\(prod.reasons)")
        let uat = try #require(plan.projects[0].stages.first { $0.name == "uat" })
        #expect(uat.reasons.contains { $0.hasPrefix("not verified until its health checks report Healthy") }, "\(uat.reasons)")

        let due = StageHealthRecord.due(config: config, state: state) { _, _ in true }
        #expect(due.map(\.stage) == ["uat"])
        let stage = try #require(config.stages.first { $0.metadata.name == "uat" })
        let progressing = HealthCheckOutcome(status: .progressing, issues: ["Application argocd/demo-uat is Progressing"])
        #expect(StageHealthRecord.apply(progressing, project: "demo", stage: stage, now: now, state: &state).isEmpty)
        #expect(state.stage(in: "demo", named: "uat")?.status.health?.issues == ["Application argocd/demo-uat is Progressing"])
        #expect(state.freight(in: "demo", named: item.metadata.name)?.status?.verifiedIn?["uat"] == nil)

        let later = now.adding(seconds: 60)
        let verified = StageHealthRecord.apply(HealthCheckOutcome(status: .healthy), project: "demo", stage: stage,
                                               now: later, state: &state)
        #expect(verified == [item.metadata.name])
        #expect(state.freight(in: "demo", named: item.metadata.name)?.status?.verifiedIn?["uat"]?.verifiedAt == later)
        #expect(state.stage(in: "demo", named: "uat")?.status.health?.status == .healthy)
        #expect(state.stage(in: "demo", named: "uat")?.status.health?.issues == nil)
        plan = Planner().plan(config: config, state: state, now: later)
        #expect(plan.projects[0].stages.first { $0.name == "prod" }?.decision == .promote)
        // Healthy again later changes nothing more.
        let before = state
        #expect(StageHealthRecord.apply(HealthCheckOutcome(status: .healthy), project: "demo", stage: stage,
                                        now: later.adding(seconds: 60), state: &state).isEmpty)
        #expect(state == before)
    }

    @Test func aStageWithVerificationIsNotVerifiedByHealth() throws {
        let config = config(verification: true)
        var (state, item) = try promoted(config, checks: [check])
        let stage = try #require(config.stages.first { $0.metadata.name == "uat" })
        #expect(StageHealthRecord.apply(HealthCheckOutcome(status: .healthy), project: "demo", stage: stage, now: now,
                                        state: &state).isEmpty)
        #expect(state.freight(in: "demo", named: item.metadata.name)?.status?.verifiedIn?["uat"] == nil)
        #expect(state.stage(in: "demo", named: "uat")?.status.health?.status == .healthy)
    }

    @Test func aRunningPromotionHoldsTheChecksBack() throws {
        let config = config(verification: false)
        var (state, _) = try promoted(config, checks: [check])
        state.promotions[0].status?.phase = .running
        #expect(StageHealthRecord.due(config: config, state: state) { _, _ in true }.isEmpty)
    }

    @Test func theWorstOutcomeWins() {
        let outcomes = [HealthCheckOutcome(status: .healthy), HealthCheckOutcome(status: .progressing, issues: ["a"]),
                        HealthCheckOutcome(status: .unhealthy, issues: ["b"])]
        #expect(HealthCheckOutcome.combined(outcomes) == HealthCheckOutcome(status: .unhealthy, issues: ["a", "b"]))
        #expect(HealthCheckOutcome.combined(Array(outcomes.prefix(2))).status == .progressing)
        #expect(HealthCheckOutcome.combined([]).status == .notApplicable)
    }
}
