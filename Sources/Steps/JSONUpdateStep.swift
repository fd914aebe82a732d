import Manifests
import Pipeline

/// `json-update`: sets values at dotted key paths (`image.tag`, `containers.0.image`,
/// `example\.com/version`) in a JSON file, splicing the new text into the original bytes
/// so the formatting stays; missing keys are added after their siblings. Output:
/// `commitMessage`.
public struct JSONUpdateStep: PromotionStepRunner {
    public static let name = "json-update"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try KeyValueUpdatesConfig.decode(config, step: Self.name)
        return try config.apply(step: Self.name, context: context) { bytes, updates throws(EditError) in
            var editor = JSONEditor(bytes: bytes)
            for (key, value) in updates { try editor.set(key, to: value) }
            return editor.bytes
        }
    }
}
