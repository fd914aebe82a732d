/// Records a Promotion's result in the state, as Kargo's controllers would: the
/// Promotion's status; on success the Freight's `currentlyIn`, the Stage's
/// `freightHistory` (newest first, bounded), `longestSoak` of the Freight it replaced,
/// and — for a Stage with no verification and no health checks — `verifiedIn`, since
/// Kargo counts a successful promotion there as verified. Health checks the steps
/// registered are kept on the Stage (see `StageHealthRecord`). Pure, and safe to re-apply onto a state
/// re-read after a lost compare-and-swap.
public enum PromotionRecord {
    /// How many Freight collections a Stage's history keeps (Kargo keeps ten).
    public static let historyLimit = 10

    /// - Returns: false when the Promotion is no longer in `state` (nothing recorded).
    @discardableResult
    public static func apply(_ result: PromotionResult, promotion name: String, project: String,
                             config: KargoConfig, state: inout PipelineState, now: Timestamp) -> Bool {
        guard let index = state.promotions.firstIndex(where: { $0.metadata.namespace == project && $0.metadata.name == name })
        else { return false }
        var promotion = state.promotions[index]
        let stageName = promotion.spec.stage
        let stage = config.stages(in: project).first { $0.metadata.name == stageName }
        var status = result.status
        let phase = status.phase ?? .running

        for (freight, values) in result.freightMetadata.sorted(by: { $0.key < $1.key }) {
            state.updateFreight(in: project, named: freight) { item in
                var status = item.status ?? FreightStatus()
                status.metadata = merged(status.metadata, values)
                item.status = status
            }
        }
        for (stage, values) in result.stageMetadata.sorted(by: { $0.key < $1.key }) {
            state.updateStage(in: project, named: stage) { $0.status.metadata = merged($0.status.metadata, values) }
        }
        for (freight, alias) in result.freightAliases.sorted(by: { $0.key < $1.key }) {
            state.updateFreight(in: project, named: freight) { $0.alias = alias }
        }

        if phase == .succeeded, let freightName = promotion.spec.freight,
           let freight = state.freight(in: project, named: freightName) {
            // With health checks registered (argocd-update), the first Healthy check verifies
            // instead (StageHealthRecord).
            let checks = status.healthChecks ?? []
            let verifiedOnSuccess = (stage?.spec.verification?.analysisTemplates?.isEmpty ?? true) && checks.isEmpty
            status.freightCollection = moveIn(freight, stage: stageName, verifiedOnSuccess: verifiedOnSuccess,
                                              project: project, state: &state, now: now)
            state.updateStage(in: project, named: stageName) { record in
                var health = record.status.health ?? Health()
                health.config = checks.isEmpty ? nil : StageHealthRecord.config(for: checks)
                health.output = nil
                if checks.isEmpty, health.status != .unhealthy { health.status = nil }
                if !checks.isEmpty { health.status = .unknown }
                record.status.health = health == Health() ? nil : health
            }
        }
        if phase != .running || status.finishedAt == nil {
            if phase != .running { status.finishedAt = status.finishedAt ?? now }
        }
        promotion.status = status
        // A finished Promotion holds no lease; a waiting one (Running) releases it so the
        // next run picks the Promotion up again at once.
        promotion.lease = nil
        state.promotions[index] = promotion

        if phase != .running {
            state.updateStage(in: project, named: stageName) { record in
                record.status.lastPromotion = PromotionReference(
                    name: name, freight: status.freight,
                    status: PromotionStatus(phase: status.phase, message: status.message, finishedAt: status.finishedAt),
                    finishedAt: status.finishedAt)
            }
        }
        return true
    }

    /// Makes `freight` the Stage's current Freight for its origin.
    private static func moveIn(_ freight: Freight, stage: String, verifiedOnSuccess: Bool, project: String,
                               state: inout PipelineState, now: Timestamp) -> FreightCollection {
        let current = StageHistory.currentItems(of: stage, in: project, state: state)
        let originKey = freight.origin.key
        if let previous = current[originKey], previous != freight.metadata.name {
            state.updateFreight(in: project, named: previous) { item in
                var status = item.status ?? FreightStatus()
                if let since = status.currentlyIn?[stage]?.since, var verified = status.verifiedIn?[stage] {
                    let stay = GoDuration(nanoseconds: (now.secondsSinceEpoch - since.secondsSinceEpoch) * 1_000_000_000)
                    let longest = verified.longestSoak.flatMap { try? GoDuration(parsing: $0) } ?? .zero
                    if stay > longest { verified.longestSoak = stay.description }
                    status.verifiedIn?[stage] = verified
                }
                status.currentlyIn?[stage] = nil
                if status.currentlyIn?.isEmpty == true { status.currentlyIn = nil }
                item.status = status
            }
        }
        state.updateFreight(in: project, named: freight.metadata.name) { item in
            var status = item.status ?? FreightStatus()
            var currentlyIn = status.currentlyIn ?? [:]
            if currentlyIn[stage] == nil { currentlyIn[stage] = CurrentStage(since: now) }
            status.currentlyIn = currentlyIn
            if verifiedOnSuccess {
                var verified = status.verifiedIn ?? [:]
                if verified[stage] == nil { verified[stage] = VerifiedStage(verifiedAt: now) }
                status.verifiedIn = verified
            }
            item.status = status
        }

        var items: [String: FreightReference] = [:]
        for (key, name) in current where key != originKey {
            if let other = state.freight(in: project, named: name) { items[key] = FreightReference(freight: other) }
        }
        items[originKey] = FreightReference(freight: freight)
        let collection = FreightCollection(id: FreightIdentity.collectionID(items.values.compactMap(\.name)), items: items)
        state.updateStage(in: project, named: stage) { record in
            var history = record.status.freightHistory ?? []
            if history.first?.id != collection.id {
                history.insert(collection, at: 0)
            }
            record.status.freightHistory = Array(history.prefix(historyLimit))
        }
        return collection
    }

    private static func merged(_ base: [String: JSONValue]?, _ updates: [String: JSONValue]) -> [String: JSONValue]? {
        var result = base ?? [:]
        for (key, value) in updates {
            if value == .null { result[key] = nil } else { result[key] = value }
        }
        return result.isEmpty ? nil : result
    }
}
