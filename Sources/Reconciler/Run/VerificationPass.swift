import Pipeline
import Verification

/// The verification part of a reconcile run: starts verifying Freight that Stages now hold
/// and have not verified, and takes the measurements that are due on runs in progress.
/// Nothing waits: a measurement that is not due yet is left for a later run.
struct VerificationPass {
    var config: KargoConfig
    var options: ReconcileOptions
    var verifier: Verifier

    /// What happened to one Stage's verification in this pass.
    struct Event: Sendable, Hashable {
        var project: String
        var stage: String
        var freight: String
        var run: String?
        var phase: VerificationPhase
        var started: Bool
        var message: String?
        var progress: String?
    }

    /// Applies every start and due measurement to `state`.
    func apply(to state: inout PipelineState) async -> [Event] {
        var events: [Event] = []
        for project in config.projectNames where options.includes(project: project) {
            for stage in config.stages(in: project) where !(stage.spec.verification?.analysisTemplates ?? []).isEmpty {
                let key = "\(project)/\(stage.metadata.name)"
                if let only = options.only, !only.contains(key) { continue }
                if let event = await verify(stage, project: project, state: &state) { events.append(event) }
            }
        }
        return events
    }

    private func verify(_ stage: Stage, project: String, state: inout PipelineState) async -> Event? {
        let name = stage.metadata.name
        guard let collection = state.stage(in: project, named: name)?.status.freightHistory?.first,
              !(collection.items ?? [:]).isEmpty else { return nil }
        // A promotion in flight will replace what the Stage holds; verify what it lands.
        guard !state.promotions.contains(where: {
            $0.metadata.namespace == project && $0.spec.stage == name && $0.status?.phase == .running
        }) else { return nil }
        let freight = (collection.items ?? [:]).values.compactMap(\.name).sorted().joined(separator: ",")

        var started = false
        var info = collection.verificationHistory?.first
        if info == nil {
            let spec = verifier.spec(for: stage, project: project, config: config, state: state)
            info = VerificationRecord.start(spec, project: project, stage: stage, actor: options.actor,
                                            now: options.now, state: &state)
            started = true
        }
        guard let current = info, let phase = current.phase else { return nil }
        guard !phase.isTerminal else {
            return started ? Event(project: project, stage: name, freight: freight, run: nil, phase: phase,
                                   started: true, message: current.message) : nil
        }
        guard let runName = current.analysisRun?.name, let run = state.analysisRun(in: project, named: runName) else { return nil }
        let advanced = await verifier.advance(run, now: options.now)
        guard advanced != run || started else { return nil }
        VerificationRecord.update(advanced, project: project, stage: name, now: options.now, state: &state)
        let newPhase = VerificationRecord.phase(of: advanced)
        return Event(project: project, stage: name, freight: freight, run: runName, phase: newPhase, started: started,
                     message: advanced.status?.message,
                     progress: VerificationProgress(run: advanced, now: options.now).describe(now: options.now))
    }
}

extension Reconciliation {
    /// How long `--wait` sleeps before asking again about a pull request, a sync or an
    /// Application's health (Kargo's lower bound for `pollInterval`).
    public static let pollInterval: Double = 10

    /// The steps `--wait` waits on when a promotion stops at one of them.
    static let pollingSteps: Set<String> = ["argocd-update", "argocd-wait", "http"]

    /// When the earliest measurement of a verification in progress is due, for
    /// `reconcile --wait`, or the next poll of a promotion or health check that waits;
    /// nil when nothing waits. Only the `only` Stages
    /// (if given) of the shard's Projects (if any) count.
    public static func nextVerificationDue(config: KargoConfig, state: PipelineState, now: Timestamp,
                                           only: Set<String>? = nil, shard: Shard? = nil) -> Timestamp? {
        var earliest: Timestamp?
        for project in config.projectNames where shard?.contains(project: project) ?? true {
            // Promotions waiting on a machine (an Argo CD sync, an HTTP condition) and Stages
            // waiting for their Applications' health are looked at again after `pollInterval`;
            // a pull request waiting for review is not worth keeping a CI job for.
            let waiting = config.stages(in: project).contains { stage in
                let key = "\(project)/\(stage.metadata.name)"
                if let only, !only.contains(key) { return false }
                let stepWaits = state.promotions.contains { promotion in
                    guard promotion.metadata.namespace == project, promotion.spec.stage == stage.metadata.name,
                          promotion.status?.phase == .running, promotion.lease == nil,
                          let index = promotion.status?.currentStep.map(Int.init), let steps = promotion.spec.steps,
                          steps.indices.contains(index) else { return false }
                    return pollingSteps.contains(steps[index].uses ?? "")
                }
                guard !stepWaits else { return true }
                guard let record = state.stage(in: project, named: stage.metadata.name) else { return false }
                return StageHealthRecord.awaitsHealth(stage, record: record) { state.freight(in: project, named: $0) }
            }
            if waiting {
                let next = now.adding(seconds: pollInterval)
                earliest = earliest.map { min($0, next) } ?? next
            }
            for stage in config.stages(in: project) where !(stage.spec.verification?.analysisTemplates ?? []).isEmpty {
                if let only, !only.contains("\(project)/\(stage.metadata.name)") { continue }
                guard let collection = state.stage(in: project, named: stage.metadata.name)?.status.freightHistory?.first,
                      !(collection.items ?? [:]).isEmpty else { continue }
                guard let info = collection.verificationHistory?.first else {
                    earliest = now
                    continue
                }
                guard info.phase?.isTerminal != true, let name = info.analysisRun?.name,
                      let run = state.analysisRun(in: project, named: name),
                      let next = VerificationProgress(run: run, now: now).next else { continue }
                earliest = earliest.map { min($0, next) } ?? next
            }
        }
        return earliest
    }
}
