/// One expression (the text between `${{` and `}}`), parsed once and evaluable many times.
public struct ParsedExpression: Sendable, Hashable {
    public let source: String
    public let root: ExpressionNode

    /// Parses `source`; columns in errors are 1-based within `source`.
    public init(_ source: String) throws(ExpressionSyntaxError) {
        self.source = source
        self.root = try Parser.parse(source)
    }

    /// Parses `source` in `dialect`: `.analysis` for Argo Rollouts' metric conditions,
    /// whose functions (`asInt`, `asFloat`, `isNaN`, `isInf`, `isNil`, `default`) are then
    /// callable; Kargo's own functions are not.
    public init(_ source: String, dialect: ExpressionDialect) throws(ExpressionSyntaxError) {
        self.source = source
        self.root = try Parser.parse(source, dialect: dialect)
    }

    /// The value of the expression in `context`.
    public func evaluate(in context: ExpressionContext) throws(ExpressionRuntimeError) -> ExpressionValue {
        try Evaluator(context: context).evaluate(root)
    }
}
