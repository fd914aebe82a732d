/// A parsed expression: a node kind plus the 1-based column where it starts (for
/// operators, the operator's column), so runtime errors can point into the source.
public struct ExpressionNode: Sendable, Hashable {
    public let kind: Kind
    public let column: Int
    /// Levels below and including this node; evaluation recurses this deep, so the parser
    /// bounds it.
    public let height: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
        self.height = 1 + (kind.children.map(\.height).max() ?? 0)
    }

    public indirect enum Kind: Sendable, Hashable {
        case literal(ExpressionValue)
        case identifier(String)
        /// `base.name`, or `base?.name` when `optional`.
        case member(ExpressionNode, name: String, optional: Bool)
        /// `base[index]`, or `base?.[index]` when `optional`.
        case index(ExpressionNode, ExpressionNode, optional: Bool)
        /// `base[from:to]`, either bound optional.
        case slice(ExpressionNode, from: ExpressionNode?, to: ExpressionNode?)
        /// `name(arguments)`.
        case call(String, [ExpressionNode])
        /// `base.name(arguments)`: Go methods such as `semverParse(v).Major()`.
        case methodCall(ExpressionNode, name: String, arguments: [ExpressionNode], optional: Bool)
        case unary(UnaryOperator, ExpressionNode)
        case binary(BinaryOperator, ExpressionNode, ExpressionNode)
        /// `condition ? then : else`.
        case conditional(ExpressionNode, ExpressionNode, ExpressionNode)
        case array([ExpressionNode])
        /// `{key: value}`; keys are names or strings, kept in source order.
        case map([MapEntry])
    }

    public struct MapEntry: Sendable, Hashable {
        public init(key: String, value: ExpressionNode) {
            self.key = key
            self.value = value
        }

        public var key: String
        public var value: ExpressionNode
    }
}

extension ExpressionNode.Kind {
    /// Direct sub-expressions.
    var children: [ExpressionNode] {
        switch self {
        case .literal, .identifier: []
        case .member(let base, _, _): [base]
        case .index(let base, let index, _): [base, index]
        case .slice(let base, let from, let to): [base] + [from, to].compactMap { $0 }
        case .call(_, let arguments): arguments
        case .methodCall(let base, _, let arguments, _): [base] + arguments
        case .unary(_, let operand): [operand]
        case .binary(_, let left, let right): [left, right]
        case .conditional(let condition, let then, let otherwise): [condition, then, otherwise]
        case .array(let items): items
        case .map(let entries): entries.map(\.value)
        }
    }
}

/// Prefix operators; `not` is a synonym of `!`.
public enum UnaryOperator: String, Sendable, Hashable {
    case not = "!"
    case negate = "-"
    case plus = "+"
}

/// Infix operators with expr-lang's precedence (higher binds tighter).
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case contains = "contains"
    case notContains = "not contains"
    case startsWith = "startsWith"
    case notStartsWith = "not startsWith"
    case endsWith = "endsWith"
    case notEndsWith = "not endsWith"
    case matches = "matches"
    case notMatches = "not matches"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case power = "**"
    case coalesce = "??"

    /// expr-lang's table (`parser/operator`): `||` 10, `&&` 15, comparisons and word
    /// operators 20, `+ -` 30, `* / %` 60, `**` 100 (right-associative), `??` 500.
    var precedence: Int {
        switch self {
        case .or: 10
        case .and: 15
        case .equal, .notEqual, .less, .greater, .lessOrEqual, .greaterOrEqual, .in, .notIn, .contains,
            .notContains, .startsWith, .notStartsWith, .endsWith, .notEndsWith, .matches, .notMatches:
            20
        case .add, .subtract: 30
        case .multiply, .divide, .modulo: 60
        case .power: 100
        case .coalesce: 500
        }
    }

    var isRightAssociative: Bool { self == .power }

    /// The operator a `not` prefix turns a word operator into.
    var negated: BinaryOperator? {
        switch self {
        case .in: .notIn
        case .contains: .notContains
        case .startsWith: .notStartsWith
        case .endsWith: .notEndsWith
        case .matches: .notMatches
        default: nil
        }
    }
}

/// Unary operators bind at 90: tighter than `*`, looser than `**` (`-2 ** 2` is -4).
let unaryPrecedence = 90
