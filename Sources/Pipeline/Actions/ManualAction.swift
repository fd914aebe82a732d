/// What a person asks for outside automatic promotion: promote, approve, hold, release,
/// reject, roll back. Applying one is a pure change to the state, checked against the configuration
/// so a mistyped Stage or Freight is refused with a reason instead of recorded.
public enum ManualAction: Sendable, Hashable {
    case promote(stage: String, freight: String)
    case approve(stage: String, freight: String)
    case hold(stage: String, reason: String?)
    case release(stage: String)
    case reject(freight: String, stage: String?, reason: String?)
    /// Back to a Freight the Stage held before: `to` (name or alias), else the one `steps`
    /// collections back in its `freightHistory` (1: the previous one).
    case rollback(stage: String, to: String?, steps: Int)
}

/// Why a manual action was refused; each case names what was wrong and what is valid.
public enum ManualActionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownProject(String, known: [String])
    case unknownStage(String, project: String, known: [String])
    case unknownFreight(String, project: String)
    case originNotRequested(freight: String, origin: String, stage: String)
    case notAvailable(freight: String, stage: String, reasons: [String])
    case rejected(freight: String, stage: String)
    case nothingToHold(stage: String)
    case notHeld(stage: String)
    case notInHistory(freight: String, stage: String, known: [String])
    case historyTooShort(stage: String, steps: Int, available: Int)
    case alreadyCurrent(freight: String, stage: String)

    public var description: String {
        switch self {
        case .unknownProject(let name, let known):
            return "Project `\(name)` not found; Projects: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .unknownStage(let name, let project, let known):
            return "Stage `\(name)` not found in Project `\(project)`; Stages: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .unknownFreight(let name, let project):
            return "no Freight named or aliased `\(name)` in Project `\(project)` (see `freightline get freight`)"
        case .originNotRequested(let freight, let origin, let stage):
            return "Freight `\(freight)` comes from \(origin), which Stage `\(stage)` does not request"
        case .notAvailable(let freight, let stage, let reasons):
            return "Freight `\(freight)` is not available to Stage `\(stage)`: \(reasons.joined(separator: "; ")); approve it first (`freightline approve`) to promote it anyway"
        case .rejected(let freight, let stage):
            return "Freight `\(freight)` was rejected for Stage `\(stage)`; it can never be promoted there"
        case .nothingToHold(let stage):
            return "Stage `\(stage)` holds no Freight yet, so there is nothing to hold it on"
        case .notHeld(let stage):
            return "Stage `\(stage)` is not held"
        case .notInHistory(let freight, let stage, let known):
            return "Freight `\(freight)` is not in Stage `\(stage)`'s history; earlier Freight there: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .historyTooShort(let stage, let steps, let available):
            return "Stage `\(stage)` has \(available) earlier Freight in its history, so it cannot go back \(steps)"
        case .alreadyCurrent(let freight, let stage):
            return "Stage `\(stage)` already holds `\(freight)`; nothing to roll back to"
        }
    }
}

/// Who asked, and when: recorded with every manual action.
public struct ActionContext: Sendable, Hashable {
    public var project: String
    public var actor: String
    public var now: Timestamp

    public init(project: String, actor: String, now: Timestamp) {
        self.project = project
        self.actor = actor
        self.now = now
    }
}

extension ManualAction {
    /// Applies the action to `state`; on error, `state` is unchanged. Returns a one-line
    /// summary of what was recorded.
    public func apply(to state: inout PipelineState, config: KargoConfig, context: ActionContext) throws(ManualActionError) -> String {
        let project = context.project
        let projects = Set(config.projects.map(\.metadata.name)).union(config.stages.compactMap(\.metadata.namespace)).sorted()
        guard projects.contains(project) else { throw .unknownProject(project, known: projects) }
        let stages = config.stages(in: project)

        func stage(_ name: String) throws(ManualActionError) -> Stage {
            guard let found = stages.first(where: { $0.metadata.name == name }) else {
                throw .unknownStage(name, project: project, known: stages.map(\.metadata.name))
            }
            return found
        }
        func freight(_ nameOrAlias: String) throws(ManualActionError) -> Freight {
            if let found = state.freight(in: project, named: nameOrAlias) { return found }
            let aliases = FreightAlias.assign(state.freight(in: project))
            if let name = aliases.first(where: { $0.value == nameOrAlias })?.key,
               let found = state.freight(in: project, named: name) {
                return found
            }
            throw .unknownFreight(nameOrAlias, project: project)
        }
        func request(_ stage: Stage, _ freight: Freight) throws(ManualActionError) -> RequestedFreight {
            guard let request = stage.spec.requestedFreight?.first(where: { $0.origin == freight.origin }) else {
                throw .originNotRequested(freight: freight.metadata.name, origin: freight.origin.key, stage: stage.metadata.name)
            }
            return request
        }

        switch self {
        case .promote(let stageName, let freightName):
            let target = try stage(stageName)
            let item = try freight(freightName)
            let requested = try request(target, item)
            let snapshot = ProjectSnapshot(project: project, config: config, state: state)
            let verdict = Availability.evaluate(item, for: requested, stage: stageName, snapshot: snapshot, now: context.now)
            guard verdict.available else {
                throw .notAvailable(freight: item.metadata.name, stage: stageName, reasons: verdict.reasons)
            }
            let promotion = PromotionNaming.request(stage: stageName, freight: item.metadata.name, project: project,
                                                    actor: context.actor, at: context.now)
            state.promotions.append(promotion)
            return "requested promotion \(promotion.metadata.name) of \(item.metadata.name) to \(stageName)"

        case .approve(let stageName, let freightName):
            let target = try stage(stageName)
            let item = try freight(freightName)
            _ = try request(target, item)
            if item.status?.rejectedFor?[stageName] != nil || item.status?.rejectedFor?[FreightRejection.allStages] != nil {
                throw .rejected(freight: item.metadata.name, stage: stageName)
            }
            state.updateFreight(in: project, named: item.metadata.name) { freight in
                var status = freight.status ?? FreightStatus()
                var approved = status.approvedFor ?? [:]
                if approved[stageName] == nil { approved[stageName] = ApprovedStage(approvedAt: context.now) }
                status.approvedFor = approved
                freight.status = status
            }
            return "approved \(item.metadata.name) for \(stageName)"

        case .hold(let stageName, let reason):
            let target = try stage(stageName)
            let current = StageHistory.currentItems(of: stageName, in: project, state: state)
            guard !current.isEmpty else { throw .nothingToHold(stage: stageName) }
            state.updateStage(in: project, named: stageName) { stageState in
                var holds = stageState.status.autoPromotionHolds ?? [:]
                for request in target.spec.requestedFreight ?? [] {
                    guard let freightName = current[request.origin.key] else { continue }
                    holds[request.origin.key] = AutoPromotionHold(
                        freightName: freightName, origin: request.origin, actor: context.actor,
                        createdAt: context.now, reason: reason)
                }
                stageState.status.autoPromotionHolds = holds
            }
            return "held \(stageName) on its current Freight"

        case .rollback(let stageName, let wanted, let steps):
            _ = try stage(stageName)
            let history = state.stage(in: project, named: stageName)?.status.freightHistory ?? []
            let earlier = Array(history.dropFirst())
            let collection: FreightCollection
            if let wanted {
                let item = try freight(wanted)
                let names = { (entry: FreightCollection) in (entry.items ?? [:]).values.compactMap(\.name) }
                if history.first.map(names)?.contains(item.metadata.name) == true {
                    throw .alreadyCurrent(freight: item.metadata.name, stage: stageName)
                }
                guard let found = earlier.first(where: { names($0).contains(item.metadata.name) }) else {
                    let known = earlier.flatMap(names)
                    throw .notInHistory(freight: item.metadata.name, stage: stageName,
                                        known: known.map { state.freight(in: project, named: $0)?.alias ?? $0 })
                }
                collection = found
            } else {
                guard steps >= 1, steps <= earlier.count else {
                    throw .historyTooShort(stage: stageName, steps: steps, available: earlier.count)
                }
                collection = earlier[steps - 1]
            }
            let current = StageHistory.currentItems(of: stageName, in: project, state: state)
            var requested: [String] = []
            for (origin, reference) in (collection.items ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let name = reference.name, current[reference.origin?.key ?? origin] != name else { continue }
                let item = try freight(name)
                if item.status?.rejectedFor?[stageName] != nil || item.status?.rejectedFor?[FreightRejection.allStages] != nil {
                    throw .rejected(freight: name, stage: stageName)
                }
                var promotion = PromotionNaming.request(stage: stageName, freight: name, project: project,
                                                        actor: context.actor, at: context.now)
                promotion.metadata.annotations?[PromotionNaming.reasonAnnotation] = PromotionNaming.rollbackReason
                state.promotions.removeAll { $0.metadata.namespace == project && $0.metadata.name == promotion.metadata.name }
                state.promotions.append(promotion)
                requested.append(promotion.metadata.name)
            }
            guard !requested.isEmpty, let first = collection.items?.values.compactMap(\.name).first else {
                throw .alreadyCurrent(freight: collection.id, stage: stageName)
            }
            let alias = state.freight(in: project, named: first)?.alias ?? FreightAlias.assign(state.freight(in: project))[first] ?? first
            return "requested rollback of \(stageName) to \(alias) (\(requested.joined(separator: ", ")))"

        case .release(let stageName):
            _ = try stage(stageName)
            guard let held = state.stage(in: project, named: stageName)?.status.autoPromotionHolds, !held.isEmpty else {
                throw .notHeld(stage: stageName)
            }
            state.updateStage(in: project, named: stageName) { $0.status.autoPromotionHolds = nil }
            return "released \(stageName)"

        case .reject(let freightName, let stageName, let reason):
            if let stageName { _ = try stage(stageName) }
            let item = try freight(freightName)
            state.updateFreight(in: project, named: item.metadata.name) { freight in
                var status = freight.status ?? FreightStatus()
                var rejected = status.rejectedFor ?? [:]
                rejected[stageName ?? FreightRejection.allStages] = FreightRejection(
                    rejectedAt: context.now, actor: context.actor, reason: reason)
                status.rejectedFor = rejected
                freight.status = status
            }
            return "rejected \(item.metadata.name) for \(stageName ?? "every Stage")"
        }
    }
}
