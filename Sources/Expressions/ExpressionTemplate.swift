import Pipeline

/// Evaluates configuration values that embed `${{ … }}` expressions, as Kargo does for
/// step `config`, `vars` and `if`:
/// - text without an expression is returned unchanged (so "42" stays a string);
/// - a value that is exactly one expression (optionally followed by one newline, which a
///   YAML `|` block adds) keeps the expression's type: number, bool, map, list;
/// - mixed text is a string, each expression rendered as Kargo renders it (strings raw,
///   everything else as Go's `json.Marshal`).
/// In both cases a string result wrapped in double quotes loses them, which is how Kargo's
/// `quote()` forces a string (`${{ quote(42) }}` is "42", not 42).
public enum ExpressionTemplate {
    /// Evaluates one configuration string.
    public static func evaluate(_ text: String, context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        guard ExpressionLanguage.delimiters.contains(where: { text.contains($0.open) }) else {
            return .string(text)
        }
        let segments: [TemplateSegment]
        do {
            segments = try TemplateSegment.split(text)
        } catch {
            throw .syntax(error)
        }
        var whole: [TemplateSegment] = segments
        var trailingNewline = false
        if whole.count == 2, case .text("\n") = whole[1] {
            whole.removeLast()
            trailingNewline = true
        }
        if whole.count == 1, case .expression(let source, let offset) = whole[0] {
            let value = try value(of: source, offset: offset, context: context)
            guard case .string(let string) = value else { return value.jsonValue }
            return .string(unquoted(string) + (trailingNewline ? "\n" : ""))
        }
        var rendered = ""
        for segment in segments {
            switch segment {
            case .text(let literal):
                rendered += literal
            case .expression(let source, let offset):
                let value = try value(of: source, offset: offset, context: context)
                if case .string(let string) = value {
                    rendered += string
                } else {
                    do {
                        rendered += try GoJSON.encode(value)
                    } catch {
                        throw .runtime(error.located(at: offset + 1))
                    }
                }
            }
        }
        if rendered.hasSuffix("\n") {
            return .string(unquoted(String(rendered.dropLast())) + "\n")
        }
        return .string(unquoted(rendered))
    }

    /// Evaluates every string inside a JSON value (step `config`): object values and array
    /// items recursively; object keys are left alone, as in Kargo.
    public static func evaluate(_ value: JSONValue, context: ExpressionContext) throws(ExpressionError) -> JSONValue {
        switch value {
        case .string(let text):
            return try evaluate(text, context: context)
        case .array(let items):
            var result: [JSONValue] = []
            for item in items { result.append(try evaluate(item, context: context)) }
            return .array(result)
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[key] = try evaluate(member, context: context) }
            return .object(result)
        default:
            return value
        }
    }

    /// Parses (without evaluating) every expression in `text`; columns are 1-based within
    /// the whole text. Empty when all expressions are well-formed.
    public static func check(_ text: String) -> [ExpressionSyntaxError] {
        let segments: [TemplateSegment]
        do {
            segments = try TemplateSegment.split(text)
        } catch {
            return [error]
        }
        var errors: [ExpressionSyntaxError] = []
        for case .expression(let source, let offset) in segments {
            do {
                _ = try ParsedExpression(source)
            } catch {
                errors.append(error.shifted(by: offset))
            }
        }
        return errors
    }

    /// Parses every expression in a JSON value's strings.
    public static func check(_ value: JSONValue) -> [ExpressionSyntaxError] {
        switch value {
        case .string(let text): check(text)
        case .array(let items): items.flatMap { check($0) }
        case .object(let members): members.keys.sorted().flatMap { check(members[$0] ?? .null) }
        default: []
        }
    }

    private static func value(of source: String, offset: Int, context: ExpressionContext) throws(ExpressionError)
        -> ExpressionValue
    {
        let expression: ParsedExpression
        do {
            expression = try ParsedExpression(source)
        } catch {
            throw .syntax(error.shifted(by: offset))
        }
        do {
            return try expression.evaluate(in: context)
        } catch {
            throw .runtime(error.column.map { ExpressionRuntimeError(error.message, column: $0 + offset) } ?? error)
        }
    }

    /// Kargo strips one pair of surrounding double quotes from a rendered result.
    private static func unquoted(_ text: String) -> String {
        guard text.count > 1, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}
