import Pipeline
import Steps

/// Steps that change Stage and Freight objects instead of files. They live here, not in
/// `Steps`, because their effect is on Freightline's state: the engine applies them to the
/// promotion's pending `PromotionStateChanges`, later steps see them through
/// `stageMetadata()` / `freightMetadata()` / `ctx.targetFreight.alias`, and the caller
/// commits them with the Promotion's status.
enum StateStep: String, CaseIterable, Sendable {
    case setMetadata = "set-metadata"
    case setFreightAlias = "set-freight-alias"

    /// Applies the step's (evaluated, schema-checked) config to `changes`.
    func apply(config: JSONValue, to changes: inout PromotionStateChanges, freight: [Freight]) throws(StepError) {
        switch self {
        case .setMetadata:
            try SetMetadataStep.apply(config: config, to: &changes, freight: freight)
        case .setFreightAlias:
            try SetFreightAliasStep.apply(config: config, to: &changes, freight: freight)
        }
    }
}
