import Pipeline
import Verification

/// `freightline verify`: verifying a Stage's current Freight again, or aborting the
/// verification in progress, outside a full reconcile. Each change is one state commit,
/// pushed with compare-and-swap and re-applied to the state as it is after a lost race.
public struct StageVerification {
    public var config: KargoConfig
    public var options: ReconcileOptions
    public var verifier: Verifier
    public var project: String
    public var stage: Stage

    public init(config: KargoConfig, options: ReconcileOptions, verifier: Verifier, project: String, stage: Stage) {
        self.config = config
        self.options = options
        self.verifier = verifier
        self.project = project
        self.stage = stage
    }

    /// Where the Stage's verification stands after a command.
    public struct Outcome: Sendable, Hashable {
        public var phase: VerificationPhase
        public var run: String?
        /// Progress while running; the reason once ended.
        public var detail: String
        /// When the next measurement is due (nil once ended).
        public var nextDue: Timestamp?
    }

    /// Starts a new verification of the current Freight and takes the measurements due at
    /// once. Refused while one is still running.
    public func restart(store: some StateStore) async throws -> Outcome {
        try await commit(store: store) { state throws(VerificationRefusal) in
            let info = try currentVerification(in: state, requireFreight: true)
            if let phase = info?.phase, !phase.isTerminal {
                throw VerificationRefusal("verification of \(stage.metadata.name)'s Freight is still \(phase.rawValue.lowercased()); wait for it or end it with --abort")
            }
            let spec = verifier.spec(for: stage, project: project, config: config, state: state)
            VerificationRecord.start(spec, project: project, stage: stage, actor: options.actor, now: options.now, state: &state)
            return "Started verifying \(stage.metadata.name) again"
        }
    }

    /// Takes the measurements that are due now (nothing when none is).
    public func advance(store: some StateStore) async throws -> Outcome {
        try await commit(store: store) { _ throws(VerificationRefusal) in nil }
    }

    /// Ends the verification in progress; the Freight is not verified.
    public func abort(store: some StateStore) async throws -> Outcome {
        try await commit(store: store, measure: false) { state throws(VerificationRefusal) in
            let info = try currentVerification(in: state, requireFreight: true)
            guard let info, let phase = info.phase, !phase.isTerminal else {
                throw VerificationRefusal("no verification of \(stage.metadata.name) is in progress")
            }
            _ = VerificationRecord.abort(project: project, stage: stage.metadata.name, actor: options.actor,
                                         now: options.now, state: &state)
            return "Aborted verification of \(stage.metadata.name)"
        }
    }

    private func currentVerification(in state: PipelineState, requireFreight: Bool) throws(VerificationRefusal) -> VerificationInfo? {
        guard !(stage.spec.verification?.analysisTemplates ?? []).isEmpty else {
            throw VerificationRefusal("Stage \(stage.metadata.name) has no verification (spec.verification.analysisTemplates)")
        }
        guard let collection = state.stage(in: project, named: stage.metadata.name)?.status.freightHistory?.first,
              !(collection.items ?? [:]).isEmpty else {
            throw VerificationRefusal("Stage \(stage.metadata.name) holds no Freight yet; there is nothing to verify")
        }
        return collection.verificationHistory?.first
    }

    private func commit(store: some StateStore, measure: Bool = true,
                        _ change: (inout PipelineState) throws(VerificationRefusal) -> String?) async throws -> Outcome {
        var only = options
        only.only = ["\(project)/\(stage.metadata.name)"]
        let pass = VerificationPass(config: config, options: only, verifier: verifier)
        for attempt in 1...options.maxConflicts {
            let loaded = try store.load()
            var state = loaded.state
            let summary = try change(&state)
            let events = measure ? await pass.apply(to: &state) : []
            if state != loaded.state {
                var trailers = [StateChange.Trailer("Freightline-Run", options.runID),
                                .init("Freightline-Actor", options.actor),
                                .init("Freightline-Stage", "\(project)/\(stage.metadata.name)")]
                if let run = outcome(in: state).run { trailers.append(.init("Freightline-AnalysisRun", run)) }
                trailers.append(.init("Freightline-Reason", "verification " + outcome(in: state).phase.rawValue.lowercased()))
                let title = summary ?? events.first.map { "Verifying \($0.stage): \($0.progress ?? $0.phase.rawValue)" }
                    ?? "Record verification of \(stage.metadata.name)"
                do {
                    _ = try store.save(state, replacing: loaded, change: StateChange(summary: title, trailers: trailers))
                } catch is StateConflict where attempt < options.maxConflicts {
                    continue
                }
            }
            return outcome(in: state)
        }
        throw StateConflict("the state kept changing under this command")
    }

    private func outcome(in state: PipelineState) -> Outcome {
        let info = state.stage(in: project, named: stage.metadata.name)?.status.freightHistory?.first?.verificationHistory?.first
        let phase = info?.phase ?? .pending
        let run = info?.analysisRun?.name.flatMap { state.analysisRun(in: project, named: $0) }
        if phase.isTerminal || run == nil {
            return Outcome(phase: phase, run: info?.analysisRun?.name, detail: info?.message ?? phase.rawValue, nextDue: nil)
        }
        let progress = VerificationProgress(run: run!, now: options.now)
        return Outcome(phase: phase, run: run?.metadata.name, detail: progress.describe(now: options.now), nextDue: progress.next)
    }
}

/// The command cannot do what was asked (exit 2), and wrote nothing.
public struct VerificationRefusal: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
