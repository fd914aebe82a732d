import Foundation
import Manifests
import Pipeline
import Reconciler

/// Writes a synthetic pipeline in directory form: `pipelines` Projects, each with one
/// Warehouse and a chain of `stagesPerPipeline` Stages; `freightPerPipeline` Freight per
/// Project; `historyPerStage` freightHistory entries per Stage.
struct SyntheticPipeline {
    var pipelines = 200
    var stagesPerPipeline = 5
    var freightPerPipeline = 100
    var historyPerStage = 100
    let start = Timestamp(secondsSinceEpoch: 1_790_000_000)

    /// Late enough that some Freight has soaked 10 minutes upstream, not yet an hour.
    var now: Timestamp { start.adding(seconds: Double(freightPerPipeline) * 600 + 1200) }

    func write(config configRoot: String, state stateRoot: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: configRoot, withIntermediateDirectories: true)
        var state = PipelineState()
        for p in 0..<pipelines {
            let project = "pipeline-\(p)"
            var documents: [String] = []
            documents.append(YAMLWriter.document(try JSONValue.encoding(Project(metadata: ObjectMeta(name: project)))))
            let policy = PromotionPolicy(stageSelector: PromotionPolicySelector(name: "glob:stage-[0-2]"), autoPromotionEnabled: true)
            documents.append(YAMLWriter.document(try JSONValue.encoding(ProjectConfig(
                metadata: ObjectMeta(name: project, namespace: project), spec: ProjectConfigSpec(promotionPolicies: [policy])))))
            let origin = FreightOrigin(kind: .warehouse, name: "app")
            documents.append(YAMLWriter.document(try JSONValue.encoding(Warehouse(
                metadata: ObjectMeta(name: "app", namespace: project),
                spec: WarehouseSpec(subscriptions: [RepoSubscription(image: ImageSubscription(repoURL: "registry.example.com/team-\(p)/app"))], interval: "5m0s")))))
            for s in 0..<stagesPerPipeline {
                let sources = s == 0 ? FreightSources(direct: true)
                    : FreightSources(stages: ["stage-\(s - 1)"], requiredSoakTime: s % 2 == 1 ? "10m" : "1h")
                documents.append(YAMLWriter.document(try JSONValue.encoding(Stage(
                    metadata: ObjectMeta(name: "stage-\(s)", namespace: project),
                    spec: StageSpec(requestedFreight: [RequestedFreight(origin: origin, sources: sources)])))))
            }
            try documents.joined(separator: "---\n").write(toFile: "\(configRoot)/\(project).yaml", atomically: false, encoding: .utf8)

            var names: [String] = []
            for f in 0..<freightPerPipeline {
                let image = Image(repoURL: "registry.example.com/team-\(p)/app", tag: "1.\(f).0",
                                  digest: "sha256:" + String(repeating: String(f % 10), count: 64))
                var freight = Freight(metadata: ObjectMeta(name: "", namespace: project), origin: origin, images: [image],
                                      discoveredAt: start.adding(seconds: Double(f) * 600))
                freight.metadata.name = FreightIdentity.name(of: freight)
                var status = FreightStatus()
                // The newest few are spread along the chain: the newest in the first Stage,
                // older ones further on, each verified where it has been.
                let depth = freightPerPipeline - 1 - f
                if depth < stagesPerPipeline {
                    for s in 0...depth {
                        status.verifiedIn = (status.verifiedIn ?? [:]).merging(["stage-\(s)": VerifiedStage(
                            verifiedAt: start.adding(seconds: Double(f) * 600 + 60), longestSoak: s < depth ? "5m0s" : nil)]) { $1 }
                    }
                    status.currentlyIn = ["stage-\(depth)": CurrentStage(since: start.adding(seconds: Double(f) * 600 + 60))]
                }
                freight.status = status
                names.append(freight.metadata.name)
                state.freight.append(freight)
            }
            for s in 0..<stagesPerPipeline {
                var history: [FreightCollection] = []
                for h in 0..<historyPerStage {
                    let name = names[(names.count - 1 - h - s + names.count * 4) % names.count]
                    let reference = FreightReference(name: name, origin: origin)
                    history.append(FreightCollection(
                        id: FreightIdentity.collectionID([name]), items: ["Warehouse/app": reference],
                        verificationHistory: [VerificationInfo(id: "v-\(s)-\(h)", startTime: start.adding(seconds: Double(h) * 60), phase: .successful)]))
                }
                var stageState = StageState(metadata: ObjectMeta(name: "stage-\(s)", namespace: project))
                stageState.status.freightHistory = history
                state.stages.append(stageState)
            }
        }
        try DirectoryStateStore(root: stateRoot, createIfMissing: true).save(state, replacing: LoadedState())
    }
}
