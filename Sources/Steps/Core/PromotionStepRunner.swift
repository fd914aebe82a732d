import Pipeline

/// One built-in promotion step, as Kargo names it in `uses:`. A step gets its config with
/// every `${{ }}` already evaluated, works only inside the promotion's private work folder,
/// and returns outputs later steps read through `outputs.<alias>`.
public protocol PromotionStepRunner: Sendable {
    /// The name in `uses:` (`copy`, `git-commit`...).
    static var name: String { get }
    init()
    func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult
}
