import Discovery
import Pipeline

/// What a reconcile run did, for the closing summary and the exit code.
public struct ReconcileSummary: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var project: String
        public var stage: String
        public var promotion: String
        public var freight: String
        public var alias: String
        public var phase: PromotionPhase
        public var message: String?
        public var resumed: Bool
    }

    public var promotions: [Entry] = []

    /// One Stage's verification as this run left it.
    public struct VerificationEntry: Sendable, Hashable {
        public var project: String
        public var stage: String
        public var freight: String
        public var alias: String
        public var phase: VerificationPhase
        /// "2 of 5 measurements, next in 30s", or the reason it ended.
        public var detail: String
    }

    /// Verifications started, advanced or ended in this run (the latest word per Stage).
    public var verifications: [VerificationEntry] = []
    /// Compare-and-swap races lost (each followed by a re-read and re-plan).
    public var conflicts = 0
    /// State commits written (or kept in memory, in a dry run).
    public var commits = 0
    /// The run stopped because races kept being lost.
    public var gaveUpOnConflicts = false
    /// Results that could not be recorded because another run took the Promotion over.
    public var lostLeases: [String] = []
    /// What Warehouse discovery found (nil when the run was offline).
    public var discovery: DiscoveryReport?
    /// The state pushes this run made, rejected and rebased ones included (nil when the
    /// state is not pushed anywhere: a folder, a dry run).
    public var pushes: StatePushCount?

    public init() {}

    /// Adds a later run's results (`reconcile --wait` runs several in one process).
    public mutating func merge(_ later: ReconcileSummary) {
        promotions += later.promotions
        conflicts += later.conflicts
        commits += later.commits
        gaveUpOnConflicts = gaveUpOnConflicts || later.gaveUpOnConflicts
        lostLeases += later.lostLeases
        if discovery == nil { discovery = later.discovery }
        if let more = later.pushes { pushes = (pushes ?? StatePushCount()) + more }
        for entry in later.verifications {
            verifications.removeAll { $0.project == entry.project && $0.stage == entry.stage }
            verifications.append(entry)
        }
    }

    /// Whether any promotion ended Failed, Errored or Aborted.
    public var anyFailed: Bool {
        promotions.contains { $0.phase == .failed || $0.phase == .errored || $0.phase == .aborted }
    }

    /// Whether a verification ended Failed, Error or Inconclusive in this run.
    public var verificationFailed: Bool {
        verifications.contains { [.failed, .error, .inconclusive].contains($0.phase) }
    }

    /// Whether discovery failed for any Warehouse.
    public var discoveryFailed: Bool {
        discovery?.entries.contains { if case .failed = $0.result { true } else { false } } ?? false
    }
}
