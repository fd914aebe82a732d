import Pipeline

/// A value flowing through an expression. It is JSON plus what Kargo's Go functions hand
/// back: Go structs (`imageFrom()` returns a `kargoapi.Image`, so users write `.Tag`) and
/// `time.Time` from `now()` and `date()`. Keeping those apart from plain maps is what lets member access
/// use Go field names and lets rendering follow Go's `json.Marshal` field order.
public enum ExpressionValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([ExpressionValue])
    case map([String: ExpressionValue])
    /// A Go struct returned by a Kargo function.
    case object(GoObject)
    /// A Go `time.Time`, as `now()` and `date()` return: an instant and the offset from UTC
    /// (seconds east) it is read at, which `Year()`, `Hour()` and friends use. Git dates keep
    /// the committer's or tagger's offset, as Kargo's parsed `git log` dates do.
    case time(Timestamp, utcOffset: Int = 0)
}

extension ExpressionValue {
    /// Lifts configuration data (vars, outputs, metadata) into the expression world.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .array(let items): self = .array(items.map(ExpressionValue.init))
        case .object(let members): self = .map(members.mapValues(ExpressionValue.init))
        }
    }

    /// A `map[string]string` such as ConfigMap data or annotations.
    init(strings: [String: String]) {
        self = .map(strings.mapValues { .string($0) })
    }

    /// The value as Go's `json.Marshal` would see it, back in configuration form: structs
    /// become objects keyed by their JSON tags, times become RFC 3339 strings.
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let items): .array(items.map(\.jsonValue))
        case .map(let members): .object(members.mapValues(\.jsonValue))
        case .object(let object): object.jsonValue
        case .time(let time, let offset): .string(GoCalendar.rfc3339(time, utcOffset: offset))
        }
    }

    /// The Go-ish type name used in error messages (`%T` without package paths).
    public var typeName: String {
        switch self {
        case .null: "nil"
        case .bool: "bool"
        case .int: "int"
        case .double: "float64"
        case .string: "string"
        case .array: "array"
        case .map: "map"
        case .object(let object): object.typeName
        case .time: "time.Time"
        }
    }

    /// Kargo's reading of a filter's result (`expressionFilter`): a bool as it is, anything
    /// else through `strconv.ParseBool(fmt.Sprint(v))`, so `1`, `"t"`, `"TRUE"` are true and
    /// `0`, `"f"`, `"False"` false; nil for anything else (a string such as `"yes"`, nil, a map).
    public var filterVerdict: Bool? {
        if case .bool(let flag) = self { return flag }
        switch GoText.verbV(self) {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension ExpressionValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: ExpressionValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ExpressionValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
