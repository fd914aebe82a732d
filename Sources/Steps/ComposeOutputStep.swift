import Pipeline

/// `compose-output`: its (already evaluated) config becomes its output, so later steps or a
/// PromotionTask's caller can read a combination of earlier outputs under one alias.
public struct ComposeOutputStep: PromotionStepRunner {
    public static let name = "compose-output"
    public init() {}

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        guard let members = config.objectValue, !members.isEmpty else {
            throw .terminal("compose-output: config must be a mapping of output names to values")
        }
        return StepResult(output: members)
    }
}
