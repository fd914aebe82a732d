/// Why a template could not be evaluated: it does not parse, or evaluation failed.
public enum ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    case syntax(ExpressionSyntaxError)
    case runtime(ExpressionRuntimeError)

    public var description: String {
        switch self {
        case .syntax(let error): error.description
        case .runtime(let error): error.description
        }
    }
}
