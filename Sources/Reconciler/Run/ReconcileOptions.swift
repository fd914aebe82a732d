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
    /// Only the Projects that hash to this shard are discovered, verified, planned and
    /// claimed (nil: all); other shards' runs own the rest (`reconcile --shard`).
    public var shard: Shard?

    /// The Projects `only` names (nil: all).
    public var projects: Set<String>? {
        only.map { Set($0.compactMap { $0.split(separator: "/").first.map(String.init) }) }
    }

    /// Whether this run acts on `project`: named by `only` (if given) and in the shard (if any).
    public func includes(project: String) -> Bool {
        (projects?.contains(project) ?? true) && (shard?.contains(project: project) ?? true)
    }

    /// The Projects of `config` this run acts on (nil: all of them), for discovery and
    /// for the state store of a shard.
    public func projects(in config: KargoConfig) -> Set<String>? {
        guard only != nil || shard != nil else { return nil }
        var names = Set(config.projectNames)
        names.formUnion(config.stages.compactMap(\.metadata.namespace))
        names.formUnion(config.warehouses.compactMap(\.metadata.namespace))
        return names.filter(includes(project:))
    }

    public init(now: Timestamp, runID: String, leaseDuration: GoDuration = GoDuration(nanoseconds: 600_000_000_000),
                maxConflicts: Int = 20, maxRounds: Int = 20, actor: String = "freightline", only: Set<String>? = nil,
                shard: Shard? = nil) {
        self.now = now
        self.runID = runID
        self.leaseDuration = leaseDuration
        self.maxConflicts = maxConflicts
        self.maxRounds = maxRounds
        self.actor = actor
        self.only = only
        self.shard = shard
    }
}
