import Discovery
import Manifests
import Pipeline
import Verification

/// One reconcile run (DESIGN §3): read state, plan, claim with compare-and-swap,
/// promote, record each result as its own commit, and go round again while promotions
/// make further Stages eligible. A lost race is never an error by itself: the loser
/// re-reads and re-plans, so each (Stage, Freight) is promoted once however many runs start.
public struct Reconciliation {
    public var config: KargoConfig
    public var options: ReconcileOptions
    public var expandSteps: (Stage) -> Result<[PromotionStep], PromotionSetupError>
    /// Warehouse discovery before planning (nil: offline, no discovery).
    public var discovery: WarehouseDiscovery?
    /// Verification of the Freight Stages hold (nil: verification is not run, and Stages
    /// with verification keep waiting for it).
    public var verifier: Verifier?
    /// Runs the health checks promotions registered (Argo CD Applications); nil: they are
    /// not run, and Stages relying on them for verification keep waiting.
    public var healthChecker: HealthChecker?
    /// One progress line (stderr in the CLI).
    public var progress: (String) -> Void

    public init(config: KargoConfig, options: ReconcileOptions,
                expandSteps: @escaping (Stage) -> Result<[PromotionStep], PromotionSetupError>,
                discovery: WarehouseDiscovery? = nil,
                verifier: Verifier? = nil,
                healthChecker: HealthChecker? = nil,
                progress: @escaping (String) -> Void = { _ in }) {
        self.config = config
        self.options = options
        self.expandSteps = expandSteps
        self.discovery = discovery
        self.verifier = verifier
        self.healthChecker = healthChecker
        self.progress = progress
    }

    public func run(store: some StateStore, executor: some PromotionExecutor) async throws -> ReconcileSummary {
        let counting = store as? any PushCountingStateStore
        let before = counting?.pushCount
        var summary = try await reconcile(store: store, executor: executor)
        if let before, let after = counting?.pushCount { summary.pushes = after.since(before) }
        return summary
    }

    private func reconcile(store: some StateStore, executor: some PromotionExecutor) async throws -> ReconcileSummary {
        var summary = ReconcileSummary()
        if let discovery {
            try await discover(with: discovery, store: store, summary: &summary)
        }
        var conflictsInARow = 0
        var rounds = 0
        let claimer = PromotionClaims(holder: options.runID, now: options.now,
                                      leaseDuration: options.leaseDuration, steps: expandSteps)
        let planned = plannedConfig
        // Each Stage's health is checked once per run (a Stage promoted in this run, in the
        // round after its promotion).
        var checkedHealth: Set<String> = []
        // Promotions run here that are left waiting: looked at again by the next run.
        var waited: Set<String> = []
        // The pass reads the state (a fetch) of its own, so it runs only when something can
        // be due: in the first round, and after a round in which a promotion succeeded.
        var healthMayBeDue = healthChecker != nil && config.usesStep("argocd-update")
        while rounds < options.maxRounds {
            if let healthChecker, healthMayBeDue {
                healthMayBeDue = false
                try await checkHealth(with: HealthCheckPass(config: config, options: options, checker: healthChecker),
                                      store: store, checked: &checkedHealth, summary: &summary)
            }
            // Only when some Stage verifies: the pass reads the state (a fetch) of its own.
            if let verifier, config.stages.contains(where: { !($0.spec.verification?.analysisTemplates ?? []).isEmpty }) {
                try await verify(with: VerificationPass(config: config, options: options, verifier: verifier),
                                 store: store, summary: &summary)
            }
            let loaded = try read(store)
            var state = loaded.state
            let plan = Planner(zones: SystemTimeZones.lookup).plan(config: planned, state: state, now: options.now)
            let claims = claimer.claim(plan, config: config, state: &state, only: options.only, waited: waited)
            PromotionWindowRecord.apply(plan, to: &state)
            if claims.isEmpty && state == loaded.state { break }

            let change = claimChange(claims, state: state)
            do {
                if try store.save(state, replacing: loaded, change: change) { summary.commits += 1 }
            } catch is StateConflict {
                summary.conflicts += 1
                conflictsInARow += 1
                progress("lost a race for the state ref; re-reading and re-planning (\(conflictsInARow))")
                if conflictsInARow >= options.maxConflicts {
                    summary.gaveUpOnConflicts = true
                    return summary
                }
                continue
            }
            conflictsInARow = 0
            rounds += 1
            if claims.isEmpty { continue }

            var current = LoadedState(state: state, files: StateLayout.paths(for: state),
                                      revision: revisionAfterSave(store, loaded))
            for claim in claims {
                guard let promotion = current.state.promotions.first(where: {
                    $0.metadata.namespace == claim.project && $0.metadata.name == claim.promotion
                }), let stage = config.stages(in: claim.project).first(where: { $0.metadata.name == claim.stage }) else { continue }
                let alias = aliasOf(claim.freight, in: claim.project, state: current.state)
                progress("\(claim.resumed ? "resuming" : "promoting") \(claim.project)/\(claim.stage) ← \(alias) (\(claim.promotion))")
                let result = await executor.execute(promotion, stage: stage, project: claim.project, config: config,
                                                    state: current.state)
                let phase = result.status.phase ?? .running
                if phase == .running { waited.insert("\(claim.project)/\(claim.promotion)") }
                if phase == .succeeded, healthChecker != nil, result.status.healthChecks?.isEmpty == false {
                    healthMayBeDue = true
                }
                progress("  \(claim.stage): \(phase.rawValue)\(result.status.message.map { " — \($0)" } ?? "")")
                if try record(result, claim: claim, store: store, from: &current, summary: &summary) {
                    summary.promotions.append(.init(project: claim.project, stage: claim.stage, promotion: claim.promotion,
                                                    freight: claim.freight, alias: alias, phase: phase,
                                                    message: result.status.message, resumed: claim.resumed))
                } else {
                    summary.lostLeases.append(claim.promotion)
                    progress("  \(claim.promotion) was taken over by another run; its result here is discarded")
                }
            }
        }
        return summary
    }

    /// Runs discovery once and commits what it found (new Freight, Warehouse states); on a
    /// lost race the same findings are applied to the state as it is then.
    private func discover(with discovery: WarehouseDiscovery, store: some StateStore,
                          summary: inout ReconcileSummary) async throws {
        let loaded = try read(store)
        let report = await discovery.run(config: config, state: loaded.state, only: options.projects(in: config))
        for line in report.lines { progress("discovery: \(line)") }
        summary.discovery = report
        var current = loaded
        for attempt in 1...options.maxConflicts {
            var state = current.state
            report.apply(to: &state)
            if state == current.state { return }
            var trailers = [StateChange.Trailer("Freightline-Run", options.runID)]
            for freight in report.newFreight {
                trailers.append(.init("Freightline-Warehouse", "\(freight.metadata.namespace ?? "")/\(freight.origin.name)"))
                trailers.append(.init("Freightline-Freight", freight.metadata.name))
            }
            trailers.append(.init("Freightline-Reason", "discovery"))
            let change = StateChange(
                summary: report.newFreight.isEmpty ? "Record discovery" : "Discovered \(report.newFreight.count) new Freight",
                trailers: trailers)
            do {
                if try store.save(state, replacing: current, change: change) { summary.commits += 1 }
                return
            } catch is StateConflict where attempt < options.maxConflicts {
                summary.conflicts += 1
                current = try read(store)
            }
        }
    }

    /// Starts and advances verifications and commits what changed; on a lost race the pass
    /// runs again on the state as it is then (measurements due then are taken again).
    private func verify(with pass: VerificationPass, store: some StateStore,
                        summary: inout ReconcileSummary) async throws {
        for attempt in 1...options.maxConflicts {
            let loaded = try read(store)
            var state = loaded.state
            let events = await pass.apply(to: &state)
            if state == loaded.state { return }
            do {
                if try store.save(state, replacing: loaded, change: verificationChange(events, state: state)) {
                    summary.commits += 1
                }
            } catch is StateConflict where attempt < options.maxConflicts {
                summary.conflicts += 1
                continue
            }
            for event in events {
                let alias = event.freight.split(separator: ",").map { aliasOf(String($0), in: event.project, state: state) }
                    .joined(separator: " + ")
                let detail = event.phase.isTerminal ? (event.message ?? event.progress ?? "") : (event.progress ?? "")
                progress("verification \(event.project)/\(event.stage) ← \(alias): \(event.phase.rawValue.lowercased())"
                         + (detail.isEmpty ? "" : " — \(detail)"))
                let entry = ReconcileSummary.VerificationEntry(project: event.project, stage: event.stage, freight: event.freight,
                                                              alias: alias, phase: event.phase, detail: detail)
                summary.verifications.removeAll { $0.project == event.project && $0.stage == event.stage }
                summary.verifications.append(entry)
            }
            return
        }
    }

    /// Runs the due health checks and commits what changed; on a lost race the checks run
    /// again on the state as it is then.
    private func checkHealth(with pass: HealthCheckPass, store: some StateStore, checked: inout Set<String>,
                             summary: inout ReconcileSummary) async throws {
        for attempt in 1...options.maxConflicts {
            let loaded = try read(store)
            var state = loaded.state
            let due = pass.due(in: state, skipping: checked)
            guard !due.isEmpty else { return }
            let events = await pass.apply(to: &state, skipping: checked)
            let done = due.map { "\($0.project)/\($0.stage)" }
            if state != loaded.state {
                do {
                    if try store.save(state, replacing: loaded, change: healthChange(events, state: state)) { summary.commits += 1 }
                } catch is StateConflict where attempt < options.maxConflicts {
                    summary.conflicts += 1
                    continue
                }
            }
            checked.formUnion(done)
            for event in events {
                let issues = event.outcome.issues.isEmpty ? "" : " — " + event.outcome.issues.joined(separator: "; ")
                let verified = event.verified.map { aliasOf($0, in: event.project, state: state) }
                progress("health \(event.project)/\(event.stage): \(event.outcome.status.rawValue)\(issues)"
                         + (verified.isEmpty ? "" : "; verified " + verified.joined(separator: ", ")))
            }
            return
        }
    }

    private func healthChange(_ events: [HealthCheckPass.Event], state: PipelineState) -> StateChange {
        var trailers = [StateChange.Trailer("Freightline-Run", options.runID)]
        var lines: [String] = []
        for event in events {
            trailers.append(.init("Freightline-Stage", "\(event.project)/\(event.stage)"))
            for freight in event.verified { trailers.append(.init("Freightline-Freight", freight)) }
            let verified = event.verified.map { aliasOf($0, in: event.project, state: state) }
            lines.append(verified.isEmpty
                ? "Health of \(event.stage): \(event.outcome.status.rawValue)"
                : "Verified \(event.stage) ← \(verified.joined(separator: " + ")) (Argo CD reports it Healthy)")
        }
        let verifiedAny = events.contains { !$0.verified.isEmpty }
        trailers.append(.init("Freightline-Reason", verifiedAny ? "verification succeeded (health checks)" : "health recorded"))
        let summary = lines.count == 1 ? lines[0] : "Record the health of \(events.count) Stages"
        return StateChange(summary: summary, body: lines.count > 1 ? lines.joined(separator: "\n") : nil, trailers: trailers)
    }

    private func verificationChange(_ events: [VerificationPass.Event], state: PipelineState) -> StateChange {
        var trailers = [StateChange.Trailer("Freightline-Run", options.runID)]
        var lines: [String] = []
        for event in events {
            let alias = event.freight.split(separator: ",").map { aliasOf(String($0), in: event.project, state: state) }
                .joined(separator: " + ")
            trailers.append(.init("Freightline-Stage", "\(event.project)/\(event.stage)"))
            for freight in event.freight.split(separator: ",") { trailers.append(.init("Freightline-Freight", String(freight))) }
            if let run = event.run { trailers.append(.init("Freightline-AnalysisRun", run)) }
            switch event.phase {
            case .successful: lines.append("Verified \(event.stage) ← \(alias)")
            case .pending, .running:
                lines.append("\(event.started ? "Started verifying" : "Verifying") \(event.stage) ← \(alias)"
                             + (event.progress.map { ": \($0)" } ?? ""))
            default:
                lines.append("Verification of \(event.stage) ← \(alias) \(event.phase.rawValue.lowercased())"
                             + (event.message.map { ": \($0)" } ?? ""))
            }
        }
        let phases = Set(events.map { $0.phase.rawValue.lowercased() }).sorted()
        trailers.append(.init("Freightline-Reason", "verification " + (phases.isEmpty ? "recorded" : phases.joined(separator: ", "))))
        let summary = lines.count == 1 ? lines[0] : "Verify \(events.count) Stages"
        return StateChange(summary: summary, body: lines.count > 1 ? lines.joined(separator: "\n") : nil, trailers: trailers)
    }

    /// Records one result: applied to the state this run last wrote, and on a lost race
    /// re-applied to the state re-read, as long as the lease is still ours.
    private func record(_ result: PromotionResult, claim: PromotionClaim, store: some StateStore,
                        from current: inout LoadedState, summary: inout ReconcileSummary) throws -> Bool {
        var attempts = 0
        while true {
            guard let promotion = current.state.promotions.first(where: {
                $0.metadata.namespace == claim.project && $0.metadata.name == claim.promotion
            }), promotion.lease?.holder == options.runID else { return false }
            var state = current.state
            PromotionRecord.apply(result, promotion: claim.promotion, project: claim.project,
                                  config: config, state: &state, now: options.now)
            do {
                if try store.save(state, replacing: current, change: resultChange(claim, result, state)) { summary.commits += 1 }
                current = LoadedState(state: state, files: StateLayout.paths(for: state),
                                      revision: revisionAfterSave(store, current))
                return true
            } catch is StateConflict {
                summary.conflicts += 1
                attempts += 1
                if attempts >= options.maxConflicts {
                    summary.gaveUpOnConflicts = true
                    throw StateConflict("could not record \(claim.promotion) after \(attempts) lost races")
                }
                current = try read(store)
            }
        }
    }

    /// The configuration the planner sees: with a shard, only its Projects, so the other
    /// shards' Projects are neither planned nor claimed by this run.
    private var plannedConfig: KargoConfig {
        guard options.shard != nil else { return config }
        var scoped = config
        scoped.projects.removeAll { !options.includes(project: $0.metadata.name) }
        scoped.stages.removeAll { !options.includes(project: $0.metadata.namespace ?? "") }
        return scoped
    }

    private func read(_ store: some StateStore) throws -> LoadedState {
        let loaded = try store.load()
        let errors = loaded.diagnostics.sorted.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw ReconcileError.invalidState(errors.map { "\($0.location): \($0.message)" })
        }
        return loaded
    }

    private func revisionAfterSave(_ store: some StateStore, _ previous: LoadedState) -> String? {
        store.savedRevision ?? previous.revision
    }

    private func aliasOf(_ freight: String, in project: String, state: PipelineState) -> String {
        if let alias = state.freight(in: project, named: freight)?.alias { return alias }
        return FreightAlias.assign(state.freight(in: project))[freight] ?? String(freight.prefix(7))
    }

    private func claimChange(_ claims: [PromotionClaim], state: PipelineState) -> StateChange {
        var trailers = [StateChange.Trailer("Freightline-Run", options.runID)]
        for claim in claims {
            trailers.append(.init("Freightline-Promotion", claim.promotion))
            trailers.append(.init("Freightline-Stage", "\(claim.project)/\(claim.stage)"))
            trailers.append(.init("Freightline-Freight", claim.freight))
        }
        trailers.append(.init("Freightline-Reason", claims.isEmpty ? "stage status" : claims.contains { $0.resumed } ? "resume" : "claim"))
        let summary: String
        if claims.isEmpty {
            summary = "Record Stage status (promotion windows, promotions that cannot start)"
        } else {
            summary = "Claim " + claims.map { "\($0.stage) ← \(aliasOf($0.freight, in: $0.project, state: state))" }.joined(separator: ", ")
        }
        return StateChange(summary: summary, trailers: trailers)
    }

    /// "rollback" for a Promotion a person asked for as a rollback, else "promotion".
    private func reasonWord(_ claim: PromotionClaim, _ state: PipelineState) -> String {
        let promotion = state.promotions.first { $0.metadata.namespace == claim.project && $0.metadata.name == claim.promotion }
        return promotion?.metadata.annotations?[PromotionNaming.reasonAnnotation] == PromotionNaming.rollbackReason
            ? "rollback" : "promotion"
    }

    private func resultChange(_ claim: PromotionClaim, _ result: PromotionResult, _ state: PipelineState) -> StateChange {
        let phase = result.status.phase ?? .running
        let alias = aliasOf(claim.freight, in: claim.project, state: state)
        let verb: String = switch phase {
        case .succeeded: "Promoted"
        case .running: "Waiting:"
        default: "Failed to promote"
        }
        var body: String?
        if let message = result.status.message, !message.isEmpty { body = message }
        return StateChange(summary: "\(verb) \(claim.stage) ← \(alias)", body: body, trailers: [
            .init("Freightline-Run", options.runID),
            .init("Freightline-Promotion", claim.promotion),
            .init("Freightline-Stage", "\(claim.project)/\(claim.stage)"),
            .init("Freightline-Freight", claim.freight),
            .init("Freightline-Reason", "\(reasonWord(claim, state)) \(phase.rawValue.lowercased())"),
        ])
    }
}
