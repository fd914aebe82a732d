import Manifests
import Pipeline

/// Builds `get` listings from configuration and state: a table for people and the Kargo
/// objects for programs.
struct ResourceListing {
    let config: KargoConfig
    let state: PipelineState
    let project: String?
    let now: Timestamp

    private func included(_ namespace: String?) -> Bool {
        project == nil || namespace == project
    }

    func list(_ resource: Get.Resource) throws -> (TextTable, [JSONValue]) {
        let plan = Planner(zones: SystemTimeZones.lookup).plan(config: config, state: state, now: now)
        let aliases = Dictionary(plan.projects.flatMap { $0.freight.map { ($0.name, $0.alias) } }, uniquingKeysWith: { first, _ in first })
        switch resource {
        case .projects:
            var table = TextTable(headers: ["NAME", "WAREHOUSES", "STAGES", "FREIGHT"])
            let names = plan.projects.map(\.name).filter { project == nil || $0 == project }
            for name in names {
                table.rows.append([name, String(config.warehouses(in: name).count), String(config.stages(in: name).count),
                                   String(state.freight(in: name).count)])
            }
            let objects = try config.projects.filter { names.contains($0.metadata.name) }.map(JSONValue.encoding)
            return (table, objects)
        case .warehouses:
            var table = TextTable(headers: ["PROJECT", "NAME", "INTERVAL", "SUBSCRIPTIONS"])
            let warehouses = config.warehouses.filter { included($0.metadata.namespace) }
            for warehouse in warehouses {
                let subscriptions = (warehouse.spec.subscriptions ?? []).map { subscription -> String in
                    if let image = subscription.image { return "image \(image.repoURL)" }
                    if let git = subscription.git { return "git \(git.repoURL)" }
                    if let chart = subscription.chart { return "chart \(chart.repoURL)\(chart.name.map { "/\($0)" } ?? "")" }
                    return "other"
                }
                table.rows.append([warehouse.metadata.namespace ?? "", warehouse.metadata.name, warehouse.spec.interval ?? "",
                                   subscriptions.joined(separator: ", ")])
            }
            return (table, try warehouses.map(JSONValue.encoding))
        case .freight:
            var table = TextTable(headers: ["PROJECT", "NAME", "ALIAS", "ORIGIN", "DISCOVERED", "ARTIFACTS", "IN"])
            for projectPlan in plan.projects where included(projectPlan.name) {
                for freight in projectPlan.freight {
                    table.rows.append([projectPlan.name, String(freight.name.prefix(7)), freight.alias, freight.origin,
                                       freight.discoveredAt?.rfc3339 ?? "", freight.artifacts.joined(separator: ", "),
                                       freight.currentlyIn.joined(separator: ",")])
                }
            }
            let objects = try state.freight.filter { included($0.metadata.namespace) }
                .sorted { ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name) }
                .map { freight -> JSONValue in
                    var copy = freight
                    if copy.alias == nil { copy.alias = aliases[freight.metadata.name] }
                    return try JSONValue.encoding(copy)
                }
            return (table, objects)
        case .stages:
            var table = TextTable(headers: ["PROJECT", "NAME", "CURRENT", "DECISION", "AUTO", "HELD", "HEALTH"])
            var objects: [JSONValue] = []
            for projectPlan in plan.projects where included(projectPlan.name) {
                for stagePlan in projectPlan.stages {
                    let stageState = state.stage(in: projectPlan.name, named: stagePlan.name)
                    let held = (stageState?.status.autoPromotionHolds ?? [:]).isEmpty ? "" : "held"
                    table.rows.append([projectPlan.name, stagePlan.name, stagePlan.current?.alias ?? "", stagePlan.decision.rawValue,
                                       stagePlan.autoPromotion ? "on" : "off", held,
                                       stageState?.status.health?.status?.rawValue ?? ""])
                    if var stage = config.stages.first(where: { $0.metadata.name == stagePlan.name && $0.metadata.namespace == projectPlan.name }) {
                        stage.status = stageState?.status
                        objects.append(try JSONValue.encoding(stage))
                    }
                }
            }
            return (table, objects)
        case .promotions:
            var table = TextTable(headers: ["PROJECT", "NAME", "STAGE", "FREIGHT", "PHASE", "CREATED"])
            let promotions = state.promotions.filter { included($0.metadata.namespace) }
                .sorted { ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name) }
            for promotion in promotions {
                let freight = promotion.spec.freight.map { aliases[$0] ?? String($0.prefix(7)) } ?? ""
                table.rows.append([promotion.metadata.namespace ?? "", promotion.metadata.name, promotion.spec.stage, freight,
                                   promotion.status?.phase?.rawValue ?? "Pending", promotion.metadata.creationTimestamp?.rfc3339 ?? ""])
            }
            return (table, try promotions.map(JSONValue.encoding))
        }
    }
}
