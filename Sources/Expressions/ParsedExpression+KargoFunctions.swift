extension ParsedExpression {
    /// The first call (in source order) to one of Kargo's own functions (`warehouse()`,
    /// `imageFrom()`, …). They exist only in promotion steps: where Kargo compiles plain
    /// expr-lang, as for a Warehouse's `expressionFilter`, such a call does not compile.
    public var firstKargoFunctionCall: (name: String, column: Int)? {
        var pending = [root]
        var found: (name: String, column: Int)?
        while let node = pending.popLast() {
            if case .call(let name, _) = node.kind, BuiltinCatalog.kargo.contains(name),
               found.map({ node.column < $0.column }) ?? true {
                found = (name, node.column)
            }
            pending += node.kind.children
        }
        return found
    }
}
