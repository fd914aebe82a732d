import Pipeline

/// What `set-metadata` and `set-freight-alias` steps asked to change, for the caller to
/// commit along with the Promotion's status. Metadata maps hold only the keys a step set;
/// the caller merges them key by key into `Stage.status.metadata` and
/// `Freight.status.metadata`, as Kargo's patch does.
public struct PromotionStateChanges: Sendable, Hashable {
    /// Stage name → metadata keys set.
    public var stageMetadata: [String: [String: JSONValue]] = [:]
    /// Freight name → metadata keys set.
    public var freightMetadata: [String: [String: JSONValue]] = [:]
    /// Freight name → new alias.
    public var freightAliases: [String: String] = [:]

    public init(
        stageMetadata: [String: [String: JSONValue]] = [:],
        freightMetadata: [String: [String: JSONValue]] = [:],
        freightAliases: [String: String] = [:]
    ) {
        self.stageMetadata = stageMetadata
        self.freightMetadata = freightMetadata
        self.freightAliases = freightAliases
    }

    public var isEmpty: Bool {
        stageMetadata.isEmpty && freightMetadata.isEmpty && freightAliases.isEmpty
    }

    /// `metadata` (by Stage name) with the pending Stage changes merged in.
    func applied(toStageMetadata metadata: [String: [String: JSONValue]]) -> [String: [String: JSONValue]] {
        var result = metadata
        for (stage, values) in stageMetadata {
            result[stage, default: [:]].merge(values) { _, new in new }
        }
        return result
    }

    /// `freight` with the pending metadata and alias changes applied.
    func applied(toFreight freight: [Freight]) -> [Freight] {
        freight.map { item in
            var item = item
            let name = item.metadata.name
            if let values = freightMetadata[name] {
                var status = item.status ?? FreightStatus()
                status.metadata = (status.metadata ?? [:]).merging(values) { _, new in new }
                item.status = status
            }
            if let alias = freightAliases[name] { item.alias = alias }
            return item
        }
    }
}
