import Yams

/// Turns libyaml's errors (through Yams) into diagnostics with a position and a plain
/// sentence; libyaml's own wording is kept because it names the construct precisely.
enum YAMLErrorMapping {
    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context {
                message += " (\(context.text) at \(context.mark.line):\(context.mark.column))"
            }
            return .error(at: FileLocation(file: file, line: mark.line, column: mark.column), message)
        case .reader(let problem, let offset, _, _):
            let place = offset.map { position(ofByte: $0, in: text) } ?? (1, 1)
            return .error(at: FileLocation(file: file, line: place.0, column: place.1), "cannot read YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let second = secondOccurrence(of: key, after: context.mark, in: text)
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return .error(
                at: FileLocation(file: file, line: second.line, column: second.column),
                path: FieldPath([.key(key)]),
                "duplicate key \(keys) in one mapping (first at line \(context.mark.line)); each key may appear once, Kubernetes would silently keep only the last")
        default:
            return .error(at: .start(of: file), "cannot parse YAML: \(error)")
        }
    }

    /// Yams reports where a duplicated key first appears; the problem is the repeat,
    /// the next line starting with the same key at the same column.
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1 else { return (1, 1) }
        for index in mark.line..<lines.count {
            let line = lines[index]
            let scalars = Array(line.unicodeScalars)
            let start = mark.column - 1
            guard start >= 0, start < scalars.count else { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...]))
            if rest.hasPrefix(key) || rest.hasPrefix("\"\(key)\"") || rest.hasPrefix("'\(key)'") {
                let indent = scalars[..<start].allSatisfy { $0 == " " || $0 == "-" }
                if indent { return (index + 1, mark.column) }
            }
        }
        return (mark.line, mark.column)
    }

    private static func position(ofByte offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
