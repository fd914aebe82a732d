import Pipeline

/// How a step ended, and what it leaves for the steps after it.
public struct StepResult: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case succeeded = "Succeeded"
        /// The step waits on something outside (a pull request, a sync); the promotion stays
        /// Running and the next run calls the step again.
        case running = "Running"
        /// There was nothing to do (`git-open-pr` with no changes between the branches);
        /// later steps see it through `status('alias') == 'Skipped'`.
        case skipped = "Skipped"
    }

    public var status: Status
    public var output: [String: JSONValue]
    public var message: String?
    /// A check the Stage keeps running after the Promotion succeeds (Kargo's health checks:
    /// `argocd-update` registers one for the Applications it synced).
    public var healthCheck: HealthCheckStep?

    public init(status: Status = .succeeded, output: [String: JSONValue] = [:], message: String? = nil,
                healthCheck: HealthCheckStep? = nil) {
        self.status = status
        self.output = output
        self.message = message
        self.healthCheck = healthCheck
    }
}
