/// Which functions an expression may call. Kargo's `${{ }}` expressions see Kargo's
/// functions and expr-lang's builtins; Argo Rollouts' metric conditions
/// (`successCondition`, `failureCondition`) see expr-lang's builtins and Argo's helpers.
public enum ExpressionDialect: Sendable, Hashable {
    case kargo
    case analysis

    func knows(_ name: String) -> Bool {
        switch self {
        case .kargo: BuiltinCatalog.isKnown(name)
        case .analysis: BuiltinCatalog.expr.contains(name) || AnalysisFunctions.names.contains(name)
        }
    }
}

/// Argo Rollouts' condition helpers (`utils/evaluate`): `asInt` and `asFloat` convert a
/// number or numeric text (anything else is an error, as Argo's panic becomes one),
/// `isNaN` and `isInf` test floats, `isNil(x)` tests for nil, and `default(x, fallback)`
/// gives the fallback when `x` is nil.
enum AnalysisFunctions {
    static let names: Set<String> = ["asInt", "asFloat", "isNaN", "isInf", "isNil", "default"]

    static func call(_ name: String, _ arguments: Arguments) throws(ExpressionRuntimeError) -> ExpressionValue? {
        switch name {
        case "asInt":
            try arguments.expect(1)
            switch arguments[0] {
            case .int(let value): return .int(value)
            case .double(let value):
                guard value.isFinite, value.magnitude < 9.2e18 else {
                    throw ExpressionRuntimeError("asInt(): \(value) does not fit an integer")
                }
                return .int(Int64(value))
            case .string(let text):
                guard let value = Int64(text) else {
                    throw ExpressionRuntimeError("strconv.ParseInt: parsing \"\(text)\": invalid syntax")
                }
                return .int(value)
            default:
                throw ExpressionRuntimeError("asInt() not supported on \(arguments[0].typeName)")
            }
        case "asFloat":
            try arguments.expect(1)
            switch arguments[0] {
            case .int(let value): return .double(Double(value))
            case .double(let value): return .double(value)
            case .string(let text):
                guard let value = Double(text.trimmingSpaces) else {
                    throw ExpressionRuntimeError("strconv.ParseFloat: parsing \"\(text)\": invalid syntax")
                }
                return .double(value)
            default:
                throw ExpressionRuntimeError("asFloat() not supported on \(arguments[0].typeName)")
            }
        case "isNaN", "isInf":
            try arguments.expect(1)
            let value: Double
            switch arguments[0] {
            case .double(let number): value = number
            case .int(let number): value = Double(number)
            default: throw ExpressionRuntimeError("\(name)(): argument must be float64, got \(arguments[0].typeName)")
            }
            return .bool(name == "isNaN" ? value.isNaN : value.isInfinite)
        case "isNil":
            try arguments.expect(1)
            if case .null = arguments[0] { return .bool(true) }
            return .bool(false)
        case "default":
            try arguments.expect(2)
            if case .null = arguments[0] { return arguments[1] }
            return arguments[0]
        default:
            return nil
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
