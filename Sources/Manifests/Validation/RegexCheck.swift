import Foundation
import Pipeline

/// Whether a regular expression from the configuration compiles the way Kargo (Go's
/// RE2) compiles it. Constructs RE2 lacks are reported even though our own engine
/// would accept them, because Kargo would not.
enum RegexCheck {
    static func problem(in pattern: String) -> String? {
        if let feature = RE2Compatibility.unsupportedFeature(in: pattern) {
            return "regular expression `\(pattern)` uses a construct Kargo cannot compile: \(feature)"
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return "`\(pattern)` is not a valid regular expression (RE2 syntax, e.g. ^v[0-9]+\\.[0-9]+$)"
        }
    }
}

/// Kargo's name patterns (`pkg/pattern`): an exact name, `glob:<pattern>`, or
/// `regex:` / `regexp:` followed by a regular expression.
enum NamePattern {
    static func problem(in text: String) -> String? {
        for prefix in ["regex:", "regexp:"] where text.hasPrefix(prefix) {
            return RegexCheck.problem(in: String(text.dropFirst(prefix.count)))
        }
        if text.hasPrefix("glob:") {
            let glob = text.dropFirst(5)
            var depth = 0
            for character in glob {
                if character == "[" { depth += 1 }
                if character == "]" { depth = max(0, depth - 1) }
            }
            return depth == 0 ? nil : "glob `\(glob)` has an unclosed `[`"
        }
        return nil
    }
}
