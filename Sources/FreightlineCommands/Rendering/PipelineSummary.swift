import Pipeline

/// One line per Project for `validate`'s text output: what it holds and the order Freight
/// flows through its Stages.
enum PipelineSummary {
    static func lines(for config: KargoConfig) -> [String] {
        PipelineDiagram(config).projects.map { project in
            let order = StageGraph(config.stages(in: project.name)).flowOrder
            let warehouses = project.warehouses.isEmpty ? "no Warehouses" : "Warehouses: \(project.warehouses.joined(separator: ", "))"
            let stages = order.isEmpty ? "no Stages" : "Stages in flow order: \(order.joined(separator: ", "))"
            return "Project \(project.name): \(warehouses); \(stages)."
        }
    }
}
