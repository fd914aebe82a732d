/// An expression that parsed but could not be evaluated: a missing artifact, a type
/// mismatch, a bad function argument. `column` points at the operator or call that failed
/// (1-based, within the expression) when known.
public struct ExpressionRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var column: Int?

    public init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    public var description: String {
        guard let column else { return message }
        return "\(message) (at column \(column))"
    }

    /// Adds a column when the error does not carry one yet (functions do not know theirs).
    func located(at column: Int) -> ExpressionRuntimeError {
        self.column == nil ? ExpressionRuntimeError(message, column: column) : self
    }
}
