/// One verification of a Stage's Freight, shaped as an Argo Rollouts `AnalysisRun`
/// (`argoproj.io/v1alpha1`) so people who know Argo read the state file as they would read
/// the object in a cluster. Freightline writes it to state when verification starts (its
/// `spec` is the flattened templates with arguments merged) and updates its `status` as
/// measurements are taken, one reconcile run at a time.
public struct AnalysisRun: Codable, Sendable, Hashable {
    public static let apiVersion = "argoproj.io/v1alpha1"
    public static let kind = "AnalysisRun"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: AnalysisRunSpec
    public var status: AnalysisRunStatus?

    public init(metadata: ObjectMeta, spec: AnalysisRunSpec, status: AnalysisRunStatus? = nil) {
        apiVersion = Self.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The metrics to measure and the arguments they use; `terminate` ends the run early
/// (Kargo's abort), keeping what was measured.
public struct AnalysisRunSpec: Codable, Sendable, Hashable {
    public var metrics: [Metric]
    public var args: [Argument]?
    public var dryRun: [DryRun]?
    public var measurementRetention: [MeasurementRetention]?
    public var terminate: Bool?

    public init(metrics: [Metric], args: [Argument]? = nil, dryRun: [DryRun]? = nil,
                measurementRetention: [MeasurementRetention]? = nil, terminate: Bool? = nil) {
        self.metrics = metrics
        self.args = args
        self.dryRun = dryRun
        self.measurementRetention = measurementRetention
        self.terminate = terminate
    }
}

/// Argo Rollouts' analysis phases, best to worst: Successful, Running, Pending,
/// Inconclusive, Error, Failed.
public enum AnalysisPhase: String, Codable, Sendable, CaseIterable {
    case pending = "Pending"
    case running = "Running"
    case successful = "Successful"
    case failed = "Failed"
    case error = "Error"
    case inconclusive = "Inconclusive"

    /// Whether nothing more will change (Argo's `Completed()`).
    public var isCompleted: Bool {
        switch self {
        case .successful, .failed, .error, .inconclusive: true
        case .pending, .running: false
        }
    }

    /// Position in Argo's best-to-worst order (`analysisStatusOrder`).
    var severity: Int {
        switch self {
        case .successful: 0
        case .running: 1
        case .pending: 2
        case .inconclusive: 3
        case .error: 4
        case .failed: 5
        }
    }

    /// Whether `other` is a worse outcome than `self` (Argo's `IsWorse`).
    func isWorse(_ other: AnalysisPhase) -> Bool { other.severity > severity }
}

/// Where a run stands: its phase, when it started and ended, and each metric's results.
public struct AnalysisRunStatus: Codable, Sendable, Hashable {
    public var phase: AnalysisPhase?
    public var message: String?
    public var startedAt: Timestamp?
    public var completedAt: Timestamp?
    public var metricResults: [MetricResult]?
    public var runSummary: RunSummary?
    public var dryRunSummary: RunSummary?

    public init(phase: AnalysisPhase? = nil, message: String? = nil, startedAt: Timestamp? = nil,
                completedAt: Timestamp? = nil, metricResults: [MetricResult]? = nil,
                runSummary: RunSummary? = nil, dryRunSummary: RunSummary? = nil) {
        self.phase = phase
        self.message = message
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.metricResults = metricResults
        self.runSummary = runSummary
        self.dryRunSummary = dryRunSummary
    }
}

/// How the metrics of a finished assessment came out, counted per outcome.
public struct RunSummary: Codable, Sendable, Hashable {
    public var count: Int32?
    public var successful: Int32?
    public var failed: Int32?
    public var inconclusive: Int32?
    public var error: Int32?

    public init(count: Int32? = nil, successful: Int32? = nil, failed: Int32? = nil,
                inconclusive: Int32? = nil, error: Int32? = nil) {
        self.count = count
        self.successful = successful
        self.failed = failed
        self.inconclusive = inconclusive
        self.error = error
    }
}

/// One metric's measurements (the newest last, at most the retention limit) and counters.
public struct MetricResult: Codable, Sendable, Hashable {
    public var name: String
    public var phase: AnalysisPhase
    public var measurements: [AnalysisMeasurement]?
    public var message: String?
    public var count: Int32?
    public var successful: Int32?
    public var failed: Int32?
    public var inconclusive: Int32?
    public var error: Int32?
    public var consecutiveError: Int32?
    public var consecutiveSuccess: Int32?
    public var dryRun: Bool?
    public var metadata: [String: String]?

    public init(name: String, phase: AnalysisPhase, measurements: [AnalysisMeasurement]? = nil, message: String? = nil,
                count: Int32? = nil, successful: Int32? = nil, failed: Int32? = nil, inconclusive: Int32? = nil,
                error: Int32? = nil, consecutiveError: Int32? = nil, consecutiveSuccess: Int32? = nil,
                dryRun: Bool? = nil, metadata: [String: String]? = nil) {
        self.name = name
        self.phase = phase
        self.measurements = measurements
        self.message = message
        self.count = count
        self.successful = successful
        self.failed = failed
        self.inconclusive = inconclusive
        self.error = error
        self.consecutiveError = consecutiveError
        self.consecutiveSuccess = consecutiveSuccess
        self.dryRun = dryRun
        self.metadata = metadata
    }
}

/// One measurement: its outcome, the value the provider returned (as text), and when.
public struct AnalysisMeasurement: Codable, Sendable, Hashable {
    public var phase: AnalysisPhase
    public var message: String?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var value: String?
    public var metadata: [String: String]?
    public var resumeAt: Timestamp?

    public init(phase: AnalysisPhase, message: String? = nil, startedAt: Timestamp? = nil,
                finishedAt: Timestamp? = nil, value: String? = nil, metadata: [String: String]? = nil,
                resumeAt: Timestamp? = nil) {
        self.phase = phase
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.value = value
        self.metadata = metadata
        self.resumeAt = resumeAt
    }
}
