import Pipeline

/// Runs one claimed Promotion's steps. The reconcile loop only decides, claims and
/// records; this is where files are edited and remotes written.
public protocol PromotionExecutor {
    /// Runs (or resumes) `promotion`, whose status is Running and whose `spec.steps`
    /// are expanded. `state` is the state as claimed, for expressions that read Freight
    /// and Stage metadata. Never throws: every failure is a Promotion status.
    func execute(_ promotion: Promotion, stage: Stage, project: String, config: KargoConfig,
                 state: PipelineState) async -> PromotionResult
}
