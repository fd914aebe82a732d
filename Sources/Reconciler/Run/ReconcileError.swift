/// Why a reconcile run could not go on at all.
public enum ReconcileError: Error, Sendable, CustomStringConvertible {
    /// The state read has errors; nothing is decided or written on bad state.
    case invalidState([String])

    public var description: String {
        switch self {
        case .invalidState(let problems):
            "the state has \(problems.count) error(s); nothing was decided:\n" + problems.joined(separator: "\n")
        }
    }
}
