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

    public init() {}

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
        ]
        return all.filter { $0.1 > 0 }.map { (kind: $0.0, count: $0.1) }
    }
}
