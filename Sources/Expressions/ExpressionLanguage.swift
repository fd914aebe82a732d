/// Kargo's `${{ }}` expression language (an expr-lang subset) lives in this module.
public enum ExpressionLanguage {
    /// The marker that opens an expression inside configuration text.
    public static let opening = "${{"
}
