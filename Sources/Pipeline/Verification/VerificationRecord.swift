import Crypto

/// How verification changes state, pure: starting a run for a Stage's current Freight,
/// folding a run's progress back into the Stage's `verificationHistory`, marking the
/// Freight verified when the run succeeds, and aborting. Safe to re-apply onto a state
/// re-read after a lost race.
public enum VerificationRecord {
    /// Kargo keeps this many verification attempts per Freight collection.
    public static let historyLimit = 10
    /// The Stage condition that mirrors the current verification.
    public static let conditionType = "Verified"

    /// Records the start of a verification of `stage`'s current Freight: the run (phase
    /// Running, no measurements yet) and a Running entry on top of the current collection's
    /// history. When the run could not be built, the entry is an Error with the reason.
    @discardableResult
    public static func start(_ spec: Result<AnalysisRunSpec, VerificationSetupError>, project: String, stage: Stage,
                             actor: String?, now: Timestamp, state: inout PipelineState) -> VerificationInfo? {
        let stageName = stage.metadata.name
        guard let collection = state.stage(in: project, named: stageName)?.status.freightHistory?.first else { return nil }
        let attempt = (collection.verificationHistory?.count ?? 0) + 1
        let digest = hex(Insecure.SHA1.hash(data: Array("\(project)/\(stageName)/\(collection.id)/\(attempt)/\(now.rfc3339)".utf8)))
        let id = uuidShaped(digest)
        var info = VerificationInfo(id: id, actor: actor, startTime: now)
        switch spec {
        case .success(let spec):
            let name = "\(stageName).\(collection.id.prefix(7)).\(digest.prefix(8))"
            var labels = stage.spec.verification?.analysisRunMetadata?.labels ?? [:]
            labels["kargo.akuity.io/stage"] = stageName
            labels["kargo.akuity.io/freight-collection"] = collection.id
            let run = AnalysisRun(
                metadata: ObjectMeta(name: name, namespace: project, labels: labels,
                                     annotations: stage.spec.verification?.analysisRunMetadata?.annotations),
                spec: spec,
                status: AnalysisRunStatus(phase: .running, startedAt: now))
            state.analysisRuns.removeAll { $0.metadata.namespace == project && $0.metadata.name == name }
            state.analysisRuns.append(run)
            info.phase = .running
            info.analysisRun = AnalysisRunReference(namespace: project, name: name, phase: AnalysisPhase.running.rawValue)
        case .failure(let problem):
            info.phase = .error
            info.message = problem.message
            info.finishTime = now
        }
        let recorded = info
        state.updateStage(in: project, named: stageName) { record in
            guard var history = record.status.freightHistory, !history.isEmpty else { return }
            history[0].verificationHistory = Array(([recorded] + (history[0].verificationHistory ?? [])).prefix(historyLimit))
            record.status.freightHistory = history
            setCondition(for: recorded, on: &record.status, now: now)
        }
        pruneRuns(project: project, stage: stageName, state: &state)
        return recorded
    }

    /// Folds `run` (as just assessed) into state: the run itself, its history entry, the
    /// Stage's `Verified` condition and health, and on success `verifiedIn` for every Freight
    /// of the collection it verified, if that collection is still current.
    public static func update(_ run: AnalysisRun, project: String, stage: String, now: Timestamp,
                              state: inout PipelineState) {
        if let index = state.analysisRuns.firstIndex(where: {
            $0.metadata.namespace == project && $0.metadata.name == run.metadata.name
        }) {
            state.analysisRuns[index] = run
        } else {
            state.analysisRuns.append(run)
        }
        var verifiedCollection: FreightCollection?
        state.updateStage(in: project, named: stage) { record in
            guard var history = record.status.freightHistory else { return }
            for position in history.indices {
                guard var entries = history[position].verificationHistory,
                      let entry = entries.firstIndex(where: { $0.analysisRun?.name == run.metadata.name }) else { continue }
                var info = entries[entry]
                info.phase = phase(of: run)
                info.message = message(of: run)
                info.analysisRun?.phase = run.status?.phase?.rawValue
                if info.phase?.isTerminal == true { info.finishTime = run.status?.completedAt ?? now }
                entries[entry] = info
                history[position].verificationHistory = entries
                if position == 0 && entry == 0 {
                    setCondition(for: info, on: &record.status, now: now)
                    if info.phase == .successful { verifiedCollection = history[position] }
                }
            }
            record.status.freightHistory = history
        }
        guard let verifiedCollection else { return }
        for freightName in (verifiedCollection.items ?? [:]).values.compactMap(\.name) {
            state.updateFreight(in: project, named: freightName) { freight in
                var status = freight.status ?? FreightStatus()
                var verified = status.verifiedIn ?? [:]
                if verified[stage] == nil { verified[stage] = VerifiedStage(verifiedAt: now) }
                status.verifiedIn = verified
                freight.status = status
            }
        }
    }

    /// Ends the current verification early, as Kargo's abort does: the run is terminated
    /// (what was measured stays) and the entry becomes Aborted; the Freight is not verified.
    /// Returns false when there is no verification in progress.
    public static func abort(project: String, stage: String, actor: String?, now: Timestamp,
                             state: inout PipelineState) -> Bool {
        guard let info = state.stage(in: project, named: stage)?.status.freightHistory?.first?.verificationHistory?.first,
              info.phase?.isTerminal != true, let name = info.analysisRun?.name,
              var run = state.analysisRun(in: project, named: name) else { return false }
        run.spec.terminate = true
        AnalysisAssessment.assess(&run, metrics: run.spec.metrics, now: now)
        var status = run.status ?? AnalysisRunStatus()
        if status.completedAt == nil { status.completedAt = now }
        status.message = "Verification aborted" + (actor.map { " by \($0)" } ?? "")
        run.status = status
        update(run, project: project, stage: stage, now: now, state: &state)
        return true
    }

    /// The verification phase a run stands for: its own phase, or Aborted once terminated
    /// by request.
    public static func phase(of run: AnalysisRun) -> VerificationPhase {
        if run.spec.terminate == true { return .aborted }
        switch run.status?.phase ?? .pending {
        case .pending: return .pending
        case .running: return .running
        case .successful: return .successful
        case .failed: return .failed
        case .error: return .error
        case .inconclusive: return .inconclusive
        }
    }

    private static func message(of run: AnalysisRun) -> String? {
        run.status?.message.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func setCondition(for info: VerificationInfo, on status: inout StageStatus, now: Timestamp) {
        let phase = info.phase ?? .pending
        let conditionStatus: ConditionStatus = switch phase {
        case .successful: .true
        case .pending, .running: .unknown
        default: .false
        }
        var conditions = (status.conditions ?? []).filter { $0.type != conditionType }
        let previous = status.conditions?.first { $0.type == conditionType }
        let changed = previous?.status != conditionStatus || previous?.reason != phase.rawValue
        conditions.append(Condition(type: conditionType, status: conditionStatus,
                                    lastTransitionTime: changed ? now : previous?.lastTransitionTime,
                                    reason: phase.rawValue, message: info.message))
        status.conditions = conditions.sorted { ($0.type ?? "") < ($1.type ?? "") }

        let issue = "verification \(phase.rawValue.lowercased())" + (info.message.map { ": \($0)" } ?? "")
        var issues = (status.health?.issues ?? []).filter { !$0.hasPrefix("verification ") }
        switch phase {
        case .failed, .error, .inconclusive:
            issues.append(issue)
            status.health = Health(status: .unhealthy, issues: issues)
        default:
            if let health = status.health, health.status == .unhealthy, issues.isEmpty {
                status.health = nil
            } else if status.health != nil {
                status.health?.issues = issues.isEmpty ? nil : issues
            }
        }
    }

    /// Drops the Stage's runs that no history entry refers to any more.
    private static func pruneRuns(project: String, stage: String, state: inout PipelineState) {
        let referenced = Set((state.stage(in: project, named: stage)?.status.freightHistory ?? [])
            .flatMap { $0.verificationHistory ?? [] }.compactMap { $0.analysisRun?.name })
        state.analysisRuns.removeAll { run in
            run.metadata.namespace == project && run.metadata.labels?["kargo.akuity.io/stage"] == stage
                && !referenced.contains(run.metadata.name)
        }
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func uuidShaped(_ hex: String) -> String {
        let characters = Array(hex.prefix(32))
        let groups = [8, 4, 4, 4, 12]
        var parts: [String] = []
        var offset = 0
        for size in groups {
            parts.append(String(characters[offset..<offset + size]))
            offset += size
        }
        return parts.joined(separator: "-")
    }
}

extension VerificationPhase {
    /// Whether nothing more will happen to this verification (Kargo's `IsTerminal`).
    public var isTerminal: Bool {
        switch self {
        case .successful, .failed, .error, .aborted, .inconclusive: true
        case .pending, .running: false
        }
    }
}
