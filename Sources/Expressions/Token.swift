/// One lexical token with the 1-based column of its first scalar.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case integer(Int64)
        case float(Double)
        case string(String)
        case identifier(String)
        /// Operators and punctuation, spelled as in the source.
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int

    /// How the token reads in a message: "`)`", "identifier `foo`", "end of expression".
    var quoted: String {
        switch kind {
        case .integer(let value): "number `\(value)`"
        case .float(let value): "number `\(value)`"
        case .string: "string literal"
        case .identifier(let name): "`\(name)`"
        case .symbol(let symbol): "`\(symbol)`"
        case .end: "end of expression"
        }
    }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let own) = kind { return own == symbol }
        return false
    }

    func isWord(_ word: String) -> Bool {
        if case .identifier(let own) = kind { return own == word }
        return false
    }
}
