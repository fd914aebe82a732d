import Expressions
import Pipeline

/// Parses every `${{ }}` of a step (its `config`, `if`, `vars` and task `vars`) so a
/// mistyped expression is a validate-time diagnostic with the step, the field and the
/// column, not a failed promotion hours later.
struct ExpressionChecks {
    let origin: ObjectOrigin

    func check(_ step: YAMLNode, at path: FieldPath, into sink: inout DiagnosticSink) {
        for field in ["config", "if", "vars"] {
            guard let node = step[field] else { continue }
            walk(node, at: path.appending(field), into: &sink)
        }
    }

    private func walk(_ node: YAMLNode, at path: FieldPath, into sink: inout DiagnosticSink) {
        switch node.value {
        case .string(let text) where text.contains(ExpressionLanguage.opening) || text.contains("${%"):
            for error in ExpressionTemplate.check(text) {
                // A single-line plain scalar starts at its node's column, so the expression's
                // column maps onto the file; otherwise the message carries the column.
                let singleLine = !text.contains("\n")
                let location = FileLocation(file: origin.document.file, line: node.line,
                                            column: singleLine ? node.column + error.column - 1 : node.column)
                sink.error(at: location, path: origin.fullPath(path), "bad expression: \(error.message)")
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { walk(item, at: path.appending(index), into: &sink) }
        case .mapping(let entries):
            for entry in entries { walk(entry.value, at: path.appending(entry.key), into: &sink) }
        default:
            break
        }
    }
}
