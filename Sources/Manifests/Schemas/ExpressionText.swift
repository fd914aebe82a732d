/// Recognises Kargo's `${{ ... }}` expression markers in configuration text.
public enum ExpressionText {
    public static func contains(_ text: String) -> Bool {
        text.contains("${{")
    }
}
