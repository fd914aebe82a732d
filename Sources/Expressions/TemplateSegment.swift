/// A piece of a configuration value: literal text, or an expression with the scalar
/// offset of its first character in the whole value (to turn expression columns into
/// value columns).
enum TemplateSegment: Sendable, Hashable {
    case text(String)
    case expression(String, offset: Int)

    /// Splits `text` at `${{ … }}` (and `${% … %}`). Like Kargo, an expression ends at the
    /// first closing delimiter; an opening without one is a syntax error at the opening.
    static func split(_ text: String) throws(ExpressionSyntaxError) -> [TemplateSegment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [TemplateSegment] = []
        var literal = String.UnicodeScalarView()
        var index = 0
        func matches(_ marker: String, at position: Int) -> Bool {
            let marks = Array(marker.unicodeScalars)
            guard position + marks.count <= scalars.count else { return false }
            return Array(scalars[position..<position + marks.count]) == marks
        }
        while index < scalars.count {
            guard let delimiter = ExpressionLanguage.delimiters.first(where: { matches($0.open, at: index) }) else {
                literal.append(scalars[index])
                index += 1
                continue
            }
            let start = index + delimiter.open.unicodeScalars.count
            var end = start
            while end < scalars.count, !matches(delimiter.close, at: end) { end += 1 }
            guard end < scalars.count else {
                throw ExpressionSyntaxError(
                    column: index + 1, problem: "unclosed expression",
                    expectation: "expected `\(delimiter.close)` before the end of the text")
            }
            if !literal.isEmpty {
                segments.append(.text(String(literal)))
                literal = String.UnicodeScalarView()
            }
            var source = String.UnicodeScalarView()
            source.append(contentsOf: scalars[start..<end])
            segments.append(.expression(String(source), offset: start))
            index = end + delimiter.close.unicodeScalars.count
        }
        if !literal.isEmpty { segments.append(.text(String(literal))) }
        return segments
    }
}
