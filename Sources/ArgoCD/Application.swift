import Pipeline

/// An Argo CD Application as the server's REST API returns it. The whole object is kept as
/// JSON, so whatever this type does not model (sync policies, ignore rules, fields of newer
/// Argo CD versions) survives a read-modify-patch untouched; the accessors read the few
/// fields promotion steps and health checks decide on.
public struct Application: Sendable, Hashable {
    /// The object exactly as received.
    public var object: JSONValue

    public init(_ object: JSONValue) {
        self.object = object
    }

    // MARK: metadata

    public var name: String { object["metadata"]?["name"]?.stringValue ?? "" }

    /// Empty when the server left it out (it never does for a stored Application).
    public var namespace: String { object["metadata"]?["namespace"]?.stringValue ?? "" }

    /// `NAMESPACE/NAME`, as messages show an Application.
    public var qualifiedName: String { "\(namespace)/\(name)" }

    public var annotations: [String: String] { Self.strings(object["metadata"]?["annotations"]) }

    public var labels: [String: String] { Self.strings(object["metadata"]?["labels"]) }

    // MARK: spec

    public var spec: JSONValue? { object["spec"] }

    /// True when the Application lists `spec.sources` (a multi-source Application); its
    /// `spec.source`, if any, is then ignored by Argo CD.
    public var hasMultipleSources: Bool { !(spec?["sources"]?.arrayValue ?? []).isEmpty }

    /// `spec.sources` when non-empty, else `[spec.source]`, else nothing: the sources in the
    /// order Argo CD reports their revisions in.
    public var sources: [JSONValue] {
        if let many = spec?["sources"]?.arrayValue, !many.isEmpty { return many }
        if let one = spec?["source"], one.objectValue != nil { return [one] }
        return []
    }

    /// Whether `source` is the one a step's `repoURL` (and `chart`) names. A chart source, or
    /// a step naming a chart, must match `repoURL` and `chart` exactly; a Git source matches
    /// on Kargo's normalized form of the URL (case, `.git`, trailing `/`).
    public static func source(_ source: JSONValue, matchesRepoURL repoURL: String, chart: String?) -> Bool {
        let sourceRepoURL = source["repoURL"]?.stringValue ?? ""
        let sourceChart = source["chart"]?.stringValue ?? ""
        let wantedChart = chart ?? ""
        if !sourceChart.isEmpty || !wantedChart.isEmpty {
            return sourceRepoURL == repoURL && sourceChart == wantedChart
        }
        return RepositoryURL.normalizeGit(sourceRepoURL) == RepositoryURL.normalizeGit(repoURL)
    }

    // MARK: status

    /// `status.health.status`: Healthy, Progressing, Degraded, Suspended, Missing, Unknown.
    public var healthStatus: String? { nonEmpty(object["status"]?["health"]?["status"]) }

    public var healthMessage: String? { nonEmpty(object["status"]?["health"]?["message"]) }

    /// `status.sync.status`: Synced, OutOfSync, Unknown.
    public var syncStatus: String? { nonEmpty(object["status"]?["sync"]?["status"]) }

    /// The revisions the live state is synced to, one per source: `status.sync.revisions`
    /// for a multi-source Application, else `[status.sync.revision]`.
    public var syncRevisions: [String] {
        Self.revisions(object["status"]?["sync"])
    }

    /// When Argo CD last assessed the Application (health included).
    public var reconciledAt: Timestamp? {
        object["status"]?["reconciledAt"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }

    public var conditions: [Condition] {
        (object["status"]?["conditions"]?.arrayValue ?? []).map {
            Condition(type: $0["type"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "")
        }
    }

    /// An operation requested but not yet picked up by the application controller (the
    /// top-level `operation` field the sync endpoint sets).
    public var pendingOperation: Operation? {
        guard let value = object["operation"], value.objectValue != nil else { return nil }
        return Operation(value)
    }

    /// The latest operation the controller ran or is running (`status.operationState`).
    public var operationState: OperationState? {
        guard let value = object["status"]?["operationState"], value.objectValue != nil else { return nil }
        return OperationState(value)
    }

    /// True when the latest operation finished after Argo CD last assessed health: health
    /// then still describes the state before that operation and cannot be trusted (Argo CD
    /// runs operations and health assessment in separate loops).
    public var healthPredatesLastOperation: Bool {
        guard let finishedAt = operationState?.finishedAt else { return false }
        guard let reconciledAt else { return true }
        return reconciledAt < finishedAt
    }

    // MARK: nested values

    /// One `status.conditions` entry (`ComparisonError`, `InvalidSpecError`, warnings...).
    public struct Condition: Sendable, Hashable {
        public var type: String
        public var message: String
    }

    /// An operation request: who asked, and the `info` name/value pairs they attached.
    public struct Operation: Sendable, Hashable {
        public var info: [Info]
        public var initiatedBy: String?
        public var isSync: Bool

        init(_ value: JSONValue) {
            info = (value["info"]?.arrayValue ?? []).map {
                Info(name: $0["name"]?.stringValue ?? "", value: $0["value"]?.stringValue ?? "")
            }
            initiatedBy = value["initiatedBy"]?["username"]?.stringValue
            isSync = value["sync"]?.objectValue != nil
        }

        /// The value of the first `info` entry named `name`.
        public func info(named name: String) -> String? {
            info.first { $0.name == name }?.value
        }
    }

    public struct Info: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `status.operationState`: the phase of the latest operation and how it ended.
    public struct OperationState: Sendable, Hashable {
        /// Running, Terminating, Succeeded, Failed, Error.
        public var phase: String
        public var message: String
        public var operation: Operation
        /// The revisions the sync applied, one per source (empty when it has no result yet).
        public var syncResultRevisions: [String]
        public var hasSyncResult: Bool
        public var finishedAt: Timestamp?

        init(_ value: JSONValue) {
            phase = value["phase"]?.stringValue ?? ""
            message = value["message"]?.stringValue ?? ""
            operation = Operation(value["operation"] ?? .object([:]))
            hasSyncResult = value["syncResult"]?.objectValue != nil
            syncResultRevisions = Application.revisions(value["syncResult"])
            finishedAt = value["finishedAt"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
        }

        /// Running and Terminating have not finished; every other phase has.
        public var isCompleted: Bool { phase != "Running" && phase != "Terminating" }

        public var isSuccessful: Bool { phase == "Succeeded" }
    }

    // MARK: reading helpers

    /// `revisions` when non-empty, else `[revision]` when present.
    static func revisions(_ value: JSONValue?) -> [String] {
        let many = (value?["revisions"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !many.isEmpty { return many }
        if let one = value?["revision"]?.stringValue { return [one] }
        return []
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, member) in value?.objectValue ?? [:] {
            if let text = member.stringValue { result[key] = text }
        }
        return result
    }

    private func nonEmpty(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}
