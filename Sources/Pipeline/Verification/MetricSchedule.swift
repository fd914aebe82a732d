/// When Argo Rollouts takes a metric's measurements (`generateMetricTasks` and
/// `calculateNextReconcileTime`), applied to an injected clock so a run that is resumed
/// by the next `reconcile` behaves as if one controller had waited in between.
///
/// - The first measurement is due at once, or `initialDelay` after the run started.
/// - The next is due `interval` after the last one finished (10s after an Error).
/// - A metric stops once it is assessed or has taken `count` measurements; without
///   `interval` and `count` it measures once.
/// - A terminating run (aborted, or a metric already failed) takes no new measurements.
///
/// `metrics` are the run's metrics with `{{args.*}}` substituted (secrets need not be).
public enum MetricSchedule {
    public static let errorRetryInterval = GoDuration(nanoseconds: 10_000_000_000)

    /// The number of measurements a metric takes, or nil when it measures until a limit
    /// decides it (an `interval` without `count`). Argo's `EffectiveCount`.
    public static func effectiveCount(_ metric: Metric) -> Int64? {
        let count = metric.count?.intValue ?? 0
        if count == 0 { return metric.interval?.isEmpty ?? true ? 1 : nil }
        return count
    }

    /// The names of the metrics to measure now.
    public static func due(_ run: AnalysisRun, metrics: [Metric], now: Timestamp) -> [String] {
        guard !AnalysisAssessment.isTerminating(run) else { return [] }
        return metrics.filter { nextTime(of: $0, in: run, now: now).map { !(now < $0) } ?? false }.map(\.name)
    }

    /// When the run next needs a measurement (nil: nothing more is scheduled).
    public static func nextTime(_ run: AnalysisRun, metrics: [Metric], now: Timestamp) -> Timestamp? {
        guard !AnalysisAssessment.isTerminating(run), run.status?.phase?.isCompleted != true else { return nil }
        return metrics.compactMap { nextTime(of: $0, in: run, now: now) }.min()
    }

    /// When `metric` is next due: its start (with `initialDelay`) before the first
    /// measurement, then the last measurement's end plus the interval. Nil once it is done.
    static func nextTime(of metric: Metric, in run: AnalysisRun, now: Timestamp) -> Timestamp? {
        let result = run.status?.metricResults?.first { $0.name == metric.name }
        if result?.phase.isCompleted == true { return nil }
        guard let last = result?.measurements?.last else {
            let started = run.status?.startedAt ?? now
            guard let text = metric.initialDelay, !text.isEmpty else { return started }
            guard let delay = try? GoDuration(parsing: text) else { return nil }
            return started.adding(seconds: delay.seconds)
        }
        if let limit = effectiveCount(metric), Int64(result?.count ?? 0) >= limit { return nil }
        let interval: GoDuration
        if last.phase == .error {
            interval = errorRetryInterval
        } else if let text = metric.interval, !text.isEmpty {
            guard let parsed = try? GoDuration(parsing: text) else { return nil }
            interval = parsed
        } else {
            interval = errorRetryInterval
        }
        return (last.finishedAt ?? last.startedAt ?? now).adding(seconds: interval.seconds)
    }
}
