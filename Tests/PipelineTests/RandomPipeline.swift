@testable import Pipeline

/// A deterministic random generator (SplitMix64), so a property-test seed reproduces
/// the same pipeline.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but valid pipelines and state: a few Warehouses, Stages in a DAG (direct or
/// fed by earlier Stages, OneOf or All, with soak times), Freight with random
/// verification, current stays, approvals and rejections.
struct RandomPipeline {
    var config = KargoConfig()
    var state = PipelineState()
    var now = Timestamp(secondsSinceEpoch: 1_800_000_000)
    static let project = "demo"

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let project = Self.project
        config.projects = [Project(metadata: ObjectMeta(name: project))]
        let warehouses = (0..<Int.random(in: 1...2, using: &random)).map { "wh\($0)" }
        let stageCount = Int.random(in: 1...6, using: &random)
        var stages: [Stage] = []
        for index in 0..<stageCount {
            var requests: [RequestedFreight] = []
            for warehouse in warehouses where index == 0 || Bool.random(using: &random) || requests.isEmpty {
                let origin = FreightOrigin(kind: .warehouse, name: warehouse)
                let candidates = stages.filter { stage in (stage.spec.requestedFreight ?? []).contains { $0.origin == origin } }
                var sources = FreightSources()
                if candidates.isEmpty || Int.random(in: 0..<4, using: &random) == 0 {
                    sources.direct = true
                } else {
                    let upstreams = candidates.shuffled(using: &random).prefix(Int.random(in: 1...min(2, candidates.count), using: &random))
                    sources.stages = upstreams.map(\.metadata.name)
                    sources.availabilityStrategy = Bool.random(using: &random) ? .all : .oneOf
                    if Bool.random(using: &random) { sources.requiredSoakTime = ["30m", "1h", "2h30m"].randomElement(using: &random)! }
                }
                requests.append(RequestedFreight(origin: origin, sources: sources))
            }
            stages.append(Stage(metadata: ObjectMeta(name: "s\(index)", namespace: project),
                                spec: StageSpec(requestedFreight: requests)))
        }
        config.stages = stages
        if Bool.random(using: &random) {
            let policies = stages.filter { _ in Bool.random(using: &random) }.map {
                PromotionPolicy(stageSelector: PromotionPolicySelector(name: $0.metadata.name), autoPromotionEnabled: true)
            }
            config.projectConfigs = [ProjectConfig(metadata: ObjectMeta(name: project, namespace: project),
                                                   spec: ProjectConfigSpec(promotionPolicies: policies))]
        }
        let stageNames = stages.map(\.metadata.name)
        for index in 0..<Int.random(in: 0...8, using: &random) {
            let origin = FreightOrigin(kind: .warehouse, name: warehouses.randomElement(using: &random)!)
            let image = Image(repoURL: "ghcr.io/example/app", tag: "1.\(index).0", digest: "sha256:\(index)")
            var freight = Freight(metadata: ObjectMeta(name: "", namespace: project), origin: origin, images: [image],
                                  discoveredAt: now.adding(seconds: -Double(Int.random(in: 0...200_000, using: &random))))
            freight.metadata.name = FreightIdentity.name(of: freight)
            var status = FreightStatus()
            for stage in stageNames where Int.random(in: 0..<3, using: &random) == 0 {
                status.verifiedIn = (status.verifiedIn ?? [:]).merging([stage: VerifiedStage(
                    verifiedAt: now.adding(seconds: -3600),
                    longestSoak: Bool.random(using: &random) ? ["10m0s", "45m0s", "3h0m0s"].randomElement(using: &random)! : nil)]) { $1 }
                if Bool.random(using: &random) {
                    status.currentlyIn = (status.currentlyIn ?? [:]).merging([stage: CurrentStage(
                        since: now.adding(seconds: -Double(Int.random(in: 0...20_000, using: &random))))]) { $1 }
                }
            }
            if Int.random(in: 0..<6, using: &random) == 0, let stage = stageNames.randomElement(using: &random) {
                status.approvedFor = [stage: ApprovedStage(approvedAt: now)]
            }
            if Int.random(in: 0..<8, using: &random) == 0 {
                status.rejectedFor = [Bool.random(using: &random) ? "*" : stageNames.randomElement(using: &random)!: FreightRejection(actor: "qa")]
            }
            freight.status = status
            state.freight.append(freight)
        }
    }
}
