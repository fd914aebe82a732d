import Pipeline
import Testing
@testable import Verification

/// A Stage's verification `args` are evaluated like Kargo's: `${{ }}` over `ctx`, the
/// Stage's `vars` and the Freight the Stage holds, then merged into the templates' args.
struct VerificationArgumentsTests {
    let origin = FreightOrigin(kind: .warehouse, name: "guestbook")

    private func setUp(args: [AnalysisRunArgument]) -> (KargoConfig, PipelineState, Stage) {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              commits: [GitCommit(repoURL: "https://git.example.com/app.git", id: "abc123", message: "fix")],
                              images: [Image(repoURL: "ghcr.io/x/guestbook", tag: "1.4.0", digest: "sha256:1")])
        freight.metadata.name = FreightIdentity.name(of: freight)
        let stage = Stage(metadata: ObjectMeta(name: "uat", namespace: "demo"), spec: StageSpec(
            vars: [PromotionVariable(name: "host", value: "${{ ctx.stage }}.example.com")],
            requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(direct: true))],
            verification: Verification(analysisTemplates: [AnalysisTemplateReference(name: "check")], args: args)))
        var config = KargoConfig()
        config.stages = [stage]
        config.analysisTemplates = [AnalysisTemplate(metadata: ObjectMeta(name: "check", namespace: "demo"), spec: AnalysisTemplateSpec(
            args: [Argument(name: "tag"), Argument(name: "commit"), Argument(name: "url"), Argument(name: "replicas", value: "1")],
            metrics: [Metric(name: "m")]))]
        var state = PipelineState(freight: [freight])
        state.updateStage(in: "demo", named: "uat") { record in
            record.status.freightHistory = [FreightCollection(id: "c", items: [
                origin.key: FreightReference(name: freight.metadata.name, origin: origin),
            ])]
        }
        return (config, state, stage)
    }

    @Test func argumentsSeeTheStagesFreightAndVars() throws {
        let (config, state, stage) = setUp(args: [
            AnalysisRunArgument(name: "tag", value: "${{ imageFrom(\"ghcr.io/x/guestbook\").Tag }}"),
            AnalysisRunArgument(name: "commit", value: "${{ commitFrom(\"https://git.example.com/app.git\").ID }}"),
            AnalysisRunArgument(name: "url", value: "https://${{ vars.host }}/healthz"),
            AnalysisRunArgument(name: "replicas", value: "${{ 1 + 2 }}"),
        ])
        let verifier = Verifier(provider: MetricProviders(transport: RecordingTransport(), environment: [:]),
                                clock: { Timestamp(secondsSinceEpoch: 0) })
        let spec = try verifier.spec(for: stage, project: "demo", config: config, state: state).get()
        #expect(spec.args == [
            Argument(name: "tag", value: "1.4.0"), Argument(name: "commit", value: "abc123"),
            Argument(name: "url", value: "https://uat.example.com/healthz"), Argument(name: "replicas", value: "3"),
        ])
    }

    @Test func aFailingExpressionNamesTheArgument() {
        let (config, state, stage) = setUp(args: [AnalysisRunArgument(name: "tag", value: "${{ imageFrom(\"ghcr.io/x/other\").Tag }}")])
        let verifier = Verifier(provider: MetricProviders(transport: RecordingTransport(), environment: [:]),
                                clock: { Timestamp(secondsSinceEpoch: 0) })
        guard case .failure(let problem) = verifier.spec(for: stage, project: "demo", config: config, state: state) else {
            Issue.record("expected the spec to fail")
            return
        }
        #expect(problem.message.hasPrefix("verification args.tag: "), "\(problem.message)")
    }
}
