import Manifests
import Pipeline

/// `json-parse`: reads a JSON file and outputs one value per `outputs[]` entry, each the
/// result of its `fromExpression` over the document.
public struct JSONParseStep: PromotionStepRunner {
    public static let name = "json-parse"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(ParsedFileOutputsConfig.self, from: config, step: Self.name)
        let file = try EditedFile(config.path, context: context, step: Self.name)
        let document: JSONValue
        do {
            document = try JSONEditor.value(of: try file.read(step: Self.name))
        } catch let error as EditError {
            throw .terminal("\(Self.name): \(config.path): \(error)")
        } catch let error as StepError {
            throw error
        } catch {
            throw .terminal("\(Self.name): \(config.path): \(error)")
        }
        return try config.evaluate(over: document, step: Self.name, context: context)
    }
}
