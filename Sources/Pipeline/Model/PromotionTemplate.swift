/// How a Stage promotes: the steps every Promotion into it runs.
public struct PromotionTemplate: Codable, Sendable, Hashable {
    public var spec: PromotionTemplateSpec?

    public init(spec: PromotionTemplateSpec? = nil) {
        self.spec = spec
    }
}

/// Variables and steps of a promotion template.
public struct PromotionTemplateSpec: Codable, Sendable, Hashable {
    public var vars: [PromotionVariable]?
    public var steps: [PromotionStep]?

    public init(vars: [PromotionVariable]? = nil, steps: [PromotionStep]? = nil) {
        self.vars = vars
        self.steps = steps
    }
}
