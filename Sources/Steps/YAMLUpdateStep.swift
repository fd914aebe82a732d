import Manifests
import Pipeline

/// `yaml-update`: sets values at dotted key paths (`image.tag`, `containers.0.image`,
/// `example\.com/version`) in a YAML file, splicing the new text into the original bytes
/// so comments and formatting stay. Unlike Kargo, missing keys are added. Output:
/// `commitMessage`.
public struct YAMLUpdateStep: PromotionStepRunner {
    public static let name = "yaml-update"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try KeyValueUpdatesConfig.decode(config, step: Self.name)
        return try config.apply(step: Self.name, context: context) { bytes, updates throws(EditError) in
            var editor = YAMLEditor(bytes: bytes)
            for (key, value) in updates { try editor.set(key, to: value) }
            return editor.bytes
        }
    }
}
