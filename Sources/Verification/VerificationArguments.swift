import Expressions
import Foundation
import Pipeline

/// Evaluates a Stage's `verification.args`: each value may hold `${{ }}` expressions that
/// see `ctx.project`, `ctx.stage`, the Stage's `vars` and the Freight functions
/// (`commitFrom`, `imageFrom`, …) over the Freight the Stage holds, as Kargo evaluates them
/// when it starts an AnalysisRun.
struct VerificationArguments {
    var stage: Stage
    var project: String
    var freight: [Freight]
    var known: [Freight]
    var clock: @Sendable () -> Timestamp

    func evaluate(_ args: [AnalysisRunArgument]) throws -> [Argument] {
        var vars: [String: JSONValue] = [:]
        for variable in stage.spec.vars ?? [] {
            let context = context(vars: vars)
            vars[variable.name] = try variable.value.map { try ExpressionTemplate.evaluate($0, context: context) } ?? .null
        }
        let context = context(vars: vars)
        var evaluated: [Argument] = []
        for argument in args {
            guard let text = argument.value else {
                evaluated.append(Argument(name: argument.name))
                continue
            }
            do {
                let value = try ExpressionTemplate.evaluate(text, context: context)
                evaluated.append(Argument(name: argument.name, value: Self.text(value)))
            } catch {
                throw VerificationSetupError("verification args.\(argument.name): \(error)")
            }
        }
        return evaluated
    }

    private func context(vars: [String: JSONValue]) -> ExpressionContext {
        ExpressionContext.promotion(project: project, stage: stage.metadata.name, promotion: "",
                                    targetFreight: freight.first, vars: vars, freight: freight,
                                    knownFreight: known, clock: clock)
    }

    /// Argument values are strings; a whole-expression value that kept its type is
    /// written as text (a number or boolean as it prints, a list or map as JSON).
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array, .object:
            guard let data = try? JSONEncoder().encode(value) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
