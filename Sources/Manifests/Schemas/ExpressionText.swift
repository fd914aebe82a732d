import Foundation

/// Recognises Kargo's `${{ ... }}` expression markers in configuration text.
public enum ExpressionText {
    public static func contains(_ text: String) -> Bool {
        text.contains("${{")
    }

    /// Whether the whole value is one expression, so it keeps the type the expression yields.
    public static func isWhole(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("${{") && trimmed.hasSuffix("}}") && trimmed.dropFirst(3).range(of: "${{") == nil
    }
}
