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
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            sink.error(at: .start(of: file), "file is empty; a Kargo config file holds one or more YAML documents (remove the file or add its content)")
            return []
        }
        let limit = 10_000 + 4 * body.count
        let roots: [YAMLNode]
        do {
            roots = try body.withUnsafeBufferPointer { buffer throws(LibYAMLComposer.Failure) in
                try LibYAMLComposer(nodeLimit: limit).documents(buffer)
            }
        } catch {
            sink.append(diagnostic(for: error, file: file))
            return []
        }
        var documents: [YAMLDocument] = []
        for (index, root) in roots.enumerated() {
            if case .null = root.value { continue }  // an empty document between `---`
            documents.append(YAMLDocument(file: file, index: index, root: root))
        }
        if roots.isEmpty {
            sink.warning(at: .start(of: file), "file holds only comments; no YAML document found")
        }
        return documents
    }
}

extension YAMLReader {
    static func diagnostic(for failure: LibYAMLComposer.Failure, file: String) -> Diagnostic {
        switch failure {
        case .syntax(let message, let line, let column):
            return .error(at: FileLocation(file: file, line: line, column: column), "YAML syntax error: \(message)")
        case .duplicateKey(let key, let line, let column, let firstLine):
            return .error(at: FileLocation(file: file, line: line, column: column), path: FieldPath([.key(key)]),
                          "duplicate key `\(key)` in one mapping (first at line \(firstLine)); each key may appear once, Kubernetes would silently keep only the last")
        case .complexKey(let line, let column):
            return .error(at: FileLocation(file: file, line: line, column: column),
                          "a mapping key must be a scalar (text); sequences and mappings as keys are not supported")
        case .unknownAlias(let name, let line, let column):
            return .error(at: FileLocation(file: file, line: line, column: column), "alias *\(name) refers to no anchor &\(name) before it")
        case .budgetExceeded(let limit, let line, let column):
            return .error(at: FileLocation(file: file, line: line, column: column),
                          "document expands its aliases (*name) beyond \(limit) nodes; an alias bomb is refused, write the repeated content out or use fewer aliases")
        case .tooDeep(let limit, let line, let column):
            return .error(at: FileLocation(file: file, line: line, column: column), "nesting deeper than \(limit) levels is refused")
        }
    }
}
