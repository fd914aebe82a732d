import Yams

/// Turns the bytes of one file into positioned YAML documents, reporting every way the
/// bytes can be hostile (not UTF-8, empty, syntax errors, duplicate keys, alias bombs)
/// as diagnostics instead of crashing, hanging or exhausting memory.
public enum YAMLReader {
    /// Each file's limit. Kubernetes refuses objects over ~1.5 MB; a config file many
    /// times that is a mistake, and reading it whole would cost memory for nothing.
    public static let maxFileBytes = 16 * 1024 * 1024

    public static func documents(
        from bytes: [UInt8], file: String, sink: inout DiagnosticSink
    ) -> [YAMLDocument] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = UTF8Validation.firstInvalidByte(in: body) {
            sink.error(
                at: FileLocation(file: file, line: bad.line, column: bad.column),
                "file is not valid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true)) at offset \(bad.offset)); Kubernetes and Kargo read YAML as UTF-8")
            return []
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) {
            sink.error(at: .start(of: file), "file is empty; a Kargo config file holds one or more YAML documents (remove the file or add its content)")
            return []
        }
        if let aliasKey = AliasKeyGuard.firstAliasKey(in: text) {
            sink.error(
                at: FileLocation(file: file, line: aliasKey.line, column: aliasKey.column),
                "an alias (*name) used as a mapping key is not supported; write the key out")
            return []
        }

        var documents: [YAMLDocument] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            var index = 0
            var budget = NodeBudget(limit: 10_000 + 4 * body.count)
            while let root = try parser.nextRoot() {
                defer { index += 1 }
                let converted = try NodeConverter.convert(root, budget: &budget)
                if case .null = converted.value { continue }  // an empty document between `---`
                documents.append(YAMLDocument(file: file, index: index, root: converted))
            }
            if index == 0 {
                sink.warning(at: .start(of: file), "file holds only comments; no YAML document found")
            }
        } catch let error as YamlError {
            sink.append(YAMLErrorMapping.diagnostic(for: error, file: file, text: text))
        } catch let error as NodeConverter.Failure {
            switch error {
            case .budgetExceeded(let line, let column):
                sink.error(
                    at: FileLocation(file: file, line: line, column: column),
                    "document expands its aliases (*name) beyond \(10_000 + 4 * body.count) nodes; an alias bomb is refused, write the repeated content out or use fewer aliases")
            case .complexKey(let line, let column):
                sink.error(
                    at: FileLocation(file: file, line: line, column: column),
                    "a mapping key must be a scalar (text); sequences and mappings as keys are not supported")
            }
        } catch {
            sink.error(at: .start(of: file), "cannot parse YAML: \(error)")
        }
        return documents
    }
}

/// How many nodes the conversion may visit. Aliases are shared in the parsed tree but
/// each use is visited again, so a billion-laughs document would be exponential work.
struct NodeBudget {
    let limit: Int
    var used = 0
}
