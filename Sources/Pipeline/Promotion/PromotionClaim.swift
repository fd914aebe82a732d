/// A Promotion this run has taken on: new (auto-promotion or a queued request) or resumed
/// (its previous run's lease expired).
public struct PromotionClaim: Sendable, Hashable {
    public var project: String
    public var stage: String
    public var promotion: String
    public var freight: String
    public var resumed: Bool

    public init(project: String, stage: String, promotion: String, freight: String, resumed: Bool) {
        self.project = project
        self.stage = stage
        self.promotion = promotion
        self.freight = freight
        self.resumed = resumed
    }
}
