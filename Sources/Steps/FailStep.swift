import Pipeline

/// `fail`: fails the promotion on purpose (usually behind an `if:`), with a message.
public struct FailStep: PromotionStepRunner {
    public static let name = "fail"
    public init() {}

    struct Config: Decodable {
        var message: String?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        throw .terminal(config.message ?? "failed by a `fail` step")
    }
}
