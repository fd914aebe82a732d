#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Pipeline

/// expr-lang's operator semantics: ints stay ints under `+ - * %` (wrapping like Go), `/`
/// and `**` always give floats, ints and floats compare by value, `+` also concatenates
/// strings, and mismatched types are an error rather than a silent coercion. Times compare
/// as instants; `time - time` is a duration, `time ± duration` a time.
enum Operators {
    /// A value as an integer when it is one (a float with no fraction counts, as JSON
    /// numbers read through `fromJSON()` are floats).
    static func integer(_ value: ExpressionValue) -> Int64? {
        switch value {
        case .int(let number): return number
        case .double(let number):
            guard number.rounded(.towardZero) == number, number.magnitude < 9.2e18 else { return nil }
            return Int64(number)
        default: return nil
        }
    }

    static func double(_ value: ExpressionValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    static func unary(_ op: UnaryOperator, _ operand: ExpressionValue, column: Int) throws(ExpressionRuntimeError)
        -> ExpressionValue
    {
        switch (op, operand) {
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.negate, .int(let number)): return .int(0 &- number)
        case (.negate, .double(let number)): return .double(-number)
        case (.plus, .int), (.plus, .double): return operand
        case (.negate, .object(.duration(let duration))):
            return .object(.duration(GoDuration(nanoseconds: 0 &- duration.nanoseconds)))
        default:
            throw ExpressionRuntimeError(
                "invalid operation: \(op == .not ? "!" : op.rawValue)\(operand.typeName)", column: column)
        }
    }

    static func binary(_ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue, column: Int)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        func mismatch() -> ExpressionRuntimeError {
            ExpressionRuntimeError(
                "invalid operation: \(left.typeName) \(op.rawValue) \(right.typeName) (mismatched types)",
                column: column)
        }
        switch op {
        case .equal: return .bool(equal(left, right))
        case .notEqual: return .bool(!equal(left, right))
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            guard let order = compare(left, right) else { throw mismatch() }
            switch op {
            case .less: return .bool(order < 0)
            case .greater: return .bool(order > 0)
            case .lessOrEqual: return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case .in, .notIn:
            let found = try contains(right, left, column: column)
            return .bool(op == .in ? found : !found)
        case .contains, .notContains, .startsWith, .notStartsWith, .endsWith, .notEndsWith:
            guard case .string(let text) = left, case .string(let part) = right else { throw mismatch() }
            let result: Bool =
                switch op {
                case .contains, .notContains: part.isEmpty || text.contains(part)
                case .startsWith, .notStartsWith: text.hasPrefix(part)
                default: text.hasSuffix(part)
                }
            let negated = op == .notContains || op == .notStartsWith || op == .notEndsWith
            return .bool(negated ? !result : result)
        case .matches, .notMatches:
            guard case .string(let text) = left, case .string(let pattern) = right else { throw mismatch() }
            let result = try GoRegex.matches(text, pattern: pattern, column: column)
            return .bool(op == .matches ? result : !result)
        case .add:
            if case .string(let a) = left, case .string(let b) = right { return .string(a + b) }
            if let sum = timeArithmetic(op, left, right) { return sum }
            return try arithmetic(op, left, right, mismatch: mismatch, column: column)
        case .subtract:
            if let difference = timeArithmetic(op, left, right) { return difference }
            return try arithmetic(op, left, right, mismatch: mismatch, column: column)
        case .multiply, .divide, .modulo, .power:
            return try arithmetic(op, left, right, mismatch: mismatch, column: column)
        case .and, .or, .coalesce:
            // Short-circuit operators are evaluated by the evaluator; reaching here means
            // both sides are already known.
            if op == .coalesce { return left.isNull ? right : left }
            guard case .bool(let a) = left, case .bool(let b) = right else { throw mismatch() }
            return .bool(op == .and ? a && b : a || b)
        }
    }

    /// `time - time`, `time ± duration`, `duration + time` and `duration ± duration`, with
    /// Go's wrapping duration arithmetic; nil for any other operands.
    private static func timeArithmetic(_ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue)
        -> ExpressionValue?
    {
        let sign: Int64 = op == .subtract ? -1 : 1
        switch (left, right) {
        case (.time(let a, _), .time(let b, _)) where op == .subtract:
            return .object(.duration(TimeMethods.difference(a, b)))
        case (.time(let time, let offset), .object(.duration(let duration))):
            let moved = TimeMethods.adding(GoDuration(nanoseconds: duration.nanoseconds &* sign), to: time)
            return .time(moved, utcOffset: offset)
        case (.object(.duration(let duration)), .time(let time, let offset)) where op == .add:
            return .time(TimeMethods.adding(duration, to: time), utcOffset: offset)
        case (.object(.duration(let a)), .object(.duration(let b))):
            return .object(.duration(GoDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds &* sign)))
        default:
            return nil
        }
    }

    private static func arithmetic(
        _ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue,
        mismatch: () -> ExpressionRuntimeError, column: Int
    ) throws(ExpressionRuntimeError) -> ExpressionValue {
        if case .int(let a) = left, case .int(let b) = right {
            switch op {
            case .add: return .int(a &+ b)
            case .subtract: return .int(a &- b)
            case .multiply: return .int(a &* b)
            case .modulo:
                guard b != 0 else { throw ExpressionRuntimeError("integer divide by zero", column: column) }
                return .int(b == -1 ? 0 : a % b)
            default: break
            }
        }
        guard let a = double(left), let b = double(right) else { throw mismatch() }
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide: return .double(a / b)
        case .power: return .double(pow(a, b))
        default:
            throw ExpressionRuntimeError(
                "invalid operation: operator % not defined on \(left.typeName) and \(right.typeName)", column: column)
        }
    }

    /// expr-lang's `==`: numbers by value across int/float, everything else structurally.
    static func equal(_ left: ExpressionValue, _ right: ExpressionValue) -> Bool {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a == b
        case (.time(let a, _), .time(let b, _)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            return double(left) == double(right)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        default:
            return left == right
        }
    }

    /// Ordering for numbers, strings (byte-wise, as Go) and times; nil when unordered.
    static func compare(_ left: ExpressionValue, _ right: ExpressionValue) -> Int? {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            let x = Array(a.utf8)
            let y = Array(b.utf8)
            return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case (.time(let a, _), .time(let b, _)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.object(.duration(let a)), .object(.duration(let b))): return a < b ? -1 : (a > b ? 1 : 0)
        default:
            guard let a = double(left), let b = double(right) else { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        }
    }

    /// `needle in haystack`: array membership, map key, or Go struct field name.
    private static func contains(_ haystack: ExpressionValue, _ needle: ExpressionValue, column: Int)
        throws(ExpressionRuntimeError) -> Bool
    {
        switch haystack {
        case .array(let items): return items.contains { equal($0, needle) }
        case .map(let members):
            guard case .string(let key) = needle else { return false }
            return members[key] != nil
        case .object(let object):
            guard case .string(let key) = needle else { return false }
            return object.member(key) != nil
        case .null: return false
        default:
            throw ExpressionRuntimeError(
                "invalid operation: `in` needs an array or a map on the right, got \(haystack.typeName)",
                column: column)
        }
    }
}
