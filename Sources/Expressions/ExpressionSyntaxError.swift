/// An expression that cannot be parsed. `column` is 1-based and counts Unicode scalars from
/// the start of the text that was checked (the expression alone, or the whole template
/// value), so `validate` can point at the offending character.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: Int
    /// What was found, e.g. "unexpected `)`".
    public var problem: String
    /// What would have been acceptable, e.g. "expected an operand"; nil when nothing useful.
    public var expectation: String?

    public init(column: Int, problem: String, expectation: String? = nil) {
        self.column = column
        self.problem = problem
        self.expectation = expectation
    }

    /// "unexpected `)` at column 14; expected an operand".
    public var message: String {
        let base = "\(problem) at column \(column)"
        guard let expectation else { return base }
        return "\(base); \(expectation)"
    }

    public var description: String { message }

    /// The same error with its column moved, for an expression embedded at `offset`.
    func shifted(by offset: Int) -> ExpressionSyntaxError {
        ExpressionSyntaxError(column: column + offset, problem: problem, expectation: expectation)
    }
}
