import Pipeline

/// Go's text forms for other modules that must print values exactly as a Go program does
/// (Argo Rollouts records measurement values this way).
public enum GoFormatting {
    /// `strconv.FormatFloat(v, 'f', -1, 64)`, as Prometheus's `SampleValue.String` prints a
    /// sample: shortest round-tripping digits, never an exponent, `NaN`, `+Inf`, `-Inf`.
    public static func plainFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        return GoFloatFormat.plain(value)
    }

    /// `json.Marshal` of a value Go decoded from JSON into `any`: keys sorted, HTML-safe
    /// escaping, floats in Go's layout, and integers beyond 2^53 as the float64 they became.
    public static func json(_ value: JSONValue) -> String {
        (try? GoJSON.encode(asDecodedByGo(value))) ?? "null"
    }

    private static func asDecodedByGo(_ value: JSONValue) -> ExpressionValue {
        switch value {
        case .int(let number) where number.magnitude > 1 << 53: .double(Double(number))
        case .array(let items): .array(items.map(asDecodedByGo))
        case .object(let members): .map(members.mapValues(asDecodedByGo))
        default: ExpressionValue(value)
        }
    }
}
