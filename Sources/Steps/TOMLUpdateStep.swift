import Manifests
import Pipeline

/// `toml-update`: sets values at dotted key paths (`package.version`, `values.1`,
/// `labels.example\.com/version`) in a TOML file, replacing each value where it is written
/// so comments stay. Unlike Kargo, missing keys are added. Output:
/// `commitMessage`.
public struct TOMLUpdateStep: PromotionStepRunner {
    public static let name = "toml-update"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try KeyValueUpdatesConfig.decode(config, step: Self.name)
        return try config.apply(step: Self.name, context: context) { bytes, updates throws(EditError) in
            var editor = TOMLEditor(bytes: bytes)
            for (key, value) in updates { try editor.set(key, to: value) }
            return editor.bytes
        }
    }
}
