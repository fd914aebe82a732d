/// Walks a parsed expression against a context. Semantics follow expr-lang as Kargo runs
/// it: unknown names are nil, a missing map key is nil, fetching from nil is an error
/// unless `?.` (or the left side of `??`) makes the chain nil-safe.
struct Evaluator {
    let context: ExpressionContext

    func evaluate(_ node: ExpressionNode) throws(ExpressionRuntimeError) -> ExpressionValue {
        try chain(node, nilSafe: false).value
    }

    /// Evaluates a node; `shortCircuited` tells postfix operators above it that an optional
    /// step met nil and the rest of the chain yields nil too (`a?.b.c`).
    private func chain(_ node: ExpressionNode, nilSafe: Bool) throws(ExpressionRuntimeError)
        -> (value: ExpressionValue, shortCircuited: Bool)
    {
        switch node.kind {
        case .literal(let value):
            return (value, false)
        case .identifier(let name):
            return (context.variables[name] ?? .null, false)
        case .member(let baseNode, let name, let optional):
            let base = try chain(baseNode, nilSafe: nilSafe)
            if base.shortCircuited { return (.null, true) }
            if base.value.isNull, optional || nilSafe { return (.null, true) }
            return (try member(name, of: base.value, column: node.column), false)
        case .index(let baseNode, let indexNode, let optional):
            let base = try chain(baseNode, nilSafe: nilSafe)
            if base.shortCircuited { return (.null, true) }
            if base.value.isNull, optional || nilSafe { return (.null, true) }
            let index = try evaluate(indexNode)
            return (try subscripted(base.value, by: index, column: node.column), false)
        case .slice(let baseNode, let fromNode, let toNode):
            let base = try chain(baseNode, nilSafe: nilSafe)
            if base.shortCircuited { return (.null, true) }
            let from = try fromNode.map { (node) throws(ExpressionRuntimeError) in try evaluate(node) }
            let to = try toNode.map { (node) throws(ExpressionRuntimeError) in try evaluate(node) }
            return (try sliced(base.value, from: from, to: to, column: node.column), false)
        case .methodCall(let baseNode, let name, let argumentNodes, let optional):
            let base = try chain(baseNode, nilSafe: nilSafe)
            if base.shortCircuited { return (.null, true) }
            if base.value.isNull, optional || nilSafe { return (.null, true) }
            var arguments: [ExpressionValue] = []
            for argument in argumentNodes { arguments.append(try evaluate(argument)) }
            do {
                return (try MethodCalls.call(name, on: base.value, arguments: arguments), false)
            } catch {
                throw error.located(at: node.column)
            }
        case .call(let name, let argumentNodes):
            var arguments: [ExpressionValue] = []
            for argument in argumentNodes { arguments.append(try evaluate(argument)) }
            do {
                return (try Functions(context: context).call(name, arguments), false)
            } catch {
                throw error.located(at: node.column)
            }
        case .unary(let op, let operandNode):
            let operand = try evaluate(operandNode)
            return (try Operators.unary(op, operand, column: node.column), false)
        case .binary(let op, let leftNode, let rightNode):
            return (try binary(op, leftNode, rightNode, column: node.column), false)
        case .conditional(let conditionNode, let thenNode, let elseNode):
            let condition = try evaluate(conditionNode)
            guard case .bool(let flag) = condition else {
                throw ExpressionRuntimeError(
                    "the condition of `?:` must be a bool, not \(condition.typeName)", column: node.column)
            }
            return (try evaluate(flag ? thenNode : elseNode), false)
        case .array(let itemNodes):
            var items: [ExpressionValue] = []
            for item in itemNodes { items.append(try evaluate(item)) }
            return (.array(items), false)
        case .map(let entries):
            var members: [String: ExpressionValue] = [:]
            for entry in entries { members[entry.key] = try evaluate(entry.value) }
            return (.map(members), false)
        }
    }

    private func binary(_ op: BinaryOperator, _ leftNode: ExpressionNode, _ rightNode: ExpressionNode, column: Int)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        switch op {
        case .and, .or:
            let left = try evaluate(leftNode)
            guard case .bool(let leftFlag) = left else {
                throw ExpressionRuntimeError(
                    "invalid operation: `\(op.rawValue)` needs bool operands, got \(left.typeName)", column: column)
            }
            if op == .and, !leftFlag { return .bool(false) }
            if op == .or, leftFlag { return .bool(true) }
            let right = try evaluate(rightNode)
            guard case .bool(let rightFlag) = right else {
                throw ExpressionRuntimeError(
                    "invalid operation: `\(op.rawValue)` needs bool operands, got \(right.typeName)", column: column)
            }
            return .bool(rightFlag)
        case .coalesce:
            // The left side is nil-safe: `vars.a.b ?? 'x'` is 'x' when `vars.a` is missing.
            let left = try chain(leftNode, nilSafe: true).value
            return left.isNull ? try evaluate(rightNode) : left
        default:
            let left = try evaluate(leftNode)
            let right = try evaluate(rightNode)
            return try Operators.binary(op, left, right, column: column)
        }
    }

    /// `base.name`: a map key, or a Go field of a Kargo struct.
    func member(_ name: String, of base: ExpressionValue, column: Int) throws(ExpressionRuntimeError)
        -> ExpressionValue
    {
        switch base {
        case .map(let members):
            return members[name] ?? .null
        case .object(let object):
            if let value = object.member(name) { return value }
            throw ExpressionRuntimeError(Self.noField(name, in: object), column: column)
        case .null:
            throw ExpressionRuntimeError("cannot fetch \(name) from nil", column: column)
        default:
            throw ExpressionRuntimeError("cannot fetch \(name) from \(base.typeName)", column: column)
        }
    }

    static func noField(_ name: String, in object: GoObject) -> String {
        var message = "type \(object.typeName) has no field \(name)"
        if let match = object.memberNames.first(where: { $0.lowercased() == name.lowercased() }) {
            message += "; did you mean \(match)?"
        } else {
            message += " (fields: \(object.memberNames.joined(separator: ", ")))"
        }
        return message
    }

    private func subscripted(_ base: ExpressionValue, by index: ExpressionValue, column: Int)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        switch base {
        case .map(let members):
            guard case .string(let key) = index else {
                throw ExpressionRuntimeError("cannot use \(index.typeName) as a map key", column: column)
            }
            return members[key] ?? .null
        case .object:
            guard case .string(let key) = index else {
                throw ExpressionRuntimeError("cannot index \(base.typeName) with \(index.typeName)", column: column)
            }
            return try member(key, of: base, column: column)
        case .array(let items):
            let position = try Self.position(index, count: items.count, column: column)
            return items[position]
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            let position = try Self.position(index, count: scalars.count, column: column)
            return .string(String(scalars[position]))
        case .null:
            throw ExpressionRuntimeError("cannot fetch \(GoText.verbV(index)) from nil", column: column)
        default:
            throw ExpressionRuntimeError("cannot index \(base.typeName)", column: column)
        }
    }

    /// An element position; negative indexes count from the end, as in expr-lang.
    private static func position(_ index: ExpressionValue, count: Int, column: Int) throws(ExpressionRuntimeError)
        -> Int
    {
        guard let raw = Operators.integer(index) else {
            throw ExpressionRuntimeError("index must be an integer, not \(index.typeName)", column: column)
        }
        let position = raw < 0 ? Int64(count) + raw : raw
        guard position >= 0, position < Int64(count) else {
            throw ExpressionRuntimeError("index out of range: \(raw) (array length is \(count))", column: column)
        }
        return Int(position)
    }

    private func sliced(_ base: ExpressionValue, from: ExpressionValue?, to: ExpressionValue?, column: Int)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        func bounds(_ count: Int) throws(ExpressionRuntimeError) -> Range<Int> {
            func bound(_ value: ExpressionValue?, default fallback: Int) throws(ExpressionRuntimeError) -> Int {
                guard let value else { return fallback }
                guard let raw = Operators.integer(value) else {
                    throw ExpressionRuntimeError("slice index must be an integer, not \(value.typeName)", column: column)
                }
                let resolved = raw < 0 ? Int64(count) + raw : raw
                return Int(min(max(resolved, 0), Int64(count)))
            }
            let lower = try bound(from, default: 0)
            let upper = try bound(to, default: count)
            return lower..<max(lower, upper)
        }
        switch base {
        case .array(let items):
            return .array(Array(items[try bounds(items.count)]))
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[try bounds(scalars.count)])
            return .string(String(view))
        default:
            throw ExpressionRuntimeError("cannot slice \(base.typeName)", column: column)
        }
    }
}
