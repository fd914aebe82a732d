/// Records each Stage's promotion-window status from a plan into its state
/// (`status.promotionWindowStatus`, Kargo's field), so the state shows when a Stage is
/// frozen and until when. Pure; changes nothing for a Stage whose status is unchanged.
public enum PromotionWindowRecord {
    /// Returns whether anything changed.
    @discardableResult
    public static func apply(_ plan: Plan, to state: inout PipelineState) -> Bool {
        var changed = false
        for project in plan.projects {
            for stage in project.stages {
                let recorded = state.stage(in: project.name, named: stage.name)?.status.promotionWindowStatus
                guard recorded != stage.promotionWindow else { continue }
                // A Stage with no state and no window needs no record.
                if stage.promotionWindow == nil, state.stage(in: project.name, named: stage.name) == nil { continue }
                state.updateStage(in: project.name, named: stage.name) { $0.status.promotionWindowStatus = stage.promotionWindow }
                changed = true
            }
        }
        return changed
    }
}
