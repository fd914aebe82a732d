/// One expression (the text between `${{` and `}}`), parsed once and evaluable many times.
public struct ParsedExpression: Sendable, Hashable {
    public let source: String
    public let root: ExpressionNode

    /// Parses `source`; columns in errors are 1-based within `source`.
    public init(_ source: String) throws(ExpressionSyntaxError) {
        self.source = source
        self.root = try Parser.parse(source)
    }

    /// The value of the expression in `context`.
    public func evaluate(in context: ExpressionContext) throws(ExpressionRuntimeError) -> ExpressionValue {
        try Evaluator(context: context).evaluate(root)
    }
}
