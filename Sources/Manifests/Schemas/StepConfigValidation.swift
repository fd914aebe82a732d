import Pipeline

/// Checks a step's `config` after its expressions were evaluated, as Kargo does just before
/// a step runs: by then every value is final, so a wrong type, a missing field or an unknown
/// field is an error (at load time the same fields may still hold `${{ }}` and only warn).
public enum StepConfigValidation {
    /// One thing wrong with an evaluated config: where (`updates[0].kind`, relative to
    /// `config`) and what.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var path: FieldPath
        public var message: String

        public init(path: FieldPath, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String {
            path.components.isEmpty ? message : "\(path): \(message)"
        }
    }

    /// Whether Freightline has Kargo's config schema for the step named in `uses`.
    public static func hasSchema(forStep uses: String) -> Bool {
        SchemaCatalog.step(uses) != nil
    }

    /// Every problem of `config` against the schema of step `uses`, in document order;
    /// empty when it is valid or no schema is known. A missing config is checked as `{}`.
    public static func problems(in config: JSONValue?, forStep uses: String) -> [Problem] {
        guard let schema = SchemaCatalog.step(uses) else { return [] }
        let root = node(for: config ?? .object([:]))
        let document = YAMLDocument(file: "config", index: 0, root: root)
        var validator = SchemaValidator(document: document)
        validator.metadataPath = nil
        var sink = DiagnosticSink(strict: true)
        validator.validate(root, against: schema, at: .root, into: &sink)
        return sink.diagnostics.filter { $0.severity == .error }.map {
            Problem(path: $0.path, message: runtimeWording($0.message))
        }
    }

    /// Unknown fields are load-time warnings that say they are ignored; here they are errors.
    private static func runtimeWording(_ message: String) -> String {
        let suffix = " (ignored; newer Kargo versions may know it)"
        return message.hasSuffix(suffix) ? String(message.dropLast(suffix.count)) : message
    }

    /// A positionless YAML tree for a JSON value; object keys in sorted order so problems
    /// come out in a stable order.
    private static func node(for value: JSONValue) -> YAMLNode {
        switch value {
        case .null: YAMLNode(.null, line: 0, column: 0)
        case .bool(let flag): YAMLNode(.bool(flag), line: 0, column: 0)
        case .int(let number): YAMLNode(.int(number), line: 0, column: 0)
        case .double(let number): YAMLNode(.double(number), line: 0, column: 0)
        case .string(let text): YAMLNode(.string(text), line: 0, column: 0)
        case .array(let items): YAMLNode(.sequence(items.map(node(for:))), line: 0, column: 0)
        case .object(let members):
            YAMLNode(.mapping(members.sorted { $0.key < $1.key }.map { member in
                YAMLEntry(key: member.key, keyLine: 0, keyColumn: 0, value: node(for: member.value))
            }), line: 0, column: 0)
        }
    }
}
