import Expressions
import Pipeline
import Steps

/// The evaluator handed to steps that evaluate expressions themselves (`yaml-parse` and
/// `json-parse` read `fromExpression` over a parsed document): a bare expr-lang expression,
/// no `${{ }}`, whose variables are the top-level keys of `environment`. `Steps` cannot
/// import `Expressions`, so the engine passes this in through `StepContext.evaluate`.
enum StepExpressionEvaluator {
    static func make(clock: @escaping @Sendable () -> Timestamp) -> StepContext.ExpressionEvaluator {
        { expression, environment in
            let variables = (environment.objectValue ?? [:]).mapValues(ExpressionValue.init)
            let context = ExpressionContext(variables: variables, clock: clock)
            return try ParsedExpression(expression).evaluate(in: context).jsonValue
        }
    }
}
