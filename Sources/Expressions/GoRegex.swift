import Pipeline

/// `matches` uses Go's RE2 in Kargo. Swift's `Regex` reads the same syntax for the
/// patterns people write; constructs RE2 rejects (lookaround, backreferences) are refused
/// here too so a pipeline that works in Freightline also works in Kargo.
enum GoRegex {
    static func matches(_ text: String, pattern: String, column: Int?) throws(ExpressionRuntimeError) -> Bool {
        if let unsupported = RE2Compatibility.unsupportedFeature(in: pattern) {
            throw ExpressionRuntimeError(
                "invalid regular expression \(GoText.quote(pattern)): \(unsupported)", column: column)
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw ExpressionRuntimeError("invalid regular expression \(GoText.quote(pattern))", column: column)
        }
        return text.firstMatch(of: regex) != nil
    }
}
