import Foundation
import HTTPSupport
import Pipeline
import TestSupport
import Testing
@testable import Verification

/// A verification run advanced one reconcile at a time, with `now` moving, against a real
/// Prometheus and a real HTTP server: measurements, conditions and limits together.
@Suite(.enabled(if: PrometheusAvailability.available,
                "needs prometheus and nginx (scripts/install-deps.sh); CI=true fails instead"))
struct VerifierTests {
    let start = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!

    private func verifier(secrets: [String: [String: String]] = [:]) -> Verifier {
        Verifier(provider: MetricProviders(transport: URLSessionTransport(), environment: [:]), secrets: secrets,
                 clock: { Timestamp(rfc3339: "2026-11-23T12:00:00Z")! })
    }

    private func run(_ metrics: [Metric], args: [Argument]? = nil) -> AnalysisRun {
        AnalysisRun(metadata: ObjectMeta(name: "uat.test", namespace: "demo"),
                    spec: AnalysisRunSpec(metrics: metrics, args: args),
                    status: AnalysisRunStatus(phase: .running, startedAt: start))
    }

    /// Serves `document` at `<exporter>/<path>` (the exporter is nginx serving a folder).
    private func serve(_ document: String, at path: String, on prometheus: PrometheusServer) throws -> String {
        let folder = URL(fileURLWithPath: prometheus.metricsFile).deletingLastPathComponent()
        let file = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(document.utf8).write(to: file)
        return prometheus.exporterURL + "/" + path
    }

    @Test func aRunResumedOverThreeReconcilesSucceeds() async throws {
        let prometheus = try PrometheusServer()
        try await prometheus.publish(["demo_error_ratio{stage=\"uat\"}": 0.01])
        let health = try serve(#"{"status":"ok"}"#, at: "uat/healthz", on: prometheus)
        var analysis = run([
            Metric(name: "responds", interval: "30s", count: .int(3), successCondition: "result == \"ok\"", failureLimit: .int(1),
                   provider: MetricProvider(web: WebMetric(url: health.replacingOccurrences(of: "/uat/", with: "/{{args.stage}}/"),
                                                           jsonPath: "{$.status}"))),
            Metric(name: "error-rate", interval: "1m", count: .int(2), successCondition: "result[0] < 0.05 && len(result) == 1",
                   provider: MetricProvider(prometheus: PrometheusMetric(
                       address: prometheus.url, query: "demo_error_ratio{stage=\"{{args.stage}}\"}"))),
        ], args: [Argument(name: "stage", value: "uat")])
        let verifier = verifier()
        analysis = await verifier.advance(analysis, now: start)
        #expect(analysis.status?.phase == .running)
        #expect(VerificationProgress(run: analysis, now: start).describe(now: start) == "2 of 5 measurements, next in 30s")
        analysis = await verifier.advance(analysis, now: start.adding(seconds: 30))
        #expect(analysis.status?.metricResults?.first { $0.name == "responds" }?.count == 2)
        analysis = await verifier.advance(analysis, now: start.adding(seconds: 60))
        #expect(analysis.status?.phase == .successful, "\(String(describing: analysis.status))")
        #expect(analysis.status?.completedAt == start.adding(seconds: 60))
        let rate = try #require(analysis.status?.metricResults?.first { $0.name == "error-rate" })
        #expect(rate.measurements?.map { $0.value } == ["[0.01]", "[0.01]"])
        #expect(rate.measurements?.allSatisfy { (measurement: AnalysisMeasurement) in measurement.phase == .successful } == true)
    }

    @Test func failuresBeyondTheLimitFailTheRun() async throws {
        let prometheus = try PrometheusServer()
        let health = try serve(#"{"status":"down"}"#, at: "uat/healthz", on: prometheus)
        var analysis = run([Metric(name: "responds", interval: "30s", count: .int(3),
                                   successCondition: "result == \"ok\"", failureLimit: .int(1),
                                   provider: MetricProvider(web: WebMetric(url: health, jsonPath: "{$.status}")))])
        analysis = await verifier().advance(analysis, now: start)
        #expect(analysis.status?.phase == .running)
        analysis = await verifier().advance(analysis, now: start.adding(seconds: 30))
        #expect(analysis.status?.phase == .failed)
        #expect(analysis.status?.message == "Metric \"responds\" assessed Failed due to failed (2) > failureLimit (1)")
        #expect(analysis.status?.metricResults?.first?.measurements?.last?.value == #""down""#)
    }

    @Test func neitherConditionHoldingIsInconclusive() async throws {
        let prometheus = try PrometheusServer()
        try await prometheus.publish(["demo_latency_seconds": 0.4])
        var analysis = run([Metric(name: "latency", successCondition: "result[0] < 0.2", failureCondition: "result[0] > 0.5",
                                   provider: MetricProvider(prometheus: PrometheusMetric(address: prometheus.url,
                                                                                         query: "demo_latency_seconds")))])
        analysis = await verifier().advance(analysis, now: start)
        #expect(analysis.status?.phase == .inconclusive)
        #expect(analysis.status?.message == "Metric \"latency\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)")
    }

    @Test func errorsAreRetriedUntilTheConsecutiveErrorLimit() async throws {
        // Nothing listens on port 1 of loopback: every measurement is an error.
        var analysis = run([Metric(name: "down", interval: "5m", count: .int(3), consecutiveErrorLimit: .int(2),
                                   provider: MetricProvider(prometheus: PrometheusMetric(address: "http://127.0.0.1:1", query: "up")))])
        let verifier = verifier()
        var times: [Double] = []
        for second in stride(from: 0.0, through: 60, by: 5) {
            let before = analysis.status?.metricResults?.first?.measurements?.count ?? 0
            analysis = await verifier.advance(analysis, now: start.adding(seconds: second))
            if (analysis.status?.metricResults?.first?.measurements?.count ?? 0) > before { times.append(second) }
        }
        #expect(times == [0, 10, 20], "an error is retried after 10s, and the third ends the run")
        #expect(analysis.status?.phase == .error)
        #expect(analysis.status?.message?.hasPrefix("Metric \"down\" assessed Error due to consecutiveErrors (3) > consecutiveErrorLimit (2)") == true)
    }

    @Test func secretArgumentsAreUsedButNeverRecorded() async throws {
        let prometheus = try PrometheusServer()
        // The "token" only appears in the URL path, and the 404 message echoes the path.
        var analysis = run([Metric(name: "private", provider: MetricProvider(web: WebMetric(url: prometheus.exporterURL + "/{{args.token}}/missing")))],
                           args: [Argument(name: "token", valueFrom: ValueFrom(secretKeyRef: SecretKeyRef(name: "probe", key: "token")))])
        analysis = await verifier(secrets: ["probe": ["token": "s3cr3t-value"]]).advance(analysis, now: start)
        let recorded = String(describing: analysis)
        #expect(!recorded.contains("s3cr3t-value"))
        #expect(analysis.status?.metricResults?.first?.measurements?.first?.phase == .error)
        #expect(analysis.spec.args?.first?.value == nil, "the run keeps the reference, not the value")

        // Without the Secret, the run cannot resolve its arguments and ends in Error.
        let unresolved = await verifier().advance(run(analysis.spec.metrics, args: analysis.spec.args), now: start)
        #expect(unresolved.status?.phase == .error)
        #expect(unresolved.status?.message?.contains("Secret 'probe'") == true)
    }
}
