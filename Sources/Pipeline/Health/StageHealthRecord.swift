/// Kargo's health checks, kept in Git: a successful Promotion whose steps registered checks
/// (`argocd-update` does, for the Applications it synced) leaves them in the Stage's
/// `status.health.config`; every later run re-evaluates them and records the Stage's
/// health. A Stage that defines no verification counts its Freight as verified only once
/// those checks first report Healthy, as Kargo does — not at the end of the promotion.
/// Pure: the checks themselves are run by the caller.
public enum StageHealthRecord {
    /// One Stage whose checks are due.
    public struct Due: Sendable, Hashable {
        public var project: String
        public var stage: String
        public var checks: [HealthCheckStep]
    }

    /// The checks as stored in `status.health.config`.
    public static func config(for checks: [HealthCheckStep]) -> JSONValue {
        .array(checks.map { check in
            var entry: [String: JSONValue] = ["uses": .string(check.uses ?? "")]
            if let config = check.config { entry["config"] = config }
            return .object(entry)
        })
    }

    /// The checks stored on a Stage, empty when none.
    public static func checks(of record: StageState) -> [HealthCheckStep] {
        (record.status.health?.config?.arrayValue ?? []).compactMap { entry in
            guard let object = entry.objectValue, let uses = object["uses"]?.stringValue, !uses.isEmpty else { return nil }
            return HealthCheckStep(uses: uses, config: object["config"])
        }
    }

    /// The Stages holding Freight whose checks should run now: no promotion of theirs is in
    /// flight (it would replace what is checked). `includes` filters by Project and Stage.
    public static func due(config: KargoConfig, state: PipelineState,
                           includes: (_ project: String, _ stage: String) -> Bool) -> [Due] {
        var result: [Due] = []
        for project in config.projectNames {
            for stage in config.stages(in: project) where includes(project, stage.metadata.name) {
                let name = stage.metadata.name
                guard let record = state.stage(in: project, named: name),
                      !(record.status.freightHistory?.first?.items ?? [:]).isEmpty else { continue }
                let checks = checks(of: record)
                guard !checks.isEmpty else { continue }
                guard !state.promotions.contains(where: {
                    $0.metadata.namespace == project && $0.spec.stage == name && $0.status?.phase == .running
                }) else { continue }
                result.append(Due(project: project, stage: name, checks: checks))
            }
        }
        return result
    }

    /// Records `outcome` as the Stage's health. For a Stage without verification, a Healthy
    /// outcome verifies the Freight it holds.
    /// - Returns: the Freight newly verified (empty when none).
    @discardableResult
    public static func apply(_ outcome: HealthCheckOutcome, project: String, stage: Stage, now: Timestamp,
                             state: inout PipelineState) -> [String] {
        let name = stage.metadata.name
        guard let record = state.stage(in: project, named: name) else { return [] }
        state.updateStage(in: project, named: name) { record in
            var health = record.status.health ?? Health()
            // Verification's own issues (see VerificationRecord) are kept beside the checks'.
            let verification = (health.issues ?? []).filter { $0.hasPrefix("verification ") }
            let issues = verification + outcome.issues
            health.status = verification.isEmpty ? outcome.status : .unhealthy
            health.issues = issues.isEmpty ? nil : issues
            health.output = outcome.output
            record.status.health = health
        }
        let verifies = (stage.spec.verification?.analysisTemplates ?? []).isEmpty
        guard verifies, outcome.status == .healthy else { return [] }
        var verified: [String] = []
        for item in (record.status.freightHistory?.first?.items ?? [:]).values.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            guard let freight = item.name else { continue }
            state.updateFreight(in: project, named: freight) { freight in
                var status = freight.status ?? FreightStatus()
                var verifiedIn = status.verifiedIn ?? [:]
                guard verifiedIn[name] == nil else { return }
                verifiedIn[name] = VerifiedStage(verifiedAt: now)
                status.verifiedIn = verifiedIn
                freight.status = status
                verified.append(freight.metadata.name)
            }
        }
        return verified
    }

    /// Whether a Stage waits on its health checks before its Freight counts as verified.
    public static func awaitsHealth(_ stage: Stage, record: StageState, freight: (String) -> Freight?) -> Bool {
        guard (stage.spec.verification?.analysisTemplates ?? []).isEmpty, !checks(of: record).isEmpty,
              let items = record.status.freightHistory?.first?.items, !items.isEmpty else { return false }
        return items.values.contains { item in
            guard let name = item.name else { return false }
            return freight(name)?.status?.verifiedIn?[stage.metadata.name] == nil
        }
    }
}
