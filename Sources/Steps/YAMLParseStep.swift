import Manifests
import Pipeline

/// `yaml-parse`: reads a YAML file (its first document) and outputs one value per
/// `outputs[]` entry, each the result of its `fromExpression` over the document.
public struct YAMLParseStep: PromotionStepRunner {
    public static let name = "yaml-parse"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(ParsedFileOutputsConfig.self, from: config, step: Self.name)
        let file = try EditedFile(config.path, context: context, step: Self.name)
        var sink = DiagnosticSink()
        let documents = YAMLReader.documents(from: try file.read(step: Self.name), file: config.path, sink: &sink)
        if let problem = sink.diagnostics.first(where: { $0.severity == .error }) {
            throw .terminal("\(Self.name): \(config.path):\(problem.location.line):\(problem.location.column): \(problem.message)")
        }
        let document = documents.first?.root.jsonValue ?? .object([:])
        return try config.evaluate(over: document, step: Self.name, context: context)
    }
}
