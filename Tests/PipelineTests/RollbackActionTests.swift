import Testing
@testable import Pipeline

/// `rollback`: back to Freight from the Stage's own history, as an ordinary request marked
/// `rollback`, never to Freight rejected for the Stage.
@Suite struct RollbackActionTests {
    let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    let origin = FreightOrigin(kind: .warehouse, name: "app")
    private var context: ActionContext { ActionContext(project: "demo", actor: "alice", now: now) }

    private func config() -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"))]
        config.stages = [Stage(metadata: ObjectMeta(name: "prod", namespace: "demo"),
                               spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: FreightSources(direct: true))]))]
        return config
    }

    private func freight(_ tag: String) -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: tag, digest: "sha256:\(tag)")])
        freight.metadata.name = FreightIdentity.name(of: freight)
        freight.alias = "app-\(tag)"
        return freight
    }

    /// prod held 1.0.0, then 1.1.0, and holds 1.2.0 now.
    private func state() -> (PipelineState, [Freight]) {
        let items = ["1.0.0", "1.1.0", "1.2.0"].map(freight)
        var state = PipelineState(freight: items)
        state.updateStage(in: "demo", named: "prod") { record in
            record.status.freightHistory = items.reversed().map { item in
                FreightCollection(id: FreightIdentity.collectionID([item.metadata.name]),
                                  items: [origin.key: FreightReference(name: item.metadata.name, origin: origin)])
            }
        }
        return (state, items)
    }

    @Test(arguments: [(1, "1.1.0"), (2, "1.0.0")])
    func stepsBackPicksFromTheStagesHistory(steps: Int, tag: String) throws {
        var (state, items) = state()
        let summary = try ManualAction.rollback(stage: "prod", to: nil, steps: steps).apply(to: &state, config: config(), context: context)
        let target = try #require(items.first { $0.images?.first?.tag == tag })
        let request = try #require(state.promotions.first)
        #expect(request.spec.freight == target.metadata.name)
        #expect(request.metadata.annotations?[PromotionNaming.reasonAnnotation] == "rollback")
        #expect(request.metadata.annotations?[PromotionNaming.actorAnnotation] == "alice")
        #expect(request.status == nil, "an ordinary queued request: the reconciler runs its steps")
        #expect(summary.hasPrefix("requested rollback of prod to app-\(tag)"))
    }

    @Test func toNamesAFreightByAliasAndMustBeInTheHistory() throws {
        var (state, items) = state()
        _ = try ManualAction.rollback(stage: "prod", to: "app-1.0.0", steps: 1).apply(to: &state, config: config(), context: context)
        #expect(state.promotions.first?.spec.freight == items[0].metadata.name)

        var other = self.state().0
        other.freight.append(freight("0.9.0"))
        #expect(throws: ManualActionError.notInHistory(freight: freight("0.9.0").metadata.name, stage: "prod", known: ["app-1.1.0", "app-1.0.0"])) {
            try ManualAction.rollback(stage: "prod", to: "app-0.9.0", steps: 1).apply(to: &other, config: config(), context: context)
        }
        #expect(throws: ManualActionError.alreadyCurrent(freight: items[2].metadata.name, stage: "prod")) {
            try ManualAction.rollback(stage: "prod", to: "app-1.2.0", steps: 1).apply(to: &other, config: config(), context: context)
        }
        #expect(throws: ManualActionError.historyTooShort(stage: "prod", steps: 3, available: 2)) {
            try ManualAction.rollback(stage: "prod", to: nil, steps: 3).apply(to: &other, config: config(), context: context)
        }
    }

    @Test func rejectedFreightIsNeverRolledBackTo() throws {
        var (state, items) = state()
        state.updateFreight(in: "demo", named: items[1].metadata.name) {
            $0.status = FreightStatus(rejectedFor: ["prod": FreightRejection(rejectedAt: now, actor: "qa", reason: "CVE")])
        }
        let before = state
        #expect(throws: ManualActionError.rejected(freight: items[1].metadata.name, stage: "prod")) {
            try ManualAction.rollback(stage: "prod", to: nil, steps: 1).apply(to: &state, config: config(), context: context)
        }
        #expect(state == before)
    }
}
