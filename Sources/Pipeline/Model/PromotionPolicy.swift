/// Says whether the Stages it selects auto-promote. `stage` is the deprecated exact-name form of
/// `stageSelector`; the first matching policy wins.
public struct PromotionPolicy: Codable, Sendable, Hashable {
    public var stage: String?
    public var stageSelector: PromotionPolicySelector?
    public var autoPromotionEnabled: Bool?
    public var autoRollback: AutoRollbackConfig?

    public init(
        stage: String? = nil,
        stageSelector: PromotionPolicySelector? = nil,
        autoPromotionEnabled: Bool? = nil,
        autoRollback: AutoRollbackConfig? = nil
    ) {
        self.stage = stage
        self.stageSelector = stageSelector
        self.autoPromotionEnabled = autoPromotionEnabled
        self.autoRollback = autoRollback
    }
}

/// Selects Stages (or Projects) by `name` (exact, `glob:…`, `regex:…`, `regexp:…`) and labels.
public struct PromotionPolicySelector: Codable, Sendable, Hashable {
    public var name: String?
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(
        name: String? = nil,
        matchLabels: [String: String]? = nil,
        matchExpressions: [LabelSelectorRequirement]? = nil
    ) {
        self.name = name
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// Which failed promotion or verification outcomes trigger an automatic rollback.
public struct AutoRollbackConfig: Codable, Sendable, Hashable {
    public var onPromotion: [PromotionPhase]?
    public var onVerification: [VerificationPhase]?

    public init(
        onPromotion: [PromotionPhase]? = nil,
        onVerification: [VerificationPhase]? = nil
    ) {
        self.onPromotion = onPromotion
        self.onVerification = onVerification
    }
}
