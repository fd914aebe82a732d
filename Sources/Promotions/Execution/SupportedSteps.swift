import Pipeline
import Steps

/// The `uses` names Freightline can run: the runners in `StepRegistry` plus the steps that
/// change Kargo objects rather than files, which the engine performs itself.
public enum SupportedSteps {
    public static var names: Set<String> {
        StepRegistry.names.union(StateStep.allCases.map(\.rawValue))
    }

    /// The built-in names plus the configuration's CustomPromotionSteps.
    public static func names(for config: KargoConfig) -> Set<String> {
        names.union(config.customPromotionSteps.map(\.name))
    }
}
