import Expressions
import Pipeline

/// Argo Rollouts' judgement of one measurement (`EvaluateResult`): `successCondition` and
/// `failureCondition` are expr-lang expressions over `result`, with Argo's helpers
/// `asInt`, `asFloat`, `isNaN`, `isInf`, `isNil` and `default`.
///
/// - Neither condition: Successful.
/// - Only `successCondition`: Failed when it is false.
/// - Only `failureCondition`: Successful when it is false.
/// - Both: Failed when the failure condition holds, Successful when only the success
///   condition does, Inconclusive when neither does.
///
/// A condition that does not evaluate to a boolean makes the measurement an Error.
public struct ConditionEvaluation: Sendable {
    public var successCondition: String?
    public var failureCondition: String?

    public init(_ metric: Metric) {
        successCondition = metric.successCondition.flatMap { $0.isEmpty ? nil : $0 }
        failureCondition = metric.failureCondition.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The phase `result` earns, or the reason it cannot be judged.
    public func phase(for result: JSONValue) -> Result<AnalysisPhase, MeasurementError> {
        var succeeded = false
        var failed = false
        if let successCondition {
            switch Self.holds(successCondition, result: result, field: "successCondition") {
            case .success(let value): succeeded = value
            case .failure(let error): return .failure(error)
            }
        }
        if let failureCondition {
            switch Self.holds(failureCondition, result: result, field: "failureCondition") {
            case .success(let value): failed = value
            case .failure(let error): return .failure(error)
            }
        }
        switch (successCondition, failureCondition) {
        case (nil, nil): return .success(.successful)
        case (_?, nil): failed = !succeeded
        case (nil, _?): succeeded = !failed
        default: break
        }
        if failed { return .success(.failed) }
        return .success(succeeded ? .successful : .inconclusive)
    }

    /// Parses a condition, for `validate`: nil when it is well formed.
    public static func problem(in condition: String) -> ExpressionSyntaxError? {
        do {
            _ = try ParsedExpression(condition, dialect: .analysis)
            return nil
        } catch {
            return error
        }
    }

    static func holds(_ condition: String, result: JSONValue, field: String) -> Result<Bool, MeasurementError> {
        let value: ExpressionValue
        do {
            let parsed = try ParsedExpression(condition, dialect: .analysis)
            value = try parsed.evaluate(in: ExpressionContext(variables: ["result": ExpressionValue(result)]))
        } catch let error as ExpressionSyntaxError {
            return .failure(MeasurementError("could not evaluate \(field) \"\(condition)\": \(error)"))
        } catch {
            if Self.isEmpty(result) {
                return .failure(MeasurementError(
                    "could not evaluate \(field) \"\(condition)\": metric result is nil or empty: no data returned from the metric provider"))
            }
            return .failure(MeasurementError("could not evaluate \(field) \"\(condition)\": \(error)"))
        }
        guard case .bool(let holds) = value else {
            return .failure(MeasurementError("could not evaluate \(field) \"\(condition)\": expected bool, but got \(value.typeName)"))
        }
        return .success(holds)
    }

    private static func isEmpty(_ result: JSONValue) -> Bool {
        switch result {
        case .null: true
        case .array(let items): items.isEmpty
        default: false
        }
    }
}
