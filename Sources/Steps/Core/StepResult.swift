import Pipeline

/// How a step ended, and what it leaves for the steps after it.
public struct StepResult: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case succeeded = "Succeeded"
        /// The step waits on something outside (a pull request, a sync); the promotion stays
        /// Running and the next run calls the step again.
        case running = "Running"
    }

    public var status: Status
    public var output: [String: JSONValue]
    public var message: String?

    public init(status: Status = .succeeded, output: [String: JSONValue] = [:], message: String? = nil) {
        self.status = status
        self.output = output
        self.message = message
    }
}
