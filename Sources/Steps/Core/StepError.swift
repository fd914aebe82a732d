/// Why a step failed, and whether trying again can help — as Kargo's steps distinguish
/// terminal errors (the config is wrong: fail the promotion) from transient ones.
public enum StepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration or the files are wrong; retrying cannot help.
    case terminal(String)
    /// Something outside was busy or unreachable; the next attempt may succeed.
    case retryable(String)

    public var description: String {
        switch self {
        case .terminal(let message), .retryable(let message): message
        }
    }

    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }
}
