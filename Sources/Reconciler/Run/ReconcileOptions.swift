import Pipeline

/// The knobs of one reconcile run.
public struct ReconcileOptions: Sendable {
    /// The time decisions are made at (`--now`, else the wall clock at start).
    public var now: Timestamp
    /// This run's identity: lease holder and `Freightline-Run` trailer. Unique per process.
    public var runID: String
    /// How long a claim stays ours; after that another run may resume the Promotion.
    public var leaseDuration: GoDuration
    /// Lost compare-and-swap races tolerated in a row before giving up (exit 3).
    public var maxConflicts: Int
    /// Plan–claim–promote rounds per run (a promotion can make the next Stage eligible).
    public var maxRounds: Int
    /// Who the run acts as, recorded on commits.
    public var actor: String
    /// Only these `project/stage` keys are claimed (nil: all).
    public var only: Set<String>?

    /// The Projects `only` names (nil: all), for discovery.
    public var projects: Set<String>? {
        only.map { Set($0.compactMap { $0.split(separator: "/").first.map(String.init) }) }
    }

    public init(now: Timestamp, runID: String, leaseDuration: GoDuration = GoDuration(nanoseconds: 600_000_000_000),
                maxConflicts: Int = 20, maxRounds: Int = 20, actor: String = "freightline", only: Set<String>? = nil) {
        self.now = now
        self.runID = runID
        self.leaseDuration = leaseDuration
        self.maxConflicts = maxConflicts
        self.maxRounds = maxRounds
        self.actor = actor
        self.only = only
    }
}
