import Pipeline

/// A step's own retry defaults, used when its `retry` leaves them unset. Kargo lets each
/// step override the system defaults (error threshold 1, no timeout); steps that poll
/// supply theirs here.
public struct StepRetryDefaults: Sendable, Hashable {
    public var errorThreshold: UInt32?
    public var timeout: GoDuration?

    public init(errorThreshold: UInt32? = nil, timeout: GoDuration? = nil) {
        self.errorThreshold = errorThreshold
        self.timeout = timeout
    }

    /// Kargo's system-wide defaults: one failure ends the step; no time limit.
    public static let system = StepRetryDefaults()
}

/// The retry policy in force for one step: its `retry` over the step's defaults over the
/// system's. As in Kargo, 0 (or unset) means "use the default" for both fields.
struct StepRetryPolicy: Sendable, Hashable {
    var errorThreshold: UInt32
    var timeout: GoDuration?

    init(_ retry: PromotionStepRetry?, defaults: StepRetryDefaults) throws(StepRetryPolicyError) {
        let threshold = retry?.errorThreshold ?? 0
        errorThreshold = threshold > 0 ? threshold : max(defaults.errorThreshold ?? 1, 1)
        if let text = retry?.timeout {
            do {
                let parsed = try GoDuration(parsing: text)
                timeout = parsed.nanoseconds > 0 ? parsed : nil
            } catch {
                throw StepRetryPolicyError(timeout: text, reason: error.description)
            }
        } else {
            timeout = defaults.timeout.flatMap { $0.nanoseconds > 0 ? $0 : nil }
        }
    }
}

/// `retry.timeout` is not a Go duration.
struct StepRetryPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    var timeout: String
    var reason: String
    var description: String { "retry.timeout `\(timeout)` is not a duration: \(reason)" }
}
