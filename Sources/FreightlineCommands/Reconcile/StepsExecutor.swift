import Foundation
import GitStore
import Pipeline
import Promotions
import Reconciler
import Steps

/// Runs claimed Promotions with the promotion engine and the built-in steps, each in a
/// fresh private work folder, with credentials from `--credentials` and the environment.
struct StepsExecutor: PromotionExecutor {
    let config: KargoConfig
    let workRoot: String
    let keepWork: Bool
    let credentials: CredentialStore
    let gitCache: GitCache
    let now: Timestamp
    let dryRun: Bool
    let hooks: TestHooks
    /// In a dry run, where each would-be remote write is collected (nil: not collected).
    var writeLog: RemoteWriteLog? = nil

    /// A Stage's steps with its Project's PromotionTasks (and ClusterPromotionTasks) expanded.
    func expandSteps(_ stage: Stage) -> Result<[PromotionStep], PromotionSetupError> {
        let project = stage.metadata.namespace
        do {
            let steps = try PromotionExpansion.steps(
                for: stage.spec.promotionTemplate ?? PromotionTemplate(),
                promotionVars: PromotionExpansion.variables(for: stage),
                tasks: config.promotionTasks.filter { $0.metadata.namespace == project },
                clusterTasks: config.clusterPromotionTasks, supportedSteps: SupportedSteps.names(for: config))
            return .success(steps)
        } catch {
            return .failure(PromotionSetupError("\(error)"))
        }
    }

    func execute(_ promotion: Promotion, stage: Stage, project: String, config: KargoConfig,
                 state: PipelineState) async -> PromotionResult {
        let folder = workRoot + "/" + project + "/" + promotion.metadata.name
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            var status = promotion.status ?? PromotionStatus()
            status.phase = .errored
            status.message = "cannot create the work folder \(folder): \(error.localizedDescription)"
            return PromotionResult(status: status)
        }
        defer { if !keepWork { try? manager.removeItem(atPath: folder) } }

        var target: [Freight] = []
        if let name = promotion.spec.freight, let freight = state.freight(in: project, named: name) {
            target.append(freight)
            // The Stage's other origins keep their current Freight in the collection.
            for (origin, current) in StageHistory.currentItems(of: stage.metadata.name, in: project, state: state).sorted(by: { $0.key < $1.key })
            where origin != freight.origin.key {
                if let other = state.freight(in: project, named: current) { target.append(other) }
            }
        }
        var stageMetadata: [String: [String: JSONValue]] = [:]
        for record in state.stages where record.metadata.namespace == project {
            if let metadata = record.status.metadata { stageMetadata[record.metadata.name] = metadata }
        }
        var configMaps: [String: [String: String]] = [:]
        for map in config.configMaps where map.metadata.namespace == nil || map.metadata.namespace == project {
            configMaps[map.metadata.name] = map.data ?? [:]
        }
        var environment = PromotionEnvironment(
            project: project, stage: stage, targetFreight: target, knownFreight: state.freight(in: project),
            stageMetadata: stageMetadata, configMaps: configMaps, secrets: credentials.generic,
            actor: promotion.metadata.annotations?[PromotionNaming.actorAnnotation], workDirectory: folder)
        environment.maskedValues = credentials.credentialValues
        let hooks = self.hooks
        let name = promotion.metadata.name
        let dryRun = self.dryRun
        let now = self.now
        let credentials = self.credentials
        let log = writeLog
        let customSteps = config.customPromotionSteps
        let engine = PromotionEngine(
            clock: { now },
            runner: { uses in
                if dryRun, RemoteWriteRecorder.recorded.contains(uses) { return RemoteWriteRecorder(uses: uses, log: log) }
                if let builtIn = StepRegistry.runner(named: uses) { return builtIn }
                return customSteps.first { $0.name == uses }.map { CustomStepRunner(name: $0.name, definition: $0.spec) }
            },
            retryDefaults: { uses in StepRetryDefaults.of(uses, customSteps: customSteps) },
            stepBoundary: { event in
                hooks.reached(event.moment == .willStart ? .before : .after, step: event.index, promotion: name)
            },
            gitCredentials: { credentials.git(for: $0) },
            gitCache: gitCache,
            gitHosting: { credentials.gitHosting(for: $0) },
            argoCD: credentials.argoCD)
        let outcome = await engine.run(promotion, in: environment)
        return PromotionResult(status: outcome.status, stageMetadata: outcome.stageMetadataUpdates,
                               freightMetadata: outcome.freightMetadataUpdates, freightAliases: outcome.freightAliasUpdates)
    }
}
