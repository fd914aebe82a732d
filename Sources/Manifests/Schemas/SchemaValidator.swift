import Pipeline

/// Checks a positioned YAML tree against a `Schema`, reporting every mismatch with the
/// field path and what would be valid. With `allowsExpressions` (step configs), a
/// string holding `${{ }}` stands for a value computed at promotion time and is accepted
/// wherever a value goes.
struct SchemaValidator {
    let document: YAMLDocument
    var allowsExpressions = false
    /// Which field the object metadata sits at, so it gets the Kubernetes ObjectMeta schema.
    var metadataPath: FieldPath? = ["metadata"]

    /// - Parameter branch: `schema` is an `allOf`/`anyOf`/`oneOf` branch. A branch that
    ///   lists a few `properties` only constrains those; fields it does not name are the
    ///   enclosing schema's business, so they are not unknown to it (in JSON Schema only
    ///   `additionalProperties: false` forbids them).
    func validate(_ node: YAMLNode, against schema: Schema, at path: FieldPath, into sink: inout DiagnosticSink,
                  branch: Bool = false) {
        if allowsExpressions, let text = node.string, ExpressionText.contains(text) { return }
        if case .null = node.value { return }  // an explicit null is an absent field, as the API server treats it
        let location = FileLocation(file: document.file, line: node.line, column: node.column)

        if !schema.allOf.isEmpty {
            for branch in schema.allOf { validate(node, against: branch, at: path, into: &sink, branch: true) }
        }
        if !schema.anyOf.isEmpty || !schema.oneOf.isEmpty {
            let branches = schema.anyOf.isEmpty ? schema.oneOf : schema.anyOf
            if !validateOneBranch(node, branches: branches, at: path, into: &sink) { return }
        }

        if !schema.types.isEmpty || schema.intOrString {
            let accepted = schema.intOrString ? ["integer", "string"] : schema.types
            guard accepted.contains(where: { Self.matches(node, type: $0) }) else {
                sink.error(at: location, path: path, typeMismatch(node, expected: accepted))
                return
            }
        }

        if let values = schema.enumValues {
            let found = node.jsonValue
            if !values.contains(where: { Self.equal($0, found) }) {
                let valid = values.map(Self.render).joined(separator: ", ")
                sink.error(at: location, path: path, "\(Self.render(found)) is not allowed here; valid values: \(valid)")
                return
            }
        }
        if let constant = schema.constValue, !Self.equal(constant, node.jsonValue) {
            sink.error(at: location, path: path, "must be \(Self.render(constant)), found \(Self.render(node.jsonValue))")
        }

        switch node.value {
        case .string(let text):
            checkString(text, schema: schema, location: location, path: path, into: &sink)
        case .int, .double:
            checkNumber(node, schema: schema, location: location, path: path, into: &sink)
        case .sequence(let items):
            checkSequence(items, schema: schema, location: location, path: path, into: &sink)
        case .mapping(let entries):
            checkMapping(node, entries: entries, schema: schema, location: location, path: path, into: &sink, branch: branch)
        case .null, .bool:
            break
        }
    }

    /// anyOf / oneOf: accepted when some branch validates without errors; otherwise the
    /// branch that came closest explains what is wrong. Returns whether to go on.
    private func validateOneBranch(_ node: YAMLNode, branches: [Schema], at path: FieldPath, into sink: inout DiagnosticSink) -> Bool {
        var best: DiagnosticSink?
        for branch in branches {
            var trial = DiagnosticSink(strict: sink.strict)
            validate(node, against: branch, at: path, into: &trial, branch: true)
            if !trial.hasErrors { return true }
            if best == nil || trial.errorCount < best!.errorCount { best = trial }
        }
        if let best { sink.append(contentsOf: best.diagnostics) }
        return false
    }

    private func checkString(_ text: String, schema: Schema, location: FileLocation, path: FieldPath, into sink: inout DiagnosticSink) {
        let length = text.count
        if let minimum = schema.minLength, length < minimum {
            sink.error(at: location, path: path, minimum == 1 ? "must not be empty" : "must be at least \(minimum) characters long, found \(length)")
        }
        if let maximum = schema.maxLength, length > maximum {
            sink.error(at: location, path: path, "must be at most \(maximum) characters long, found \(length)")
        }
        if let pattern = schema.pattern, !PatternCache.matches(text, pattern: pattern) {
            sink.error(at: location, path: path, patternMismatch(text, pattern: pattern))
        }
        if schema.format == "date-time", Timestamp(rfc3339: text) == nil {
            sink.error(at: location, path: path, "\(Self.render(.string(text))) is not an RFC 3339 time (e.g. 2026-11-23T09:00:00Z)")
        }
    }

    /// Durations get a sentence about durations rather than the pattern that encodes them.
    private func patternMismatch(_ text: String, pattern: String) -> String {
        let isDuration = pattern.contains("(s|m|h))+") || pattern.contains("(ns|us|µs|ms|s|m|h))+")
        guard isDuration else {
            return "\(Self.render(.string(text))) does not match the required pattern \(pattern)"
        }
        do {
            _ = try GoDuration(parsing: text)
            return "\(Self.render(.string(text))) is a duration Kargo does not accept here; write it with whole h, m and s units (e.g. 1h30m, 45s)"
        } catch {
            return "\(Self.render(.string(text))) is not a duration: \(error)"
        }
    }

    private func checkNumber(_ node: YAMLNode, schema: Schema, location: FileLocation, path: FieldPath, into sink: inout DiagnosticSink) {
        let value: Double
        switch node.value {
        case .int(let number): value = Double(number)
        case .double(let number): value = number
        default: return
        }
        if let minimum = schema.minimum, value < minimum {
            sink.error(at: location, path: path, "must be at least \(Self.format(minimum)), found \(node.scalarText ?? "")")
        }
        if let maximum = schema.maximum, value > maximum {
            sink.error(at: location, path: path, "must be at most \(Self.format(maximum)), found \(node.scalarText ?? "")")
        }
    }

    private func checkSequence(_ items: [YAMLNode], schema: Schema, location: FileLocation, path: FieldPath, into sink: inout DiagnosticSink) {
        if let minimum = schema.minItems, items.count < minimum {
            sink.error(at: location, path: path, "needs at least \(minimum) item\(minimum == 1 ? "" : "s"), found \(items.count)")
        }
        if let maximum = schema.maxItems, items.count > maximum {
            sink.error(at: location, path: path, "allows at most \(maximum) item\(maximum == 1 ? "" : "s"), found \(items.count)")
        }
        if let itemSchema = schema.items {
            for (index, item) in items.enumerated() {
                validate(item, against: itemSchema, at: path.appending(index), into: &sink)
            }
        }
        if schema.uniqueItems {
            var seen: [JSONValue] = []
            for (index, item) in items.enumerated() {
                let value = item.jsonValue
                if seen.contains(where: { Self.equal($0, value) }) {
                    sink.error(at: FileLocation(file: document.file, line: item.line, column: item.column),
                               path: path.appending(index), "duplicate item \(Self.render(value)); items must be unique")
                }
                seen.append(value)
            }
        }
    }

    private func checkMapping(_ node: YAMLNode, entries: [YAMLEntry], schema: Schema, location: FileLocation, path: FieldPath,
                              into sink: inout DiagnosticSink, branch: Bool) {
        let effective = (metadataPath == path) ? SchemaCatalog.objectMeta : schema
        for name in effective.required where (node[name] == nil || isNull(node[name])) && effective.properties[name]?.hasDefault != true {
            sink.error(at: location, path: path.appending(name), "missing required field `\(name)`")
        }
        if let minimum = effective.minProperties, entries.count < minimum {
            sink.error(at: location, path: path, "needs at least \(minimum) field\(minimum == 1 ? "" : "s")")
        }
        for entry in entries {
            let childPath = path.appending(entry.key)
            if let child = effective.properties[entry.key] {
                validate(entry.value, against: child, at: childPath, into: &sink)
                continue
            }
            switch effective.additional {
            case .schema(let valueSchema):
                validate(entry.value, against: valueSchema, at: childPath, into: &sink)
            case .allowed:
                continue
            case .forbidden, .unspecified:
                if case .unspecified = effective.additional, !effective.describesFields || branch { continue }
                if effective.preservesUnknownFields { continue }
                let keyLocation = FileLocation(file: document.file, line: entry.keyLine, column: entry.keyColumn)
                sink.strictWarning(at: keyLocation, path: childPath, unknownField(entry.key, known: effective.properties.keys))
            }
        }
    }

    private func isNull(_ node: YAMLNode?) -> Bool {
        if case .null? = node?.value { return true }
        return false
    }

    private func unknownField(_ name: String, known: Dictionary<String, Schema>.Keys) -> String {
        let sortedKnown = known.sorted()
        var message = "unknown field `\(name)`"
        if let suggestion = Suggestion.closest(to: name, among: sortedKnown) {
            message += "; did you mean `\(suggestion)`?"
        } else if sortedKnown.count <= 16 {
            message += "; known fields here: \(sortedKnown.joined(separator: ", "))"
        }
        return message + " (ignored; newer Kargo versions may know it)"
    }

    private func typeMismatch(_ node: YAMLNode, expected: [String]) -> String {
        let wanted = expected.map { $0 == "object" ? "a mapping" : $0 == "array" ? "a list" : $0 == "integer" ? "an integer" : "a \($0)" }
            .joined(separator: " or ")
        var message = "expected \(wanted), found \(node.typeName)"
        if let text = node.scalarText { message += " \(Self.render(.string(text)))" }
        if expected.contains("string"), node.scalarText != nil {
            message += "; quote the value to keep it as text"
        }
        return message
    }

    static func matches(_ node: YAMLNode, type: String) -> Bool {
        switch (type, node.value) {
        case ("object", .mapping), ("array", .sequence), ("string", .string), ("boolean", .bool),
             ("null", .null), ("integer", .int), ("number", .int), ("number", .double):
            return true
        case ("integer", .double(let number)):
            return number.rounded() == number && number.isFinite
        default:
            return false
        }
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Double(a) == b
        default: lhs == rhs
        }
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "`\(text.count > 80 ? String(text.prefix(77)) + "..." : text)`"
        case .int(let number): "`\(number)`"
        case .double(let number): "`\(format(number))`"
        case .bool(let flag): "`\(flag)`"
        case .null: "`null`"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
