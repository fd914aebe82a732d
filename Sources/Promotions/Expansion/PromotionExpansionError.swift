import Pipeline

/// Why a Stage's promotion template could not be turned into a Promotion's steps. Each case
/// names the template step (by its position in `spec.promotionTemplate.spec.steps`) or the
/// task step at fault, so the message points the user at the line to fix.
public enum PromotionExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A template step has neither `uses` nor `task`.
    case stepNeedsUsesOrTask(index: Int)
    /// A template step has both `uses` and `task`.
    case stepHasUsesAndTask(index: Int)
    /// `task:` names a PromotionTask or ClusterPromotionTask that does not exist.
    case taskNotFound(index: Int, name: String, kind: PromotionTaskKind)
    /// A step inside a task references another task; Kargo forbids nesting.
    case nestedTask(task: String, index: Int)
    /// A step inside a task has no `uses`.
    case taskStepNeedsUses(task: String, index: Int)
    /// A task variable without a default was given no value by the task step or the
    /// promotion's variables.
    case missingTaskVariable(task: String, taskAlias: String, variable: String)
    /// A step names something Freightline does not run.
    case unsupportedStep(alias: String, uses: String)
    /// Two steps end up with the same alias, so their outputs would collide.
    case duplicateAlias(String)

    public var description: String {
        switch self {
        case .stepNeedsUsesOrTask(let index):
            "promotion template step \(index + 1) needs `uses:` (a step) or `task:` (a PromotionTask)"
        case .stepHasUsesAndTask(let index):
            "promotion template step \(index + 1) sets both `uses` and `task`; set exactly one"
        case .taskNotFound(let index, let name, let kind):
            "promotion template step \(index + 1) references \(kind.rawValue) `\(name)`, which does not exist"
        case .nestedTask(let task, let index):
            "step \(index + 1) of PromotionTask `\(task)` references another task; tasks cannot be nested"
        case .taskStepNeedsUses(let task, let index):
            "step \(index + 1) of PromotionTask `\(task)` needs `uses:` (the step to run)"
        case .missingTaskVariable(let task, let taskAlias, let variable):
            "task step `\(taskAlias)` (PromotionTask `\(task)`) gives no value for variable `\(variable)`, which has no default"
        case .unsupportedStep(let alias, let uses):
            "step `\(alias)`: " + PromotionExpansion.unsupportedMessage(uses)
        case .duplicateAlias(let alias):
            "two steps have the alias `\(alias)`; aliases must be unique within a promotion"
        }
    }
}
