import Foundation
import Pipeline
import TestSupport
import Testing

/// Verification end to end: the bundled example's uat Stage verifies with a `web` check and a
/// Prometheus query (its AnalysisTemplate, pointed at a real Prometheus and a real HTTP
/// server), the built binary runs it across reconciles, and production waits for it.
@Suite(.enabled(if: GitServerAvailability.available && PrometheusAvailability.available,
                "needs the Git server and Prometheus (scripts/install-deps.sh); CI=true fails instead"))
struct VerificationCommandTests {
    /// The example with its template aimed at `prometheus` (and its exporter's folder as the
    /// web server), uat's health document set to `status`, and Freight 1.1.0 waiting.
    private func setUp(_ prometheus: PrometheusServer, status: String = "ok",
                       rewrites: [String: String] = [:]) throws -> (GitOpsFixture, Freight) {
        let folder = URL(fileURLWithPath: prometheus.metricsFile).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("uat"), withIntermediateDirectories: true)
        try Data(#"{"status":"\#(status)"}"#.utf8).write(to: folder.appendingPathComponent("uat/healthz"))
        let fixture = try GitOpsFixture(rewrites: rewrites.merging([
            "http://localhost:8081": prometheus.exporterURL, "http://localhost:9090": prometheus.url,
        ]) { first, _ in first })
        let freight = fixture.freight("1.1.0")
        try fixture.addFreight(freight, discoveredAt: "2026-11-23T09:00:00Z")
        return (fixture, freight)
    }

    private func reconcile(_ fixture: GitOpsFixture, now: String, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["reconcile"] + fixture.flags() + ["--now", now] + extra, environment: fixture.environment)
    }

    private func plan(_ fixture: GitOpsFixture, now: String) throws -> CLIResult {
        try CLI.run(["plan", "--offline", "--format", "json"] + fixture.flags() + ["--now", now], environment: fixture.environment)
    }

    private func reasons(_ plan: CLIResult, stage: String) throws -> (decision: String, reasons: [String]) {
        let json = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any]
        let stages = ((json?["projects"] as? [[String: Any]])?.first?["stages"] as? [[String: Any]]) ?? []
        let entry = try #require(stages.first { $0["name"] as? String == stage })
        return (entry["decision"] as? String ?? "", entry["reasons"] as? [String] ?? [])
    }

    @Test func verificationIsResumedAcrossThreeReconcilesThenGatesProduction() throws {
        let prometheus = try PrometheusServer()
        let (fixture, freight) = try setUp(prometheus)

        let first = try reconcile(fixture, now: "2026-11-23T09:00:00Z")
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("2 promoted, 0 failed"))
        #expect(first.stdout.contains("2 of 5 measurements, next in 30s"), "\(first.stdout)")
        var state = try fixture.state()
        let run = try #require(state.analysisRuns.first)
        #expect(run.metadata.labels?["kargo.akuity.io/stage"] == "uat")
        #expect(run.spec.args?.first { $0.name == "stage" }?.value == "uat")
        #expect(state.freight(in: "kargo-demo", named: freight.metadata.name)?.status?.verifiedIn?["uat"] == nil)

        let waiting = try plan(fixture, now: "2026-11-23T09:00:10Z")
        let uat = try reasons(waiting, stage: "uat")
        #expect(uat.decision == "verifying")
        #expect(uat.reasons.first?.hasSuffix("(2 of 5 measurements, next in 20s)") == true, "\(uat.reasons)")
        #expect(try reasons(waiting, stage: "prod-us").reasons.contains { $0.contains("verifying in uat") })

        let second = try reconcile(fixture, now: "2026-11-23T09:00:30Z")
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout.contains("3 of 5 measurements, next in 30s"), "\(second.stdout)")

        let third = try reconcile(fixture, now: "2026-11-23T09:01:00Z")
        #expect(third.status == 0, "\(third.output)")
        #expect(third.stdout.contains("Successful"), "\(third.stdout)")
        state = try fixture.state()
        #expect(state.freight(in: "kargo-demo", named: freight.metadata.name)?.status?.verifiedIn?["uat"]?.verifiedAt
            == Timestamp(rfc3339: "2026-11-23T09:01:00Z"))
        let finished = try #require(state.analysisRuns.first)
        #expect(finished.status?.phase == .successful)
        #expect(finished.status?.metricResults?.map { $0.count } == [3, 2])
        let info = state.stage(in: "kargo-demo", named: "uat")?.status.freightHistory?.first?.verificationHistory?.first
        #expect(info?.phase == .successful && info?.analysisRun?.name == finished.metadata.name)

        // The state ref tells the story, one commit per step.
        let log = try fixture.onServer("log", "--format=%s|%(trailers:key=Freightline-Reason,valueonly,separator=)", "freightline/state")
        #expect(log.contains("Verified uat ← "), "\(log)")
        #expect(log.contains("|verification successful"))
        #expect(log.contains("Started verifying uat ← "))

        // Production now waits only for its soak in uat.
        let prod = try reasons(try plan(fixture, now: "2026-11-23T09:30:00Z"), stage: "prod-us")
        #expect(prod.reasons.contains { $0.contains("soak") && !$0.contains("not verified") }, "\(prod.reasons)")
    }

    @Test func aFailingCheckFailsVerificationAndProductionSaysWhy() throws {
        let prometheus = try PrometheusServer()
        let (fixture, freight) = try setUp(prometheus, status: "down")
        #expect(try reconcile(fixture, now: "2026-11-23T09:00:00Z").status == 0, "one failure is within failureLimit 1")
        let failed = try reconcile(fixture, now: "2026-11-23T09:00:30Z")
        #expect(failed.status == 1, "\(failed.output)")
        #expect(failed.stdout.contains("Failed"))
        #expect(failed.stdout.contains("failed (2) > failureLimit (1)"), "\(failed.stdout)")
        let state = try fixture.state()
        #expect(state.freight(in: "kargo-demo", named: freight.metadata.name)?.status?.verifiedIn?["uat"] == nil)
        #expect(state.stage(in: "kargo-demo", named: "uat")?.status.health?.status == .unhealthy)
        let prod = try reasons(try plan(fixture, now: "2026-11-23T09:05:00Z"), stage: "prod-us")
        #expect(prod.decision == "blocked")
        #expect(prod.reasons.contains { $0.contains("verification failed in uat") }, "\(prod.reasons)")
        // Nothing more is measured for a finished run.
        let tip = try fixture.onServer("rev-parse", "freightline/state")
        #expect(try reconcile(fixture, now: "2026-11-23T09:04:00Z").status == 0)
        #expect(try fixture.onServer("rev-parse", "freightline/state") == tip)
    }

    @Test func verifyAbortsAndStartsAgain() throws {
        let prometheus = try PrometheusServer()
        let (fixture, freight) = try setUp(prometheus)
        #expect(try reconcile(fixture, now: "2026-11-23T09:00:00Z").status == 0)
        let flags = fixture.flags()

        let refused = try CLI.run(["verify", "--stage", "uat"] + flags + ["--now", "2026-11-23T09:00:05Z"], environment: fixture.environment)
        #expect(refused.status == 2 && refused.stderr.contains("still running"), "\(refused.output)")

        let abort = try CLI.run(["verify", "--stage", "uat", "--abort", "--actor", "alice"] + flags + ["--now", "2026-11-23T09:00:10Z"],
                                environment: fixture.environment)
        #expect(abort.status == 0, "\(abort.output)")
        #expect(abort.stdout.contains("verification aborted — Verification aborted by alice"), "\(abort.stdout)")
        var state = try fixture.state()
        #expect(state.stage(in: "kargo-demo", named: "uat")?.status.freightHistory?.first?.verificationHistory?.first?.phase == .aborted)
        #expect(state.freight(in: "kargo-demo", named: freight.metadata.name)?.status?.verifiedIn?["uat"] == nil)
        #expect(try fixture.onServer("log", "-1", "--format=%(trailers:key=Freightline-Actor,valueonly)", "freightline/state")
            .contains("alice"))

        let again = try CLI.run(["verify", "--stage", "uat"] + flags + ["--now", "2026-11-23T09:05:00Z"], environment: fixture.environment)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.contains("verification running — 2 of 5 measurements, next in 30s"), "\(again.stdout)")
        state = try fixture.state()
        let history = state.stage(in: "kargo-demo", named: "uat")?.status.freightHistory?.first?.verificationHistory ?? []
        #expect(history.map { $0.phase } == [.running, .aborted])
        #expect(state.analysisRuns.count == 2)
    }

    @Test func waitKeepsTheRunGoingUntilVerificationEnds() throws {
        let prometheus = try PrometheusServer()
        let (fixture, freight) = try setUp(prometheus, rewrites: ["interval: 30s": "interval: 1s", "interval: 1m": "interval: 2s"])
        let result = try reconcile(fixture, now: "2026-11-23T09:00:00Z", ["--wait", "--max-duration", "2m"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("waiting"))
        let state = try fixture.state()
        #expect(state.freight(in: "kargo-demo", named: freight.metadata.name)?.status?.verifiedIn?["uat"] != nil)
        #expect(state.analysisRuns.first?.status?.phase == .successful)
    }
}
