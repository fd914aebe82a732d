import Testing
@testable import Pipeline

/// Argo Rollouts' analysis bookkeeping, applied one reconcile at a time with `now` moving:
/// when measurements are due, how they count, and how limits decide the run.
@Suite struct AnalysisRunTests {
    let start = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!

    private func run(_ metrics: [Metric], dryRun: [DryRun]? = nil) -> AnalysisRun {
        AnalysisRun(metadata: ObjectMeta(name: "uat.abc", namespace: "demo"),
                    spec: AnalysisRunSpec(metrics: metrics, dryRun: dryRun),
                    status: AnalysisRunStatus(phase: .running, startedAt: start))
    }

    /// Takes every measurement due at `now` with the phases given, in metric order, then assesses.
    private func step(_ run: inout AnalysisRun, at seconds: Double, _ phases: [String: AnalysisPhase]) -> [String] {
        let now = start.adding(seconds: seconds)
        let due = MetricSchedule.due(run, metrics: run.spec.metrics, now: now)
        for name in due {
            AnalysisAssessment.record(AnalysisMeasurement(phase: phases[name] ?? .successful, startedAt: now, finishedAt: now),
                                      for: name, in: &run)
        }
        AnalysisAssessment.assess(&run, metrics: run.spec.metrics, now: now)
        return due
    }

    @Test func aMetricWithoutIntervalOrCountMeasuresOnce() {
        var analysis = run([Metric(name: "smoke")])
        #expect(step(&analysis, at: 0, [:]) == ["smoke"])
        #expect(analysis.status?.phase == .successful)
        #expect(analysis.status?.completedAt == start)
        #expect(MetricSchedule.nextTime(analysis, metrics: analysis.spec.metrics, now: start) == nil)
    }

    @Test func countAndIntervalSpreadMeasurementsOverRuns() {
        var analysis = run([Metric(name: "ok", interval: "30s", count: .int(3))])
        #expect(step(&analysis, at: 0, [:]) == ["ok"])
        #expect(analysis.status?.phase == .running)
        #expect(VerificationProgress(run: analysis, now: start.adding(seconds: 10)).describe(now: start.adding(seconds: 10))
            == "1 of 3 measurements, next in 20s")
        #expect(step(&analysis, at: 29, [:]).isEmpty, "not due before the interval has passed")
        #expect(step(&analysis, at: 30, [:]) == ["ok"])
        #expect(step(&analysis, at: 60, [:]) == ["ok"])
        #expect(analysis.status?.phase == .successful)
        #expect(analysis.status?.metricResults?.first?.count == 3)
        #expect(step(&analysis, at: 90, [:]).isEmpty)
    }

    @Test func initialDelayHoldsTheFirstMeasurement() {
        var analysis = run([Metric(name: "late", initialDelay: "1m")])
        #expect(step(&analysis, at: 59, [:]).isEmpty)
        #expect(analysis.status?.phase == .running)
        #expect(step(&analysis, at: 60, [:]) == ["late"])
        #expect(analysis.status?.phase == .successful)
    }

    @Test func failuresBeyondTheLimitFailTheRunEarly() {
        var analysis = run([Metric(name: "errors", interval: "10s", count: .int(5), failureLimit: .int(1))])
        _ = step(&analysis, at: 0, ["errors": .failed])
        #expect(analysis.status?.phase == .running, "one failure is within failureLimit 1")
        _ = step(&analysis, at: 10, ["errors": .failed])
        #expect(analysis.status?.phase == .failed)
        #expect(analysis.status?.message == "Metric \"errors\" assessed Failed due to failed (2) > failureLimit (1)")
        #expect(step(&analysis, at: 20, [:]).isEmpty, "a failed run takes no more measurements")
    }

    @Test func anInconclusiveMeasurementEndsTheRunInconclusive() {
        var analysis = run([Metric(name: "maybe", interval: "10s", count: .int(3))])
        _ = step(&analysis, at: 0, ["maybe": .inconclusive])
        #expect(analysis.status?.phase == .inconclusive)
        #expect(analysis.status?.message == "Metric \"maybe\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)")
    }

    @Test func errorsAreRetriedAfterTenSecondsUpToTheConsecutiveLimit() {
        var analysis = run([Metric(name: "flaky", interval: "5m", count: .int(2), consecutiveErrorLimit: .int(2))])
        _ = step(&analysis, at: 0, ["flaky": .error])
        #expect(MetricSchedule.nextTime(analysis, metrics: analysis.spec.metrics, now: start) == start.adding(seconds: 10))
        _ = step(&analysis, at: 10, ["flaky": .error])
        #expect(analysis.status?.phase == .running)
        _ = step(&analysis, at: 20, ["flaky": .error])
        #expect(analysis.status?.phase == .error)
        #expect(analysis.status?.message == "Metric \"flaky\" assessed Error due to consecutiveErrors (3) > consecutiveErrorLimit (2)")
    }

    @Test func anErrorBetweenSuccessesResetsTheStreak() {
        var analysis = run([Metric(name: "flaky", interval: "10s", count: .int(3), consecutiveErrorLimit: .int(1))])
        _ = step(&analysis, at: 0, ["flaky": .error])
        _ = step(&analysis, at: 10, [:])
        _ = step(&analysis, at: 20, ["flaky": .error])
        _ = step(&analysis, at: 30, [:])
        _ = step(&analysis, at: 40, [:])
        #expect(analysis.status?.phase == .successful)
        #expect(analysis.status?.metricResults?.first?.error == 2)
        #expect(analysis.status?.metricResults?.first?.count == 3)
    }

    @Test func aDryRunMetricIsRecordedButDoesNotDecide() {
        var analysis = run([Metric(name: "real"), Metric(name: "shadow")], dryRun: [DryRun(metricName: "shad.*")])
        _ = step(&analysis, at: 0, ["shadow": .failed])
        #expect(analysis.status?.phase == .successful)
        #expect(analysis.status?.metricResults?.first { $0.name == "shadow" }?.phase == .failed)
        #expect(analysis.status?.dryRunSummary?.failed == 1)
    }

    @Test func oneMetricFailingStopsTheOthers() {
        var analysis = run([Metric(name: "a", interval: "10s", count: .int(3)), Metric(name: "b")])
        _ = step(&analysis, at: 0, ["b": .failed])
        #expect(analysis.status?.phase == .failed)
        #expect(step(&analysis, at: 10, [:]).isEmpty)
    }

    @Test func measurementsAreTrimmedToTheRetentionLimit() {
        var analysis = run([Metric(name: "m", interval: "1s", count: .int(12))])
        for second in 0..<12 { _ = step(&analysis, at: Double(second), [:]) }
        #expect(analysis.status?.phase == .successful)
        #expect(analysis.status?.metricResults?.first?.measurements?.count == 10)
        #expect(analysis.status?.metricResults?.first?.count == 12)
    }

    @Test(arguments: [
        ("{{args.service}}-{{ args.port }}", "web-8080"),
        ("no tags", "no tags"),
    ])
    func argumentsAreSubstituted(text: String, expected: String) throws {
        #expect(try MetricArguments.substitute(text, ["service": "web", "port": "8080"]) == expected)
    }

    @Test func anUnknownArgumentIsAnError() {
        #expect(throws: VerificationSetupError.self) { try MetricArguments.substitute("{{args.nope}}", [:]) }
    }

    @Test func countAndIntervalMayComeFromArguments() throws {
        var analysis = run([Metric(name: "m", interval: "{{args.every}}", count: .string("{{args.times}}"))])
        analysis.spec.args = [Argument(name: "every", value: "1m"), Argument(name: "times", value: "2")]
        let metrics = try MetricArguments.scheduling(analysis)
        #expect(metrics[0].interval == "1m")
        #expect(MetricSchedule.effectiveCount(metrics[0]) == 2)
    }
}
