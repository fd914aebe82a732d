/// The heart of Freightline: a pure function of configuration, state and the time that
/// decides, for every Stage, what happens next and why. No I/O, no clock of its own, so
/// the same inputs always give the same plan.
public struct Planner: Sendable {
    /// Time zones for promotion windows' `TZID`s (the caller reads the tz database; UTC
    /// is always known).
    public var zones: ZoneLookup

    public init(zones: @escaping ZoneLookup = { _ in nil }) {
        self.zones = zones
    }

    public func plan(config: KargoConfig, state: PipelineState, now: Timestamp) -> Plan {
        var names = Set(config.projects.map(\.metadata.name))
        names.formUnion(config.stages.compactMap(\.metadata.namespace))
        // Partition state by Project once; each Project then only looks at its own objects.
        let freight = Dictionary(grouping: state.freight) { $0.metadata.namespace ?? "" }
        let stages = Dictionary(grouping: state.stages) { $0.metadata.namespace ?? "" }
        let promotions = Dictionary(grouping: state.promotions) { $0.metadata.namespace ?? "" }
        let runs = Dictionary(grouping: state.analysisRuns) { $0.metadata.namespace ?? "" }
        let projects = names.sorted().map { name in
            let own = PipelineState(freight: freight[name] ?? [], stages: stages[name] ?? [], promotions: promotions[name] ?? [],
                                    analysisRuns: runs[name] ?? [])
            var windows: [String: PromotionWindowStatus] = [:]
            for stage in config.stages(in: name) {
                let applicable = PromotionWindowEvaluation.applicableWindows(project: name, stage: stage, config: config)
                if let status = PromotionWindowEvaluation.status(of: applicable, at: now, zones: zones) {
                    windows[stage.metadata.name] = status
                }
            }
            return planProject(ProjectSnapshot(project: name, config: config, state: own), now: now, windows: windows)
        }
        return Plan(now: now, projects: projects)
    }

    private func planProject(_ snapshot: ProjectSnapshot, now: Timestamp, windows: [String: PromotionWindowStatus]) -> ProjectPlan {
        let order = StageGraph(snapshot.stages).flowOrder
        let byName = Dictionary(snapshot.stages.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        let stages = order.compactMap { byName[$0] }.map { stage in
            StagePlanner(stage: stage, snapshot: snapshot, now: now).plan(window: windows[stage.metadata.name])
        }
        let freight = snapshot.freight.map { item in
            FreightSummary(
                name: item.metadata.name, alias: snapshot.alias(item.metadata.name), origin: item.origin.key,
                discoveredAt: ProjectSnapshot.discoveredAt(item), artifacts: ArtifactText.describe(item),
                currentlyIn: (item.status?.currentlyIn ?? [:]).keys.sorted(),
                verifiedIn: (item.status?.verifiedIn ?? [:]).keys.sorted())
        }
        return ProjectPlan(name: snapshot.name, freight: freight, stages: stages)
    }
}

/// Human-readable artifact versions for summaries.
enum ArtifactText {
    static func describe(_ freight: Freight) -> [String] {
        var parts: [String] = []
        for image in freight.images ?? [] {
            parts.append("\(image.repoURL ?? "?"):\(image.tag ?? (image.digest ?? "?"))")
        }
        for commit in freight.commits ?? [] {
            let id = commit.tag ?? String((commit.id ?? "?").prefix(7))
            parts.append("\(commit.repoURL ?? "?")@\(id)")
        }
        for chart in freight.charts ?? [] {
            parts.append("\(chart.repoURL ?? "?")/\(chart.name ?? "?"):\(chart.version ?? "?")")
        }
        return parts
    }
}
