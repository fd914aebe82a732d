/// Argo Rollouts' bookkeeping of an analysis run (`runMeasurements`, `assessRunStatus`,
/// `assessMetricStatus`, `garbageCollectMeasurements`), pure: counting a measurement into
/// its metric's result, deciding each metric's phase from its limits, and the run's phase
/// as the worst of its non-dry-run metrics once all are decided (or at once when one fails).
public enum AnalysisAssessment {
    /// Argo's default `consecutiveErrorLimit`.
    public static let defaultConsecutiveErrorLimit: Int32 = 4
    /// Measurements kept per metric unless `measurementRetention` says otherwise.
    public static let defaultMeasurementLimit = 10

    /// Whether the run takes no new measurements: terminated by request, or a metric (not
    /// in dry run) has already ended Failed, Error or Inconclusive.
    public static func isTerminating(_ run: AnalysisRun) -> Bool {
        if run.spec.terminate == true { return true }
        return (run.status?.metricResults ?? []).contains { result in
            result.dryRun != true && [.failed, .error, .inconclusive].contains(result.phase)
        }
    }

    /// The metric names that `dryRun` rules (unanchored regular expressions) select.
    public static func dryRunMetrics(_ run: AnalysisRun) -> Set<String> {
        var names: Set<String> = []
        for rule in run.spec.dryRun ?? [] {
            guard let pattern = rule.metricName, let regex = try? Regex(pattern) else { continue }
            for metric in run.spec.metrics where metric.name.contains(regex) { names.insert(metric.name) }
        }
        return names
    }

    /// Adds a finished measurement to its metric's result and counters.
    public static func record(_ measurement: AnalysisMeasurement, for metric: String, in run: inout AnalysisRun) {
        var status = run.status ?? AnalysisRunStatus()
        var results = status.metricResults ?? []
        let index: Int
        if let found = results.firstIndex(where: { $0.name == metric }) {
            index = found
        } else {
            let dryRun = dryRunMetrics(run).contains(metric)
            results.append(MetricResult(name: metric, phase: .running, dryRun: dryRun ? true : nil))
            index = results.count - 1
        }
        var result = results[index]
        switch measurement.phase {
        case .successful:
            result.successful = (result.successful ?? 0) + 1
            result.count = (result.count ?? 0) + 1
            result.consecutiveError = 0
            result.consecutiveSuccess = (result.consecutiveSuccess ?? 0) + 1
        case .failed:
            result.failed = (result.failed ?? 0) + 1
            result.count = (result.count ?? 0) + 1
            result.consecutiveError = 0
            result.consecutiveSuccess = 0
        case .inconclusive:
            result.inconclusive = (result.inconclusive ?? 0) + 1
            result.count = (result.count ?? 0) + 1
            result.consecutiveError = 0
            result.consecutiveSuccess = 0
        case .error:
            result.error = (result.error ?? 0) + 1
            result.consecutiveError = (result.consecutiveError ?? 0) + 1
            result.consecutiveSuccess = 0
        case .pending, .running:
            break
        }
        result.measurements = (result.measurements ?? []) + [measurement]
        results[index] = result
        status.metricResults = results
        run.status = status
    }

    /// Decides every metric's phase and the run's; sets `completedAt` when the run ends and
    /// trims each metric's measurements to its retention limit. When this assessment makes
    /// the run terminate (a metric just failed), the run is assessed again at once, as
    /// Argo's controller does on its immediate next pass, so the other metrics stop now
    /// rather than at the next reconcile.
    public static func assess(_ run: inout AnalysisRun, metrics: [Metric], now: Timestamp) {
        let wasTerminating = isTerminating(run)
        assessOnce(&run, metrics: metrics, now: now)
        if !wasTerminating, isTerminating(run), run.status?.phase?.isCompleted != true {
            assessOnce(&run, metrics: metrics, now: now)
        }
    }

    private static func assessOnce(_ run: inout AnalysisRun, metrics: [Metric], now: Timestamp) {
        var status = run.status ?? AnalysisRunStatus()
        if status.startedAt == nil { status.startedAt = now }
        let terminating = isTerminating(run)
        let dryRun = dryRunMetrics(run)
        var worst: AnalysisPhase?
        var worstMessage = run.spec.terminate == true ? "Run Terminated" : ""
        var everythingCompleted = true
        var summary = RunSummary(count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0)
        var drySummary = RunSummary(count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0)
        var results = status.metricResults ?? []

        for metric in metrics {
            let isDry = dryRun.contains(metric.name)
            if isDry { drySummary.count! += 1 } else { summary.count! += 1 }
            guard let index = results.firstIndex(where: { $0.name == metric.name }) else {
                everythingCompleted = false
                continue
            }
            var result = results[index]
            let phase = metricPhase(metric, result, terminating: terminating)
            if result.phase != phase {
                if let last = result.measurements?.last { result.message = last.message }
                result.phase = phase
            }
            guard phase.isCompleted else {
                results[index] = result
                everythingCompleted = false
                continue
            }
            let (limitPhase, limitMessage) = limitBreach(metric, result)
            if !isDry {
                if worst == nil || worst!.isWorse(phase) {
                    worst = phase
                    if let limitMessage {
                        worstMessage = "Metric \"\(metric.name)\" assessed \(phase.rawValue) due to \(limitMessage)"
                        if let message = result.message, !message.isEmpty { worstMessage += ": \"Error Message: \(message)\"" }
                    }
                }
                count(limitPhase, into: &summary)
            } else {
                if worst == nil { worst = .successful }
                if let limitMessage { result.message = "Metric assessed \(phase.rawValue) due to \(limitMessage)" }
                count(limitPhase, into: &drySummary)
            }
            results[index] = result
        }
        status.metricResults = results
        status.runSummary = summary
        status.dryRunSummary = drySummary

        let phase: AnalysisPhase
        let message: String
        if terminating {
            phase = worst ?? .successful
            message = worstMessage.trimmingSpaces
        } else if !everythingCompleted || worst == nil {
            phase = .running
            message = ""
        } else {
            phase = worst!
            message = worstMessage.trimmingSpaces
        }
        if status.phase != phase {
            status.phase = phase
            status.message = message.isEmpty ? nil : message
            if phase.isCompleted, status.completedAt == nil { status.completedAt = now }
        }
        run.status = status
        trimMeasurements(&run)
    }

    private static func count(_ phase: AnalysisPhase?, into summary: inout RunSummary) {
        switch phase {
        case .error: summary.error! += 1
        case .failed: summary.failed! += 1
        case .inconclusive: summary.inconclusive! += 1
        default: summary.successful! += 1
        }
    }

    /// Argo's `assessMetricStatus`.
    static func metricPhase(_ metric: Metric, _ result: MetricResult, terminating: Bool) -> AnalysisPhase {
        if result.phase.isCompleted { return result.phase }
        guard let last = result.measurements?.last else { return terminating ? .successful : .pending }
        guard last.phase.isCompleted else { return .running }
        if let breach = limitBreach(metric, result).phase { return breach }
        let consecutiveSuccessLimit = metric.consecutiveSuccessLimit?.intValue ?? 0
        if consecutiveSuccessLimit > 0, Int64(result.consecutiveSuccess ?? 0) >= consecutiveSuccessLimit {
            return .successful
        }
        if let limit = MetricSchedule.effectiveCount(metric), Int64(result.count ?? 0) >= limit {
            let failureApplicable = metric.failureLimit.map { ($0.intValue ?? 0) >= 0 } ?? true
            let successApplicable = consecutiveSuccessLimit > 0
            if failureApplicable && successApplicable { return .inconclusive }
            if successApplicable { return .failed }
            return .successful
        }
        return terminating ? .successful : .running
    }

    /// Argo's `assessMetricFailureInconclusiveOrError`: which limit, if any, the counters
    /// have passed (the last of failure, inconclusive, consecutive errors wins).
    static func limitBreach(_ metric: Metric, _ result: MetricResult) -> (phase: AnalysisPhase?, message: String?) {
        var phase: AnalysisPhase?
        var message: String?
        let failureLimit = metric.failureLimit?.intValue ?? 0
        let failed = Int64(result.failed ?? 0)
        if failureLimit >= 0 && failed > failureLimit {
            phase = .failed
            message = "failed (\(failed)) > failureLimit (\(failureLimit))"
        }
        let inconclusiveLimit = metric.inconclusiveLimit?.intValue ?? 0
        let inconclusive = Int64(result.inconclusive ?? 0)
        if inconclusive > inconclusiveLimit {
            phase = .inconclusive
            message = "inconclusive (\(inconclusive)) > inconclusiveLimit (\(inconclusiveLimit))"
        }
        let errorLimit = metric.consecutiveErrorLimit?.intValue ?? Int64(defaultConsecutiveErrorLimit)
        let errors = Int64(result.consecutiveError ?? 0)
        if errors > errorLimit {
            phase = .error
            message = "consecutiveErrors (\(errors)) > consecutiveErrorLimit (\(errorLimit))"
        }
        return (phase, message)
    }

    /// Keeps the newest measurements of each metric: its `measurementRetention` limit
    /// (rules are unanchored regular expressions on the metric name) or 10.
    static func trimMeasurements(_ run: inout AnalysisRun) {
        guard var results = run.status?.metricResults else { return }
        for index in results.indices {
            var limit = defaultMeasurementLimit
            for rule in run.spec.measurementRetention ?? [] {
                guard let pattern = rule.metricName, let regex = try? Regex(pattern),
                      results[index].name.contains(regex), let ruleLimit = rule.limit, ruleLimit > 0 else { continue }
                limit = Int(ruleLimit)
            }
            if let measurements = results[index].measurements, measurements.count > limit {
                results[index].measurements = Array(measurements.suffix(limit))
            }
        }
        run.status?.metricResults = results
    }
}
