/// A recurring time window (iCalendar `rrule`, `dtstart`, `dtend`) that allows or denies promotion.
public struct PromotionWindow: Codable, Sendable, Hashable {
    public var name: String
    public var kind: PromotionWindowKind?
    public var stageSelector: PromotionPolicySelector?
    public var projectSelector: PromotionPolicySelector?
    public var rrule: String?
    public var dtstart: String?
    public var dtend: String?

    public init(
        name: String,
        kind: PromotionWindowKind? = nil,
        stageSelector: PromotionPolicySelector? = nil,
        projectSelector: PromotionPolicySelector? = nil,
        rrule: String? = nil,
        dtstart: String? = nil,
        dtend: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.stageSelector = stageSelector
        self.projectSelector = projectSelector
        self.rrule = rrule
        self.dtstart = dtstart
        self.dtend = dtend
    }
}

/// Whether a promotion window opens or closes promotion while it is active.
public enum PromotionWindowKind: String, Codable, Sendable, CaseIterable {
    case allow = "Allow"
    case deny = "Deny"
}

/// Whether a Stage's promotion windows are currently closed, and when that changes.
public struct PromotionWindowStatus: Codable, Sendable, Hashable {
    public var closed: Bool?
    public var reason: String?
    public var nextOpen: Timestamp?
    public var nextClose: Timestamp?
    public var nextCloseReason: String?

    public init(
        closed: Bool? = nil,
        reason: String? = nil,
        nextOpen: Timestamp? = nil,
        nextClose: Timestamp? = nil,
        nextCloseReason: String? = nil
    ) {
        self.closed = closed
        self.reason = reason
        self.nextOpen = nextOpen
        self.nextClose = nextClose
        self.nextCloseReason = nextCloseReason
    }
}
