/// A reusable list of promotion steps in one Project; a Stage's step refers to it with `task`
/// and passes `vars` as its inputs.
public struct PromotionTask: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: PromotionTaskSpec

    public init(
        apiVersion: String = KargoKind.promotionTask.apiVersion,
        kind: String = KargoKind.promotionTask.rawValue,
        metadata: ObjectMeta,
        spec: PromotionTaskSpec
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static var kargoKind: KargoKind { .promotionTask }
}

/// The inputs (`vars`) and steps of a PromotionTask or ClusterPromotionTask.
public struct PromotionTaskSpec: Codable, Sendable, Hashable {
    public var vars: [PromotionVariable]?
    public var steps: [PromotionStep]?

    public init(vars: [PromotionVariable]? = nil, steps: [PromotionStep]? = nil) {
        self.vars = vars
        self.steps = steps
    }
}
