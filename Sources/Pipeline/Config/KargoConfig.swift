/// Everything a pipeline configuration declares, as plain values: what the planner and
/// the commands work from, independent of how (or from which files) it was loaded.
public struct KargoConfig: Sendable {
    public var projects: [Project] = []
    public var projectConfigs: [ProjectConfig] = []
    public var clusterConfigs: [ClusterConfig] = []
    public var warehouses: [Warehouse] = []
    public var stages: [Stage] = []
    public var freight: [Freight] = []
    public var promotions: [Promotion] = []
    public var promotionTasks: [PromotionTask] = []
    public var clusterPromotionTasks: [ClusterPromotionTask] = []
    public var analysisTemplates: [AnalysisTemplate] = []
    public var clusterAnalysisTemplates: [ClusterAnalysisTemplate] = []
    public var secrets: [Secret] = []
    public var configMaps: [ConfigMap] = []
    /// Steps defined as commands, used in `uses:` by name (cluster-wide, like Kargo's).
    public var customPromotionSteps: [CustomPromotionStep] = []

    public init() {}

    /// The custom step a `uses:` names, if any.
    public func customStep(named name: String) -> CustomPromotionStep? {
        customPromotionSteps.first { $0.name == name }
    }

    /// Names of the Projects, sorted.
    public var projectNames: [String] {
        projects.map(\.metadata.name).sorted()
    }

    public func stages(in project: String) -> [Stage] {
        stages.filter { $0.metadata.namespace == project }
    }

    public func warehouses(in project: String) -> [Warehouse] {
        warehouses.filter { $0.metadata.namespace == project }
    }

    /// Counts by kind, for summaries; kinds with no objects are left out.
    public var counts: [(kind: KargoKind, count: Int)] {
        let all: [(KargoKind, Int)] = [
            (.project, projects.count), (.projectConfig, projectConfigs.count),
            (.clusterConfig, clusterConfigs.count), (.warehouse, warehouses.count),
            (.stage, stages.count), (.freight, freight.count), (.promotion, promotions.count),
            (.promotionTask, promotionTasks.count), (.clusterPromotionTask, clusterPromotionTasks.count),
            (.analysisTemplate, analysisTemplates.count),
            (.clusterAnalysisTemplate, clusterAnalysisTemplates.count),
            (.secret, secrets.count), (.configMap, configMaps.count),
            (.customPromotionStep, customPromotionSteps.count),
        ]
        return all.filter { $0.1 > 0 }.map { (kind: $0.0, count: $0.1) }
    }
}

extension KargoConfig {
    /// Whether any Stage template or (Cluster)PromotionTask uses step `name`.
    public func usesStep(_ name: String) -> Bool {
        let templates = stages.flatMap { $0.spec.promotionTemplate?.spec?.steps ?? [] }
        let tasks = promotionTasks.flatMap { $0.spec.steps ?? [] } + clusterPromotionTasks.flatMap { $0.spec.steps ?? [] }
        return (templates + tasks).contains { $0.uses == name }
    }
}
