import Pipeline

/// What a step may know about the promotion it runs in.
public struct StepContext: Sendable {
    public var project: String
    public var stage: String
    public var promotion: String
    public var workDirectory: WorkDirectory
    /// The Freight being promoted, one per requested origin.
    public var targetFreight: [Freight]
    public var now: Timestamp

    public init(project: String, stage: String, promotion: String, workDirectory: WorkDirectory,
                targetFreight: [Freight] = [], now: Timestamp) {
        self.project = project
        self.stage = stage
        self.promotion = promotion
        self.workDirectory = workDirectory
        self.targetFreight = targetFreight
        self.now = now
    }
}
