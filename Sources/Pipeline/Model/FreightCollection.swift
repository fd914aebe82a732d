/// The Freight a Stage holds at once, one per requested origin, keyed `Warehouse/<name>`, with its
/// verification attempts (newest first). `id` is derived from the Freight names.
public struct FreightCollection: Codable, Sendable, Hashable {
    public var id: String
    public var items: [String: FreightReference]?
    public var verificationHistory: [VerificationInfo]?

    public init(
        id: String,
        items: [String: FreightReference]? = nil,
        verificationHistory: [VerificationInfo]? = nil
    ) {
        self.id = id
        self.items = items
        self.verificationHistory = verificationHistory
    }
}

/// One verification attempt of a Stage's current Freight.
public struct VerificationInfo: Codable, Sendable, Hashable {
    public var id: String?
    public var actor: String?
    public var startTime: Timestamp?
    public var phase: VerificationPhase?
    public var message: String?
    public var analysisRun: AnalysisRunReference?
    public var finishTime: Timestamp?

    public init(
        id: String? = nil,
        actor: String? = nil,
        startTime: Timestamp? = nil,
        phase: VerificationPhase? = nil,
        message: String? = nil,
        analysisRun: AnalysisRunReference? = nil,
        finishTime: Timestamp? = nil
    ) {
        self.id = id
        self.actor = actor
        self.startTime = startTime
        self.phase = phase
        self.message = message
        self.analysisRun = analysisRun
        self.finishTime = finishTime
    }
}

/// The outcome (or progress) of a verification.
public enum VerificationPhase: String, Codable, Sendable, CaseIterable {
    case pending = "Pending"
    case running = "Running"
    case successful = "Successful"
    case failed = "Failed"
    case error = "Error"
    case aborted = "Aborted"
    case inconclusive = "Inconclusive"
}

/// The analysis run behind a verification, and its phase.
public struct AnalysisRunReference: Codable, Sendable, Hashable {
    public var namespace: String?
    public var name: String?
    public var phase: String?

    public init(namespace: String? = nil, name: String? = nil, phase: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.phase = phase
    }
}

/// A Stage's Freight history, newest first: what it holds now is the first element.
public typealias FreightHistory = [FreightCollection]
