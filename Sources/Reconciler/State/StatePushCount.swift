/// The compare-and-swap pushes of the state ref one store made: what a sharded run
/// reports, so a retry storm would show (`N state pushes (M rejected and rebased)`).
public struct StatePushCount: Sendable, Hashable {
    /// Pushes tried, landed or refused.
    public var attempts = 0
    /// Pushes refused because the state ref had moved since it was read.
    public var rejected = 0
    /// Refused pushes whose commit was rebuilt on the new tip, because the commits in
    /// between touched none of this run's Projects, and pushed again without re-planning.
    public var rebased = 0

    public init(attempts: Int = 0, rejected: Int = 0, rebased: Int = 0) {
        self.attempts = attempts
        self.rejected = rejected
        self.rebased = rebased
    }

    /// What was pushed after `earlier` was taken.
    public func since(_ earlier: StatePushCount) -> StatePushCount {
        StatePushCount(attempts: attempts - earlier.attempts, rejected: rejected - earlier.rejected,
                       rebased: rebased - earlier.rebased)
    }

    /// Both counts together.
    public static func + (lhs: StatePushCount, rhs: StatePushCount) -> StatePushCount {
        StatePushCount(attempts: lhs.attempts + rhs.attempts, rejected: lhs.rejected + rhs.rejected,
                       rebased: lhs.rebased + rhs.rebased)
    }
}

/// A state store whose writes are pushes, and which counts them.
public protocol PushCountingStateStore: StateStore {
    /// Every push since the store was made.
    var pushCount: StatePushCount { get }
}
