/// One promotion step: a built-in step (`uses`) or a PromotionTask (`task`), with an optional alias
/// (`as`) for its outputs, a condition (`if`), error handling and its untyped `config`.
public struct PromotionStep: Codable, Sendable, Hashable {
    public var uses: String?
    public var task: PromotionTaskReference?
    public var `as`: String?
    public var `if`: String?
    public var continueOnError: Bool?
    public var retry: PromotionStepRetry?
    public var vars: [PromotionVariable]?
    public var config: JSONValue?

    public init(
        uses: String? = nil,
        task: PromotionTaskReference? = nil,
        as: String? = nil,
        if: String? = nil,
        continueOnError: Bool? = nil,
        retry: PromotionStepRetry? = nil,
        vars: [PromotionVariable]? = nil,
        config: JSONValue? = nil
    ) {
        self.uses = uses
        self.task = task
        self.`as` = `as`
        self.`if` = `if`
        self.continueOnError = continueOnError
        self.retry = retry
        self.vars = vars
        self.config = config
    }
}

/// How often and for how long a failing step is retried (`timeout` is a Go duration).
public struct PromotionStepRetry: Codable, Sendable, Hashable {
    public var timeout: String?
    public var errorThreshold: UInt32?

    public init(timeout: String? = nil, errorThreshold: UInt32? = nil) {
        self.timeout = timeout
        self.errorThreshold = errorThreshold
    }
}

/// Names the PromotionTask (default) or ClusterPromotionTask a step expands to.
public struct PromotionTaskReference: Codable, Sendable, Hashable {
    public var name: String
    public var kind: PromotionTaskKind?

    public init(name: String, kind: PromotionTaskKind? = nil) {
        self.name = name
        self.kind = kind
    }
}

/// Which task kind a PromotionTaskReference points at.
public enum PromotionTaskKind: String, Codable, Sendable, CaseIterable {
    case promotionTask = "PromotionTask"
    case clusterPromotionTask = "ClusterPromotionTask"
}

/// A named variable; its value may hold `${{ }}` expressions.
public struct PromotionVariable: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
