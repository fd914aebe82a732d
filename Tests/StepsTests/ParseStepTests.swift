import Foundation
import Pipeline
import Testing
@testable import Steps

/// A stand-in for the engine's expr-lang evaluator: dotted member paths only, enough to
/// prove the step hands the parsed document over as the environment.
let dottedPathEvaluator: StepContext.ExpressionEvaluator = { expression, environment in
    var current = environment
    for part in expression.split(separator: ".") {
        if let index = Int(part), let items = current.arrayValue, items.indices.contains(index) {
            current = items[index]
        } else if let member = current[String(part)] {
            current = member
        } else {
            struct Missing: Error, CustomStringConvertible { var description: String }
            throw Missing(description: "no member \(part)")
        }
    }
    return current
}

@Suite struct ParseStepTests {
    private func context(_ folder: WorkFolder) -> StepContext {
        var context = folder.context
        context.evaluate = dottedPathEvaluator
        return context
    }

    @Test func yamlParseOutputsEachExpression() async throws {
        let folder = try WorkFolder()
        try folder.write("values.yaml", "# values\nimage:\n  tag: \"v1.2.3\"\n  pull: true\nports: [80, 443]\n")
        let result = try await YAMLParseStep().run(config: object([
            "path": "./values.yaml",
            "outputs": [object(["name": "imageTag", "fromExpression": "image.tag"]),
                        object(["name": "pull", "fromExpression": "image.pull"]),
                        object(["name": "second", "fromExpression": "ports.1"])],
        ]), context: context(folder))
        #expect(result.output == ["imageTag": "v1.2.3", "pull": true, "second": .int(443)])
    }

    @Test func jsonParseOutputsEachExpression() async throws {
        let folder = try WorkFolder()
        try folder.write("config.json", #"{"image": {"tag": "v1.2.3", "size": 1.5}, "list": ["a", "b"]}"#)
        let result = try await JSONParseStep().run(config: object([
            "path": "config.json",
            "outputs": [object(["name": "imageTag", "fromExpression": "image.tag"]),
                        object(["name": "size", "fromExpression": "image.size"]),
                        object(["name": "first", "fromExpression": "list.0"])],
        ]), context: context(folder))
        #expect(result.output == ["imageTag": "v1.2.3", "size": .double(1.5), "first": "a"])
    }

    @Test func failuresAreTerminal() async throws {
        let folder = try WorkFolder()
        try folder.write("list.json", "[1, 2]")
        try folder.write("bad.yaml", "a: [1\n")
        try folder.write("ok.yaml", "a: 1\n")
        let outputs: JSONValue = [object(["name": "x", "fromExpression": "a"])]
        for (step, path) in [(JSONParseStep() as any PromotionStepRunner, "list.json"), (YAMLParseStep(), "bad.yaml"),
                             (YAMLParseStep(), "missing.yaml"), (JSONParseStep(), "../x.json")] {
            await #expect(throws: StepError.self) {
                _ = try await step.run(config: object(["path": .string(path), "outputs": outputs]), context: context(folder))
            }
        }
        // Without an evaluator from the engine, the step says so instead of guessing.
        await #expect(throws: StepError.terminal("yaml-parse: output `x`: cannot evaluate `a`: no expression evaluator is available to this step")) {
            _ = try await YAMLParseStep().run(config: object(["path": "ok.yaml", "outputs": outputs]), context: folder.context)
        }
    }
}
