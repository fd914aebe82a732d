/// The functions an expression may call. Unknown names are a syntax error, as an unknown
/// function fails expr-lang's compile step, so `validate` can report typos.
enum BuiltinCatalog {
    /// Kargo's functions (`pkg/expressions/function`, plus template helpers).
    static let kargo: Set<String> = [
        "warehouse", "commitFrom", "imageFrom", "chartFrom", "artifactFrom", "freightMetadata",
        "stageMetadata", "configMap", "secret", "quote", "unsafeQuote", "asJSON", "semverParse", "semverDiff",
        "success", "failure", "always", "status", "outputFrom", "sharedConfigMap", "sharedSecret",
        "freightStatus", "asYAML",
    ]

    /// expr-lang builtins this implementation supports.
    static let expr: Set<String> = [
        "now", "len", "upper", "lower", "trim", "trimPrefix", "trimSuffix", "split", "join", "replace",
        "repeat", "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix", "toJSON", "fromJSON", "toBase64",
        "fromBase64", "string", "int", "float", "abs", "ceil", "floor", "round", "max", "min", "sum", "mean",
        "first", "last", "keys", "values", "type", "reverse", "sort", "uniq", "concat", "flatten", "get",
        "date", "duration",
    ]

    static func isKnown(_ name: String) -> Bool { kargo.contains(name) || expr.contains(name) }

    /// "did you mean imageFrom?" for near misses (case or one-letter slips).
    static func suggestion(for name: String) -> String? {
        let all = kargo.union(expr).sorted()
        if let match = all.first(where: { $0.lowercased() == name.lowercased() }) { return "did you mean `\(match)`?" }
        if let match = all.first(where: { distance($0, name) <= 2 }) { return "did you mean `\(match)`?" }
        return nil
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where i <= x.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[y.count]
    }
}
