import Pipeline

/// `outputs: [{name, fromExpression}]` of `yaml-parse` and `json-parse`: each expression is
/// evaluated with the parsed document as its environment (so `image.tag` reads a member),
/// through the evaluator the promotion engine puts in the context.
struct ParsedFileOutputsConfig: Decodable {
    struct Output: Decodable {
        var name: String
        var fromExpression: String
    }

    var path: String
    var outputs: [Output]

    func evaluate(over document: JSONValue, step: String, context: StepContext) throws(StepError) -> StepResult {
        guard !outputs.isEmpty else { throw .terminal("\(step): `outputs` must hold at least one output") }
        guard case .object = document else {
            throw .terminal("\(step): \(path) holds a \(document.typeName), not a mapping of keys to values")
        }
        var values: [String: JSONValue] = [:]
        for output in outputs {
            do {
                values[output.name] = try context.evaluate(output.fromExpression, document)
            } catch {
                throw .terminal("\(step): output `\(output.name)`: cannot evaluate `\(output.fromExpression)`: \(error)")
            }
        }
        return StepResult(output: values)
    }
}
