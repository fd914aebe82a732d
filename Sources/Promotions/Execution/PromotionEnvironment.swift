import Pipeline

/// What a Promotion runs against, read by the caller from state before the run: the Stage,
/// the Freight being promoted, the data expressions may read, who asked, and the private
/// folder the steps work in. Plain values, so a run is reproducible from them.
public struct PromotionEnvironment: Sendable {
    /// The Project (Kargo namespace) the Promotion belongs to.
    public var project: String
    public var stage: Stage
    /// The Freight collection being promoted, one per requested origin.
    public var targetFreight: [Freight]
    /// Every Freight of the Project `freightMetadata()` and `set-metadata` may name.
    public var knownFreight: [Freight]
    /// `status.metadata` of the Project's Stages, by Stage name.
    public var stageMetadata: [String: [String: JSONValue]]
    /// ConfigMap data by name, for `configMap()`.
    public var configMaps: [String: [String: String]]
    /// Generic Secret data by name, for `secret()` and `secrets`; never written to the
    /// Promotion's status or messages.
    public var secrets: [String: [String: String]]
    /// Credentials the steps use (Git passwords, hosting and Argo CD tokens): never readable
    /// by expressions, but masked like `secrets` wherever a step's message or output
    /// would show one.
    public var maskedValues: [String] = []
    /// Who created the Promotion (`ctx.meta.promotion.actor`).
    public var actor: String?
    /// The promotion's private work folder (absolute path); it must exist.
    public var workDirectory: String

    public init(
        project: String,
        stage: Stage,
        targetFreight: [Freight],
        knownFreight: [Freight] = [],
        stageMetadata: [String: [String: JSONValue]] = [:],
        configMaps: [String: [String: String]] = [:],
        secrets: [String: [String: String]] = [:],
        actor: String? = nil,
        workDirectory: String
    ) {
        self.project = project
        self.stage = stage
        self.targetFreight = targetFreight
        self.knownFreight = knownFreight
        self.stageMetadata = stageMetadata
        self.configMaps = configMaps
        self.secrets = secrets
        self.actor = actor
        self.workDirectory = workDirectory
    }

    /// Known and target Freight, each once (known first).
    var allFreight: [Freight] {
        let known = Set(knownFreight.map(\.metadata.name))
        return knownFreight + targetFreight.filter { !known.contains($0.metadata.name) }
    }
}
