import Foundation
import Pipeline
@testable import Reconciler

/// A pipeline of Stages in a line (the first auto-promotes direct from the Warehouse,
/// each next one from the one before) and Freight for it, built in code.
enum ReconcilerFixtures {
    static let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!
    static let origin = FreightOrigin(kind: .warehouse, name: "app")

    static func config(stages: [String] = ["test", "uat"]) -> KargoConfig {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "demo"), spec: ProjectSpec(
            promotionPolicies: stages.map { PromotionPolicy(stage: $0, autoPromotionEnabled: true) }))]
        let step = PromotionStep(uses: "file-write", config: .object(["path": .string("out.txt"), "contents": .string("x")]))
        var upstream: String?
        for name in stages {
            let sources = upstream.map { FreightSources(stages: [$0]) } ?? FreightSources(direct: true)
            config.stages.append(Stage(
                metadata: ObjectMeta(name: name, namespace: "demo"),
                spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: sources)],
                                promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(steps: [step])))))
            upstream = name
        }
        return config
    }

    static func freight(_ tag: String, minutesAgo: Double = 5) -> Freight {
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: "demo"), origin: origin,
                              images: [Image(repoURL: "ghcr.io/x/app", tag: tag, digest: "sha256:\(tag)")],
                              discoveredAt: now.adding(seconds: -minutesAgo * 60))
        freight.metadata.name = FreightIdentity.name(of: freight)
        return freight
    }

    static func temporaryFolder(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Ends every promotion in one phase, and counts what it ran.
final class CountingExecutor: PromotionExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [String] = []
    let phase: PromotionPhase

    init(phase: PromotionPhase = .succeeded) { self.phase = phase }

    var ran: [String] { lock.withLock { runs } }

    func execute(_ promotion: Promotion, stage: Stage, project: String, config: KargoConfig,
                 state: PipelineState) async -> PromotionResult {
        lock.withLock { runs.append("\(stage.metadata.name):\(promotion.spec.freight ?? "")") }
        var status = promotion.status ?? PromotionStatus()
        status.phase = phase
        if phase != .succeeded { status.message = "step `write` failed: boom" }
        return PromotionResult(status: status)
    }
}
