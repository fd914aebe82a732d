import Pipeline

/// One built-in promotion step, as Kargo names it in `uses:`. A step gets its config with
/// every `${{ }}` already evaluated, works only inside the promotion's private work folder,
/// and returns outputs later steps read through `outputs.<alias>`.
public protocol PromotionStepRunner: StepRunning {
    /// The name in `uses:` (`copy`, `git-commit`...).
    static var name: String { get }
    init()
}

/// Anything that runs a step's evaluated config: the built-in steps, and the custom steps
/// a `CustomPromotionStep` defines (which have no name of their own until loaded).
public protocol StepRunning: Sendable {
    func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult
}
