/// How far a running verification has got, for `plan` reasons and progress lines:
/// "2 of 5 measurements, next in 30s".
public struct VerificationProgress: Sendable, Hashable {
    /// Measurements taken so far (errors included).
    public var taken: Int
    /// Measurements the run takes if no limit ends it first; nil when a metric measures
    /// until its limits decide.
    public var expected: Int?
    /// When the next measurement is due.
    public var next: Timestamp?

    public init(run: AnalysisRun, now: Timestamp) {
        let metrics = (try? MetricArguments.scheduling(run)) ?? run.spec.metrics
        taken = (run.status?.metricResults ?? []).reduce(0) { $0 + Int(($1.count ?? 0) + ($1.error ?? 0)) }
        var total = 0
        var bounded = true
        for metric in metrics {
            if let count = MetricSchedule.effectiveCount(metric) { total += Int(count) } else { bounded = false }
        }
        expected = bounded ? max(total, taken) : nil
        next = MetricSchedule.nextTime(run, metrics: metrics, now: now)
    }

    public func describe(now: Timestamp) -> String {
        var text = expected.map { "\(taken) of \($0) measurements" } ?? "\(taken) measurement\(taken == 1 ? "" : "s")"
        if let next {
            let seconds = next.seconds(since: now)
            text += seconds <= 0 ? ", next due now" : ", next in \(GoDuration(nanoseconds: Int64(seconds.rounded(.up)) * 1_000_000_000).humanized)"
        }
        return text
    }
}
