/// Turns a plan into claims: Promotion objects in phase Running, with a lease held by
/// this run, written into the state. Pure; the caller commits the state with
/// compare-and-swap, and only a run whose commit lands may run what it claimed.
public struct PromotionClaims {
    public var holder: String
    public var now: Timestamp
    public var leaseDuration: GoDuration
    /// The steps a new Promotion into `stage` runs (the promotion template with
    /// PromotionTasks expanded), or why they cannot be built.
    public var steps: (Stage) -> Result<[PromotionStep], PromotionSetupError>

    /// Who auto-promotions are attributed to.
    public static let autoPromotionActor = "freightline (auto-promotion)"

    public init(holder: String, now: Timestamp, leaseDuration: GoDuration,
                steps: @escaping (Stage) -> Result<[PromotionStep], PromotionSetupError>) {
        self.holder = holder
        self.now = now
        self.leaseDuration = leaseDuration
        self.steps = steps
    }

    /// Claims every Stage the plan promotes (one Freight per Stage per run) and every
    /// Running Promotion whose lease is gone; returns the claims in plan order.
    /// `waited` names Promotions this run already ran that are waiting (on a pull request,
    /// a sync, a retry): they are left for the next run rather than asked again at once.
    public func claim(_ plan: Plan, config: KargoConfig, state: inout PipelineState,
                      only: Set<String>? = nil, waited: Set<String> = []) -> [PromotionClaim] {
        var claims: [PromotionClaim] = []
        let lease = PromotionLease(holder: holder, expires: now.adding(seconds: leaseDuration.seconds))
        for project in plan.projects {
            for stagePlan in project.stages {
                if let only, !only.contains("\(project.name)/\(stagePlan.name)") { continue }
                guard let stage = config.stages(in: project.name).first(where: { $0.metadata.name == stagePlan.name }) else { continue }
                switch stagePlan.decision {
                case .promote:
                    guard let freight = stagePlan.freight else { continue }
                    if let claim = claimNew(stage: stage, project: project.name, freight: freight, lease: lease, state: &state) {
                        claims.append(claim)
                    }
                case .promoting:
                    if let claim = resume(stage: stage, project: project.name, lease: lease, state: &state, waited: waited) {
                        claims.append(claim)
                    }
                default:
                    continue
                }
            }
        }
        return claims
    }

    private func claimNew(stage: Stage, project: String, freight: String, lease: PromotionLease,
                          state: inout PipelineState) -> PromotionClaim? {
        let stageName = stage.metadata.name
        let queued = state.promotions.indices.filter { index in
            let promotion = state.promotions[index]
            return promotion.metadata.namespace == project && promotion.spec.stage == stageName
                && promotion.spec.freight == freight
                && (promotion.status?.phase == nil || promotion.status?.phase == .pending)
        }.sorted { Self.olderFirst(state.promotions[$0], state.promotions[$1]) }
        let index: Int
        if let first = queued.first {
            index = first
        } else {
            var promotion = PromotionNaming.request(stage: stageName, freight: freight, project: project,
                                                    actor: Self.autoPromotionActor, at: now)
            let taken = Set(state.promotions.filter { $0.metadata.namespace == project }.map(\.metadata.name))
            var name = promotion.metadata.name
            var counter = 2
            while taken.contains(name) {
                name = promotion.metadata.name + "-\(counter)"
                counter += 1
            }
            promotion.metadata.name = name
            state.promotions.append(promotion)
            index = state.promotions.count - 1
        }
        var promotion = state.promotions[index]
        var status = promotion.status ?? PromotionStatus()
        status.phase = .running
        status.startedAt = now
        status.currentStep = 0
        status.freight = state.freight(in: project, named: freight).map(FreightReference.init(freight:))
        if promotion.spec.steps == nil {
            switch steps(stage) {
            case .success(let expanded):
                promotion.spec.steps = expanded
                let vars = (stage.spec.vars ?? []) + (stage.spec.promotionTemplate?.spec?.vars ?? [])
                promotion.spec.vars = vars.isEmpty ? nil : vars
            case .failure(let error):
                status.phase = .errored
                status.message = error.description
                status.finishedAt = now
                promotion.status = status
                state.promotions[index] = promotion
                return nil
            }
        }
        promotion.status = status
        promotion.lease = lease
        state.promotions[index] = promotion
        return PromotionClaim(project: project, stage: stageName, promotion: promotion.metadata.name,
                              freight: freight, resumed: false)
    }

    private func resume(stage: Stage, project: String, lease: PromotionLease, state: inout PipelineState,
                        waited: Set<String>) -> PromotionClaim? {
        let stageName = stage.metadata.name
        guard let index = state.promotions.indices.filter({ index in
            let promotion = state.promotions[index]
            return promotion.metadata.namespace == project && promotion.spec.stage == stageName
                && promotion.status?.phase == .running
        }).min(by: { Self.olderFirst(state.promotions[$0], state.promotions[$1]) }) else { return nil }
        if let held = state.promotions[index].lease, !held.isExpired(at: now) { return nil }
        guard !waited.contains("\(project)/\(state.promotions[index].metadata.name)") else { return nil }
        state.promotions[index].lease = lease
        let promotion = state.promotions[index]
        return PromotionClaim(project: project, stage: stageName, promotion: promotion.metadata.name,
                              freight: promotion.spec.freight ?? "", resumed: true)
    }

    static func olderFirst(_ lhs: Promotion, _ rhs: Promotion) -> Bool {
        let left = lhs.metadata.creationTimestamp ?? Timestamp(secondsSinceEpoch: 0)
        let right = rhs.metadata.creationTimestamp ?? Timestamp(secondsSinceEpoch: 0)
        return left == right ? lhs.metadata.name < rhs.metadata.name : left < right
    }
}

/// Why a Promotion cannot even start (its steps cannot be built from the template).
public struct PromotionSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension FreightReference {
    /// A reference carrying the Freight's name, origin and artifacts, as Kargo records it.
    public init(freight: Freight) {
        self.init(name: freight.metadata.name, origin: freight.origin, commits: freight.commits,
                  images: freight.images, charts: freight.charts, artifacts: freight.artifacts)
    }
}
