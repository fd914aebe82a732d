import Expressions
import Pipeline

/// Evaluates the `http` step's bare expr-lang expressions (no `${{ }}`) over `response`.
struct HTTPExpressionEvaluation {
    let context: ExpressionContext

    init(environment: JSONValue, now: Timestamp) {
        context = ExpressionContext(variables: (environment.objectValue ?? [:]).mapValues(ExpressionValue.init),
                                    clock: { now })
    }

    func evaluate(_ expression: String, field: String) throws(StepError) -> ExpressionValue {
        do {
            return try ParsedExpression(expression).evaluate(in: context)
        } catch let error as ExpressionSyntaxError {
            throw .terminal("\(HTTPStep.name): `\(field)` \(expression): \(error)")
        } catch {
            throw .terminal("\(HTTPStep.name): `\(field)` \(expression): \(error)")
        }
    }

    /// A success or failure expression: must give a boolean, as Kargo requires.
    func condition(_ expression: String, field: String) throws(StepError) -> Bool {
        let result = try evaluate(expression, field: field)
        guard case .bool(let flag) = result else {
            throw .terminal("\(HTTPStep.name): `\(field)` \(expression) gave a \(result.typeName), not a bool")
        }
        return flag
    }

    func value(_ expression: String, field: String) throws(StepError) -> JSONValue {
        try evaluate(expression, field: field).jsonValue
    }

    /// `errorExpression`: a non-empty string it gives, else nil (the default message). Only
    /// an expression that does not parse is an error, as in Kargo.
    func errorMessage(_ expression: String) throws(StepError) -> String? {
        let parsed: ParsedExpression
        do { parsed = try ParsedExpression(expression) } catch {
            throw .terminal("\(HTTPStep.name): `errorExpression` \(expression): \(error)")
        }
        guard case .string(let text)? = try? parsed.evaluate(in: context), !text.isEmpty else { return nil }
        return text
    }
}
