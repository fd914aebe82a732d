import Pipeline

/// What one provider call read: the value a metric's conditions see as `result`, and the
/// text recorded as the measurement's `value`.
public struct ProviderReading: Sendable, Hashable {
    /// What `successCondition` / `failureCondition` see as `result` (a JSON value: a
    /// number, a list of numbers from Prometheus, a web response's selected field, or its
    /// body as text when it is not JSON).
    public var result: JSONValue
    /// The value as Argo Rollouts records it in `AnalysisMeasurement.value`.
    public var text: String
    /// Provider notes kept with the measurement (Prometheus warnings, a job's exit status).
    public var metadata: [String: String]
    /// Set when the provider decides the outcome itself, as `job` does from the exit
    /// status; the metric's conditions are then not evaluated.
    public var phase: AnalysisPhase?

    public init(result: JSONValue, text: String, metadata: [String: String] = [:], phase: AnalysisPhase? = nil) {
        self.result = result
        self.text = text
        self.metadata = metadata
        self.phase = phase
    }
}

/// A measurement could not be taken: Argo Rollouts' `Error` phase (unreachable server, a
/// non-2xx answer, a JSON path that selects nothing, a timeout, a command that cannot
/// start). The message is recorded in state, so it never carries a secret.
public struct MeasurementError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A metric provider (`web`, `prometheus`, `job`). `metric` arrives with its `{{args.*}}`
/// already substituted, secrets included, so a provider never logs it and never puts a
/// header value or body into an error.
public protocol MetricProviding: Sendable {
    func measure(_ metric: Metric) async throws(MeasurementError) -> ProviderReading
}
