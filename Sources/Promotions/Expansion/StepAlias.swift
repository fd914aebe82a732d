import Pipeline

/// Step aliases as Kargo forms them: `as:` when given, else `step-<n>` (or `task-<n>` for
/// a task reference), n counting from 1 within its list; steps inflated from a
/// PromotionTask are `<task alias>::<inner alias>`, and `task.outputs` and `status()` look
/// within that namespace.
public enum StepAlias {
    /// Separates a task step's alias from the alias of a step inside the task.
    public static let separator = "::"

    /// The alias of the step at `index` (0-based) in its list.
    public static func of(_ step: PromotionStep, at index: Int) -> String {
        if let alias = step.as, !alias.isEmpty { return alias }
        return step.task != nil ? "task-\(index + 1)" : "step-\(index + 1)"
    }

    /// `<task alias>::<inner alias>`.
    public static func namespaced(_ alias: String, in taskAlias: String) -> String {
        taskAlias + separator + alias
    }

    /// The task alias of an inflated step, or nil for a plain step. Like Kargo, only an
    /// alias with exactly one separator has a namespace.
    public static func namespace(of alias: String) -> String? {
        let parts = alias.split(separator: separator, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[0]) : nil
    }
}
