/// Kargo's `${{ }}` expression language (an expr-lang subset) lives in this module.
public enum ExpressionLanguage {
    /// The marker that opens an expression inside configuration text.
    public static let opening = "${{"
    /// The marker that closes it.
    public static let closing = "}}"
    /// Kargo's alternative delimiters, `${% … %}`, accepted in the same places.
    static let delimiters: [(open: String, close: String)] = [("${{", "}}"), ("${%", "%}")]
}
