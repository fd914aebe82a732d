import Pipeline

/// The delivery pipeline as a diagram: per Project, Warehouses feed Stages directly,
/// and Stages feed downstream Stages (edges labelled with soak times). Pure, so the
/// output is stable for the same configuration.
struct PipelineDiagram {
    struct Edge: Hashable {
        var from: String
        var to: String
        var label: String?
    }

    struct ProjectGraph {
        var name: String
        var warehouses: [String]
        var stages: [String]
        var edges: [Edge]
    }

    var projects: [ProjectGraph]

    init(_ config: KargoConfig) {
        var names = Set(config.projects.map(\.metadata.name))
        names.formUnion(config.stages.compactMap(\.metadata.namespace))
        names.formUnion(config.warehouses.compactMap(\.metadata.namespace))
        projects = names.sorted().map { project in
            let warehouses = config.warehouses(in: project).map(\.metadata.name)
            let stages = config.stages(in: project)
            var edges: [Edge] = []
            for stage in stages {
                for request in stage.spec.requestedFreight ?? [] {
                    let sources = request.sources
                    if sources?.direct == true {
                        edges.append(Edge(from: "warehouse/" + request.origin.name, to: "stage/" + stage.metadata.name, label: nil))
                    }
                    for upstream in sources?.stages ?? [] {
                        var parts: [String] = []
                        if let soak = sources?.requiredSoakTime, !soak.isEmpty { parts.append("soak \(soak)") }
                        if sources?.availabilityStrategy == .all { parts.append("all") }
                        edges.append(Edge(from: "stage/" + upstream, to: "stage/" + stage.metadata.name,
                                          label: parts.isEmpty ? nil : parts.joined(separator: ", ")))
                    }
                }
            }
            var seen = Set<Edge>()
            return ProjectGraph(name: project, warehouses: warehouses, stages: stages.map(\.metadata.name),
                                edges: edges.filter { seen.insert($0).inserted })
        }
    }

    func render(_ format: GraphFormat) -> String {
        switch format {
        case .mermaid: mermaid()
        case .dot: dot()
        }
    }

    private func mermaid() -> String {
        var lines = ["flowchart LR"]
        for (index, project) in projects.enumerated() {
            let prefix = "p\(index)_"
            lines.append("  subgraph \(prefix)project[\"Project \(escapeMermaid(project.name))\"]")
            for warehouse in project.warehouses {
                lines.append("    \(prefix)\(identifier("warehouse/" + warehouse))[(\"\(escapeMermaid(warehouse))\")]")
            }
            for stage in project.stages {
                lines.append("    \(prefix)\(identifier("stage/" + stage))[\"\(escapeMermaid(stage))\"]")
            }
            for edge in project.edges {
                let arrow = edge.label.map { "-- \"\(escapeMermaid($0))\" -->" } ?? "-->"
                lines.append("    \(prefix)\(identifier(edge.from)) \(arrow) \(prefix)\(identifier(edge.to))")
            }
            lines.append("  end")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func dot() -> String {
        var lines = ["digraph freightline {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
        for (index, project) in projects.enumerated() {
            lines.append("  subgraph cluster_\(index) {")
            lines.append("    label=\(quoteDot("Project " + project.name));")
            for warehouse in project.warehouses {
                lines.append("    \(quoteDot(project.name + "/warehouse/" + warehouse)) [label=\(quoteDot(warehouse)), shape=cylinder];")
            }
            for stage in project.stages {
                lines.append("    \(quoteDot(project.name + "/stage/" + stage)) [label=\(quoteDot(stage)), shape=box];")
            }
            for edge in project.edges {
                let label = edge.label.map { " [label=\(quoteDot($0))]" } ?? ""
                lines.append("    \(quoteDot(project.name + "/" + edge.from)) -> \(quoteDot(project.name + "/" + edge.to))\(label);")
            }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid node ids allow letters, digits and underscores; names are mapped onto
    /// those reversibly enough to stay unique (`-` → `_2d`, `/` → `__`).
    private func identifier(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": result.unicodeScalars.append(scalar)
            case "/": result += "__"
            default: result += "_" + String(scalar.value, radix: 16)
            }
        }
        return result
    }

    private func escapeMermaid(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }

    private func quoteDot(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
