/// Splits expression text into tokens. Works on Unicode scalars so columns count what a
/// user sees in an editor for the ASCII text expressions are almost always written in.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token, ending with `.end`.
    static func tokenize(_ text: String) throws(ExpressionSyntaxError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if case .end = token.kind { return tokens }
        }
    }

    /// Longest operators first so `**` is not read as two `*`.
    private static let symbols = [
        "?.", "??", "**", "==", "!=", "<=", ">=", "&&", "||", "..",
        "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}", "|", "#",
    ]

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    private mutating func next() throws(ExpressionSyntaxError) -> Token {
        while let scalar = peek(), scalar.properties.isWhitespace { position += 1 }
        let column = position + 1
        guard let scalar = peek() else { return Token(kind: .end, column: column) }
        if Self.isDigit(scalar) || (scalar == "." && peek(1).map(Self.isDigit) == true) {
            return try number(column: column)
        }
        if scalar == "\"" || scalar == "'" || scalar == "`" {
            return try string(quote: scalar, column: column)
        }
        if Self.isIdentifierStart(scalar) {
            var name = String.UnicodeScalarView()
            while let next = peek(), Self.isIdentifierPart(next) {
                name.append(next)
                position += 1
            }
            return Token(kind: .identifier(String(name)), column: column)
        }
        for symbol in Self.symbols where matches(symbol) {
            // `?.` followed by a digit is a ternary with a float (`a ?.5 : 1`).
            if symbol == "?.", peek(2).map(Self.isDigit) == true { continue }
            position += symbol.unicodeScalars.count
            return Token(kind: .symbol(symbol), column: column)
        }
        throw ExpressionSyntaxError(column: column, problem: "unexpected character `\(scalar)`")
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = 0
        for scalar in symbol.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    private mutating func number(column: Int) throws(ExpressionSyntaxError) -> Token {
        let start = position
        var text = ""
        var isFloat = false
        if peek() == "0", let marker = peek(1), marker == "x" || marker == "X" || marker == "b" || marker == "B"
            || marker == "o" || marker == "O"
        {
            position += 2
            let radix = (marker == "x" || marker == "X") ? 16 : (marker == "b" || marker == "B") ? 2 : 8
            while let next = peek(), next.properties.isASCIIHexDigit || next == "_" {
                if next != "_" { text.unicodeScalars.append(next) }
                position += 1
            }
            guard let value = Int64(text, radix: radix) else {
                throw ExpressionSyntaxError(column: column, problem: "invalid number literal `\(source(from: start))`")
            }
            return Token(kind: .integer(value), column: column)
        }
        while let next = peek() {
            if Self.isDigit(next) {
                text.unicodeScalars.append(next)
            } else if next == "_" {
                // digit separators, as Go allows
            } else if next == ".", !isFloat, peek(1) != ".", !text.contains("e") {
                // `1..3` is a range and `a.0` cannot happen here; `1.foo` is not supported either.
                isFloat = true
                text.unicodeScalars.append(next)
            } else if next == "e" || next == "E" {
                isFloat = true
                text.append("e")
                if let sign = peek(1), sign == "+" || sign == "-" {
                    text.unicodeScalars.append(sign)
                    position += 1
                }
            } else {
                break
            }
            position += 1
        }
        if let next = peek(), Self.isIdentifierStart(next) {
            throw ExpressionSyntaxError(
                column: position + 1, problem: "invalid number literal `\(source(from: start))\(next)`")
        }
        if isFloat {
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            guard let value = Double(text) else {
                throw ExpressionSyntaxError(column: column, problem: "invalid number literal `\(source(from: start))`")
            }
            return Token(kind: .float(value), column: column)
        }
        guard let value = Int64(text) else {
            throw ExpressionSyntaxError(
                column: column, problem: "integer literal `\(source(from: start))` does not fit in 64 bits")
        }
        return Token(kind: .integer(value), column: column)
    }

    private func source(from start: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<min(position, scalars.count)])
        return String(view)
    }

    private mutating func string(quote: Unicode.Scalar, column: Int) throws(ExpressionSyntaxError) -> Token {
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw ExpressionSyntaxError(
                    column: column, problem: "unterminated string literal",
                    expectation: "expected a closing \(quote)")
            }
            position += 1
            if scalar == quote { break }
            if quote == "`" || scalar != "\\" {
                if scalar == "\n", quote != "`" {
                    throw ExpressionSyntaxError(
                        column: column, problem: "unterminated string literal",
                        expectation: "expected a closing \(quote) before the end of the line")
                }
                value.append(scalar)
                continue
            }
            value.append(try escape(quote: quote))
        }
        return Token(kind: .string(String(value)), column: column)
    }

    /// Go's escapes (`strconv.Unquote`), which expr-lang uses for both quote styles.
    private mutating func escape(quote: Unicode.Scalar) throws(ExpressionSyntaxError) -> Unicode.Scalar {
        let column = position
        guard let scalar = peek() else {
            throw ExpressionSyntaxError(column: column, problem: "unterminated string literal")
        }
        position += 1
        switch scalar {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "\\", "'", "\"": return scalar
        case "x": return try hexEscape(digits: 2, column: column)
        case "u": return try hexEscape(digits: 4, column: column)
        case "U": return try hexEscape(digits: 8, column: column)
        case "0"..."7":
            var value = scalar.value - 48
            for _ in 0..<2 {
                guard let next = peek(), ("0"..."7").contains(next) else {
                    throw ExpressionSyntaxError(column: column, problem: "invalid octal escape in string literal")
                }
                value = value * 8 + next.value - 48
                position += 1
            }
            if let result = Unicode.Scalar(value), value < 256 { return result }
            throw ExpressionSyntaxError(column: column, problem: "invalid octal escape in string literal")
        default:
            throw ExpressionSyntaxError(
                column: column, problem: "invalid escape `\\\(scalar)` in string literal",
                expectation: "expected one of \\n \\t \\r \\\\ \\' \\\" \\xHH \\uHHHH")
        }
    }

    private mutating func hexEscape(digits: Int, column: Int) throws(ExpressionSyntaxError) -> Unicode.Scalar {
        var text = ""
        for _ in 0..<digits {
            guard let next = peek(), next.properties.isASCIIHexDigit else {
                throw ExpressionSyntaxError(
                    column: column, problem: "invalid escape in string literal",
                    expectation: "expected \(digits) hexadecimal digits")
            }
            text.unicodeScalars.append(next)
            position += 1
        }
        guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw ExpressionSyntaxError(column: column, problem: "invalid Unicode code point in string literal")
        }
        return scalar
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar) || scalar.properties.numericType != nil
    }
}
