/// A precedence-climbing parser for the expr-lang subset Kargo users write. Operator
/// precedence follows expr-lang's table (see `BinaryOperator.precedence`); the ternary
/// binds loosest and nests to the right.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    /// Nesting depth, bounded so hostile input cannot exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 64
    /// Bounds the tree evaluation walks, including left-associative chains (`1 + 1 + …`).
    private static let maximumHeight = 100
    /// Bounds left-associative chains (`1 + 1 + …`), whose evaluation recurses per operator.
    private static let maximumTokens = 1_000

    /// Which function names exist (Kargo's, or Argo Rollouts' condition helpers).
    var dialect: ExpressionDialect = .kargo

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses one whole expression; trailing tokens are an error.
    static func parse(_ text: String, dialect: ExpressionDialect = .kargo) throws(ExpressionSyntaxError) -> ExpressionNode {
        let tokens = try Lexer.tokenize(text)
        if tokens.count > maximumTokens {
            throw ExpressionSyntaxError(
                column: tokens[maximumTokens].column, problem: "expression too long",
                expectation: "at most \(maximumTokens) tokens are allowed")
        }
        var parser = Parser(tokens: tokens)
        parser.dialect = dialect
        if case .end = parser.current.kind {
            throw ExpressionSyntaxError(column: 1, problem: "empty expression", expectation: "expected an operand")
        }
        let node = try parser.parseExpression()
        if node.height > maximumHeight {
            throw ExpressionSyntaxError(
                column: 1, problem: "expression nested too deeply",
                expectation: "at most \(maximumHeight) levels of operators and calls are allowed")
        }
        if case .end = parser.current.kind { return node }
        if parser.current.isSymbol("|") {
            throw ExpressionSyntaxError(
                column: parser.current.column, problem: "unexpected `|`", expectation: "pipes are not supported")
        }
        throw ExpressionSyntaxError(
            column: parser.current.column, problem: "unexpected \(parser.current.quoted)",
            expectation: "expected an operator or the end of the expression")
    }

    private var current: Token { tokens[min(position, tokens.count - 1)] }
    private var following: Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() { position += 1 }

    private mutating func expect(_ symbol: String, _ expectation: String) throws(ExpressionSyntaxError) -> Token {
        let token = current
        guard token.isSymbol(symbol) else {
            throw ExpressionSyntaxError(column: token.column, problem: "unexpected \(token.quoted)", expectation: expectation)
        }
        advance()
        return token
    }

    private mutating func parseExpression(_ minimum: Int = 0) throws(ExpressionSyntaxError) -> ExpressionNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(
                column: current.column, problem: "expression nested too deeply",
                expectation: "at most \(Self.maximumDepth) levels are allowed")
        }
        var left = try parseUnary()
        while let (op, width) = binaryOperator(), op.precedence >= minimum {
            let column = current.column
            position += width
            let next = op.isRightAssociative ? op.precedence : op.precedence + 1
            let right = try parseExpression(next)
            left = ExpressionNode(.binary(op, left, right), column: column)
        }
        if minimum == 0, current.isSymbol("?") {
            let column = current.column
            advance()
            let then = try parseExpression()
            _ = try expect(":", "expected `:` in the conditional started at column \(column)")
            let otherwise = try parseExpression()
            left = ExpressionNode(.conditional(left, then, otherwise), column: column)
        }
        return left
    }

    /// The binary operator at the cursor and how many tokens it spans (`not in` is two).
    private func binaryOperator() -> (BinaryOperator, Int)? {
        switch current.kind {
        case .symbol(let symbol):
            switch symbol {
            case "^": return (.power, 1)
            case "||": return (.or, 1)
            case "&&": return (.and, 1)
            default:
                guard let op = BinaryOperator(rawValue: symbol) else { return nil }
                return (op, 1)
            }
        case .identifier(let word):
            switch word {
            case "or": return (.or, 1)
            case "and": return (.and, 1)
            case "in", "contains", "startsWith", "endsWith", "matches":
                return BinaryOperator(rawValue: word).map { ($0, 1) }
            case "not":
                guard case .identifier(let next) = following.kind,
                    let negated = BinaryOperator(rawValue: next)?.negated
                else { return nil }
                return (negated, 2)
            default: return nil
            }
        default:
            return nil
        }
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> ExpressionNode {
        let token = current
        let op: UnaryOperator? =
            switch token.kind {
            case .symbol("!"): .not
            case .symbol("-"): .negate
            case .symbol("+"): .plus
            case .identifier("not"): .not
            default: nil
            }
        guard let op else { return try parsePostfix(try parsePrimary()) }
        advance()
        let operand = try parseExpression(unaryPrecedence)
        // A negative literal stays a literal so `-9223372036854775808`-style tables read well.
        if op == .negate, case .literal(.int(let value)) = operand.kind {
            return ExpressionNode(.literal(.int(0 &- value)), column: token.column)
        }
        if op == .negate, case .literal(.double(let value)) = operand.kind {
            return ExpressionNode(.literal(.double(-value)), column: token.column)
        }
        return ExpressionNode(.unary(op, operand), column: token.column)
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> ExpressionNode {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            return ExpressionNode(.literal(.int(value)), column: token.column)
        case .float(let value):
            advance()
            return ExpressionNode(.literal(.double(value)), column: token.column)
        case .string(let value):
            advance()
            return ExpressionNode(.literal(.string(value)), column: token.column)
        case .identifier(let name):
            advance()
            switch name {
            case "true": return ExpressionNode(.literal(.bool(true)), column: token.column)
            case "false": return ExpressionNode(.literal(.bool(false)), column: token.column)
            case "nil": return ExpressionNode(.literal(.null), column: token.column)
            case "and", "or", "in", "not", "contains", "startsWith", "endsWith", "matches":
                throw ExpressionSyntaxError(
                    column: token.column, problem: "unexpected `\(name)`", expectation: "expected an operand")
            default: break
            }
            if current.isSymbol("(") {
                guard dialect.knows(name) else {
                    throw ExpressionSyntaxError(
                        column: token.column, problem: "unknown function `\(name)`",
                        expectation: BuiltinCatalog.suggestion(for: name))
                }
                let arguments = try parseArguments()
                return ExpressionNode(.call(name, arguments), column: token.column)
            }
            return ExpressionNode(.identifier(name), column: token.column)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            _ = try expect(")", "expected `)` to close the `(` at column \(token.column)")
            return inner
        case .symbol("["):
            advance()
            var items: [ExpressionNode] = []
            while !current.isSymbol("]") {
                items.append(try parseExpression())
                if current.isSymbol(",") { advance() } else { break }
            }
            _ = try expect("]", "expected `,` or `]` to close the array at column \(token.column)")
            return ExpressionNode(.array(items), column: token.column)
        case .symbol("{"):
            advance()
            var entries: [ExpressionNode.MapEntry] = []
            while !current.isSymbol("}") {
                let keyToken = current
                let key: String
                switch keyToken.kind {
                case .identifier(let name): key = name
                case .string(let text): key = text
                case .integer(let value): key = String(value)
                default:
                    throw ExpressionSyntaxError(
                        column: keyToken.column, problem: "unexpected \(keyToken.quoted)",
                        expectation: "expected a map key (a name or a string)")
                }
                advance()
                _ = try expect(":", "expected `:` after the map key")
                entries.append(ExpressionNode.MapEntry(key: key, value: try parseExpression()))
                if current.isSymbol(",") { advance() } else { break }
            }
            _ = try expect("}", "expected `,` or `}` to close the map at column \(token.column)")
            return ExpressionNode(.map(entries), column: token.column)
        case .symbol("|"):
            throw ExpressionSyntaxError(
                column: token.column, problem: "unexpected `|`", expectation: "pipes are not supported")
        case .symbol("#"):
            throw ExpressionSyntaxError(
                column: token.column, problem: "unexpected `#`",
                expectation: "predicates (`#`) are not supported")
        case .end:
            throw ExpressionSyntaxError(
                column: token.column, problem: "unexpected end of expression", expectation: "expected an operand")
        default:
            throw ExpressionSyntaxError(
                column: token.column, problem: "unexpected \(token.quoted)", expectation: "expected an operand")
        }
    }

    private mutating func parseArguments() throws(ExpressionSyntaxError) -> [ExpressionNode] {
        let open = try expect("(", "expected `(`")
        var arguments: [ExpressionNode] = []
        while !current.isSymbol(")") {
            arguments.append(try parseExpression())
            if current.isSymbol(",") { advance() } else { break }
        }
        _ = try expect(")", "expected `,` or `)` to close the call at column \(open.column)")
        return arguments
    }

    private mutating func parsePostfix(_ base: ExpressionNode) throws(ExpressionSyntaxError) -> ExpressionNode {
        var node = base
        while true {
            let token = current
            if token.isSymbol(".") || token.isSymbol("?.") {
                let optional = token.isSymbol("?.")
                advance()
                if optional, current.isSymbol("[") {
                    node = try parseSubscript(node, optional: true)
                    continue
                }
                guard case .identifier(let name) = current.kind else {
                    throw ExpressionSyntaxError(
                        column: current.column, problem: "unexpected \(current.quoted)",
                        expectation: "expected a field name after `\(optional ? "?." : ".")`")
                }
                let nameColumn = current.column
                advance()
                if current.isSymbol("(") {
                    let arguments = try parseArguments()
                    node = ExpressionNode(
                        .methodCall(node, name: name, arguments: arguments, optional: optional), column: nameColumn)
                } else {
                    node = ExpressionNode(.member(node, name: name, optional: optional), column: nameColumn)
                }
            } else if token.isSymbol("[") {
                node = try parseSubscript(node, optional: false)
            } else {
                return node
            }
        }
    }

    /// `[index]` or `[from:to]`; the cursor is on `[`.
    private mutating func parseSubscript(_ base: ExpressionNode, optional: Bool) throws(ExpressionSyntaxError)
        -> ExpressionNode
    {
        let open = try expect("[", "expected `[`")
        var from: ExpressionNode?
        if !current.isSymbol(":") {
            from = try parseExpression()
        }
        if current.isSymbol(":") {
            advance()
            var to: ExpressionNode?
            if !current.isSymbol("]") { to = try parseExpression() }
            _ = try expect("]", "expected `]` to close the `[` at column \(open.column)")
            return ExpressionNode(.slice(base, from: from, to: to), column: open.column)
        }
        _ = try expect("]", "expected `]` to close the `[` at column \(open.column)")
        guard let index = from else {
            throw ExpressionSyntaxError(column: open.column, problem: "empty index", expectation: "expected an operand")
        }
        return ExpressionNode(.index(base, index, optional: optional), column: open.column)
    }
}
