/// What one round of a Stage's health checks found (Argo CD Applications' health and sync).
public struct HealthCheckOutcome: Sendable, Hashable {
    public var status: HealthState
    /// Why the Stage is not Healthy; empty when it is.
    public var issues: [String]
    /// The checks' own report (which Applications, at which revisions), kept in state.
    public var output: JSONValue?

    public init(status: HealthState, issues: [String] = [], output: JSONValue? = nil) {
        self.status = status
        self.issues = issues
        self.output = output
    }

    /// The worst of several outcomes: Unhealthy over Unknown over Progressing over Healthy.
    public static func combined(_ outcomes: [HealthCheckOutcome]) -> HealthCheckOutcome {
        let order: [HealthState] = [.unhealthy, .unknown, .progressing, .healthy, .notApplicable]
        let status = order.first { state in outcomes.contains { $0.status == state } } ?? .notApplicable
        let outputs = outcomes.compactMap(\.output)
        return HealthCheckOutcome(status: status, issues: outcomes.flatMap(\.issues),
                                  output: outputs.isEmpty ? nil : .array(outputs))
    }
}
