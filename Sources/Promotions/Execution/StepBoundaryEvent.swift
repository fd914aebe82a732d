import Pipeline

/// Reported just before a step starts and just after it ends, with the Promotion status as
/// it would be recorded at that point, so a caller can persist progress or (in crash tests)
/// stop the process there and check that the next run resumes correctly.
public struct StepBoundaryEvent: Sendable, Hashable {
    public enum Moment: String, Sendable, Hashable {
        case willStart
        case didEnd
    }

    public var moment: Moment
    /// Index of the step in `Promotion.spec.steps`.
    public var index: Int
    public var alias: String
    public var uses: String
    /// The step's status; nil before its first attempt.
    public var stepStatus: PromotionStepStatus?
    /// The Promotion's status at this point (phase Running, `currentStep` = `index`).
    public var promotionStatus: PromotionStatus

    public init(
        moment: Moment, index: Int, alias: String, uses: String, stepStatus: PromotionStepStatus?,
        promotionStatus: PromotionStatus
    ) {
        self.moment = moment
        self.index = index
        self.alias = alias
        self.uses = uses
        self.stepStatus = stepStatus
        self.promotionStatus = promotionStatus
    }
}
