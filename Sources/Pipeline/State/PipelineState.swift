/// Everything Freightline remembers between runs, as Kargo-shaped objects: Freight with
/// its status, Stage statuses, Promotions, Warehouse discovery, and the analysis runs that
/// verify Stages. Pure values: backends read and write it.
public struct PipelineState: Sendable, Hashable {
    public var freight: [Freight]
    public var stages: [StageState]
    public var promotions: [Promotion]
    public var warehouses: [WarehouseState]
    public var analysisRuns: [AnalysisRun]

    public init(freight: [Freight] = [], stages: [StageState] = [], promotions: [Promotion] = [],
                warehouses: [WarehouseState] = [], analysisRuns: [AnalysisRun] = []) {
        self.freight = freight
        self.stages = stages
        self.promotions = promotions
        self.warehouses = warehouses
        self.analysisRuns = analysisRuns
    }

    public func analysisRun(in project: String, named name: String) -> AnalysisRun? {
        analysisRuns.first { $0.metadata.namespace == project && $0.metadata.name == name }
    }

    public func freight(in project: String) -> [Freight] {
        freight.filter { $0.metadata.namespace == project }
    }

    /// A Freight of `project` by name or alias.
    public func freight(in project: String, named nameOrAlias: String) -> Freight? {
        freight.first { $0.metadata.namespace == project && ($0.metadata.name == nameOrAlias || $0.alias == nameOrAlias) }
    }

    public func stage(in project: String, named name: String) -> StageState? {
        stages.first { $0.metadata.namespace == project && $0.metadata.name == name }
    }

    public mutating func updateFreight(in project: String, named name: String, _ change: (inout Freight) -> Void) {
        guard let index = freight.firstIndex(where: { $0.metadata.namespace == project && $0.metadata.name == name }) else { return }
        change(&freight[index])
    }

    /// Changes a Stage's state, creating it when the Stage has none yet.
    public mutating func updateStage(in project: String, named name: String, _ change: (inout StageState) -> Void) {
        if let index = stages.firstIndex(where: { $0.metadata.namespace == project && $0.metadata.name == name }) {
            change(&stages[index])
        } else {
            var created = StageState(metadata: ObjectMeta(name: name, namespace: project))
            change(&created)
            stages.append(created)
        }
    }
}
