/// Lookups the planner needs, built once per Project from configuration and state.
struct ProjectSnapshot {
    let name: String
    let stages: [Stage]
    /// Newest first: `discoveredAt` (or creation time) descending, then name descending,
    /// the order Kargo picks auto-promotion candidates in.
    let freight: [Freight]
    let freightByName: [String: Freight]
    let aliases: [String: String]
    let stageStates: [String: StageState]
    let promotionsByStage: [String: [Promotion]]
    let policies: [PromotionPolicy]
    /// The project's analysis runs by name, for verification progress.
    let analysisRuns: [String: AnalysisRun]

    init(project: String, config: KargoConfig, state: PipelineState) {
        name = project
        stages = config.stages(in: project)
        let projectFreight = state.freight(in: project) + config.freight.filter { $0.metadata.namespace == project }
        var seen = Set<String>()
        let unique = projectFreight.filter { seen.insert($0.metadata.name).inserted }
        freight = unique.sorted(by: Self.newerFirst)
        freightByName = Dictionary(unique.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        aliases = FreightAlias.assign(unique)
        stageStates = Dictionary(state.stages.filter { $0.metadata.namespace == project }.map { ($0.metadata.name, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var promotions: [String: [Promotion]] = [:]
        for promotion in state.promotions + config.promotions where promotion.metadata.namespace == project {
            promotions[promotion.spec.stage, default: []].append(promotion)
        }
        promotionsByStage = promotions
        let fromConfig = config.projectConfigs.first { $0.metadata.name == project && ($0.metadata.namespace ?? project) == project }?
            .spec?.promotionPolicies ?? []
        let fromProject = config.projects.first { $0.metadata.name == project }?.spec?.promotionPolicies ?? []
        policies = fromConfig + fromProject
        analysisRuns = Dictionary(state.analysisRuns.filter { $0.metadata.namespace == project }.map { ($0.metadata.name, $0) },
                                  uniquingKeysWith: { first, _ in first })
    }

    static func discoveredAt(_ freight: Freight) -> Timestamp? {
        freight.discoveredAt ?? freight.metadata.creationTimestamp
    }

    static func newerFirst(_ lhs: Freight, _ rhs: Freight) -> Bool {
        let left = discoveredAt(lhs) ?? Timestamp(secondsSinceEpoch: 0)
        let right = discoveredAt(rhs) ?? Timestamp(secondsSinceEpoch: 0)
        if left != right { return left > right }
        return lhs.metadata.name > rhs.metadata.name
    }

    func alias(_ name: String) -> String {
        aliases[name] ?? String(name.prefix(7))
    }

    func label(_ freight: Freight) -> FreightLabel {
        FreightLabel(freight: freight.metadata.name, alias: alias(freight.metadata.name), origin: freight.origin.key)
    }
}

extension FreightOrigin {
    /// `Warehouse/<name>`: how Kargo keys origins (FreightCollection items, holds).
    public var key: String { "\(kind.rawValue)/\(name)" }
}
