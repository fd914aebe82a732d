/// A Kubernetes-style status condition, as Kargo records on Projects, Warehouses and Stages.
public struct Condition: Codable, Sendable, Hashable {
    public var type: String?
    public var status: ConditionStatus?
    public var observedGeneration: Int64?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(
        type: String? = nil,
        status: ConditionStatus? = nil,
        observedGeneration: Int64? = nil,
        lastTransitionTime: Timestamp? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// Whether a condition holds.
public enum ConditionStatus: String, Codable, Sendable, CaseIterable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}
