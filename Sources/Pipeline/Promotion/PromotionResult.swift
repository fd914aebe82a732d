/// What running a Promotion produced, in Pipeline's terms: its new status and the
/// state changes its steps asked for (`set-metadata`, `set-freight-alias`).
public struct PromotionResult: Sendable, Hashable {
    public var status: PromotionStatus
    /// Stage name → metadata keys to set (a JSON null removes the key).
    public var stageMetadata: [String: [String: JSONValue]]
    /// Freight name → metadata keys to set.
    public var freightMetadata: [String: [String: JSONValue]]
    /// Freight name → new alias.
    public var freightAliases: [String: String]

    public init(status: PromotionStatus, stageMetadata: [String: [String: JSONValue]] = [:],
                freightMetadata: [String: [String: JSONValue]] = [:], freightAliases: [String: String] = [:]) {
        self.status = status
        self.stageMetadata = stageMetadata
        self.freightMetadata = freightMetadata
        self.freightAliases = freightAliases
    }
}
