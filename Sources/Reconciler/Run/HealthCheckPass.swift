import Pipeline

/// Runs the health checks Stages keep (see `StageHealthRecord`) — Argo CD Applications'
/// health and sync — and records what they report. Like verification, nothing waits: a
/// Stage still Progressing is checked again by a later run.
struct HealthCheckPass {
    var config: KargoConfig
    var options: ReconcileOptions
    var checker: HealthChecker

    /// What one Stage's checks found in this pass.
    struct Event: Sendable, Hashable {
        var project: String
        var stage: String
        var outcome: HealthCheckOutcome
        /// Freight this outcome verified (a Stage with no verification turning Healthy).
        var verified: [String]
    }

    /// The Stages of this run (its shard, Projects and `--stage`s) not in `skipping` whose
    /// checks are due.
    func due(in state: PipelineState, skipping: Set<String> = []) -> [StageHealthRecord.Due] {
        StageHealthRecord.due(config: config, state: state) { project, stage in
            guard options.includes(project: project), !skipping.contains("\(project)/\(stage)") else { return false }
            return options.only?.contains("\(project)/\(stage)") ?? true
        }
    }

    /// Checks every due Stage not in `skipping` and applies the outcomes to `state`.
    func apply(to state: inout PipelineState, skipping: Set<String> = []) async -> [Event] {
        let due = due(in: state, skipping: skipping)
        var events: [Event] = []
        for item in due {
            guard let stage = config.stages(in: item.project).first(where: { $0.metadata.name == item.stage }) else { continue }
            let outcome = await checker(item.checks)
            let before = state
            let verified = StageHealthRecord.apply(outcome, project: item.project, stage: stage, now: options.now, state: &state)
            if state != before {
                events.append(Event(project: item.project, stage: item.stage, outcome: outcome, verified: verified))
            }
        }
        return events
    }
}

/// Runs a Stage's registered health checks (all of them, in order) and reports the worst.
public typealias HealthChecker = @Sendable (_ checks: [HealthCheckStep]) async -> HealthCheckOutcome
