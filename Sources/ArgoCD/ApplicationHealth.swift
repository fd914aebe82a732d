import Pipeline

/// What an Application's status says about the Stage that deployed it, and whether it meets
/// what `argocd-wait` waits for. Pure: the caller reads the Application, this decides.
public struct ApplicationHealth: Sendable, Hashable {
    public var state: HealthState
    /// Why the state is not Healthy, one sentence each.
    public var issues: [String]

    public init(state: HealthState, issues: [String] = []) {
        self.state = state
        self.issues = issues
    }

    /// Conditions that make the rest of the status unreliable (Argo CD could not render or
    /// compare the Application), so they count as unhealthy whatever the health says.
    public static let errorConditions: Set<String> = ["ComparisonError", "InvalidSpecError"]

    // MARK: Stage health

    /// The health of `app` for a Stage that wants source `i` synced to `desiredRevisions[i]`
    /// (nil: any revision). Checks, in order: status assessed after the latest operation,
    /// error conditions, sync revisions, then Argo CD's health (Suspended reads as
    /// Progressing: a paused rollout is not yet done, not broken).
    public static func assess(_ app: Application, desiredRevisions: [String?]) -> ApplicationHealth {
        let shown = "Application \(app.qualifiedName)"
        if app.healthPredatesLastOperation {
            return ApplicationHealth(state: .unknown, issues: [
                "\(shown) has not been reassessed since its latest operation finished; its health is not trusted yet",
            ])
        }
        let broken = app.conditions.filter { errorConditions.contains($0.type) }
        if !broken.isEmpty {
            return ApplicationHealth(state: .unhealthy, issues: broken.map { "\(shown) has condition \($0.type): \($0.message)" })
        }
        if desiredRevisions.contains(where: { $0 != nil }) {
            if let revisionHealth = syncHealth(app, desiredRevisions: desiredRevisions) { return revisionHealth }
        }
        let message = app.healthMessage.map { ": \($0)" } ?? ""
        switch app.healthStatus {
        case "Healthy":
            return ApplicationHealth(state: .healthy)
        case nil, "Progressing":
            return ApplicationHealth(state: .progressing, issues: ["\(shown) is Progressing\(message)"])
        case "Suspended":
            return ApplicationHealth(state: .progressing, issues: ["\(shown) is Suspended\(message)"])
        case let other?:
            return ApplicationHealth(state: .unhealthy, issues: ["\(shown) is \(other)\(message)"])
        }
    }

    /// nil when every source with a desired revision is synced to it.
    private static func syncHealth(_ app: Application, desiredRevisions: [String?]) -> ApplicationHealth? {
        let shown = "Application \(app.qualifiedName)"
        if app.pendingOperation?.isSync == true || app.operationState.map({ !$0.isCompleted }) == true {
            return ApplicationHealth(state: .unknown, issues: ["\(shown) is being synced"])
        }
        guard app.operationState != nil else {
            return ApplicationHealth(state: .unknown, issues: ["\(shown) has not been synced yet"])
        }
        let observed = app.syncRevisions
        guard observed.count == desiredRevisions.count else {
            return ApplicationHealth(state: .unknown, issues: [
                "\(shown) reports \(observed.count) synced revisions for \(desiredRevisions.count) sources",
            ])
        }
        var issues: [String] = []
        for (index, desired) in desiredRevisions.enumerated() {
            guard let desired, observed[index] != desired else { continue }
            let which = desiredRevisions.count > 1 ? "source \(index) of " : ""
            issues.append("\(which)\(shown) is not synced to \(desired) (at \(observed[index]))")
        }
        return issues.isEmpty ? nil : ApplicationHealth(state: .unhealthy, issues: issues)
    }

    /// The most severe state of `parts` (Healthy when empty) with all their issues, as Kargo
    /// merges the health of a Stage's Applications.
    public static func combined(_ parts: [ApplicationHealth]) -> ApplicationHealth {
        var result = ApplicationHealth(state: .healthy)
        for part in parts {
            if severity(part.state) > severity(result.state) { result.state = part.state }
            result.issues += part.issues
        }
        return result
    }

    /// Kargo's order: Healthy < NotApplicable < Progressing < Unknown < Unhealthy.
    public static func severity(_ state: HealthState) -> Int {
        switch state {
        case .healthy: 0
        case .notApplicable: 1
        case .progressing: 2
        case .unknown: 3
        case .unhealthy: 4
        }
    }

    // MARK: argocd-wait

    /// What `argocd-wait` can wait for. `health`, `suspended` and `degraded` are
    /// alternatives (any one passes); `sync` and `operation` must hold as well.
    public enum WaitCondition: String, Sendable, Hashable, Codable, CaseIterable {
        case health, sync, operation, suspended, degraded

        /// Used when `waitFor` is omitted (as `argocd app wait` does).
        public static let defaults: [WaitCondition] = [.health, .sync, .operation]
    }

    public enum WaitOutcome: Sendable, Hashable {
        case ready
        /// Not yet; the text says what is awaited.
        case waiting(String)
        /// It will not get there by waiting (error condition, or turned Degraded while
        /// waiting for Healthy).
        case failed(String)
    }

    /// Whether `app` meets `conditions` (the defaults when empty). `previousHealth` is the
    /// health an earlier look saw: as in Kargo, waiting for Healthy fails only when the
    /// Application *turns* Degraded from a state other than Degraded or Unknown; one
    /// Degraded from the start (or first seen so) may still recover, and is waited for.
    public static func wait(for conditions: [WaitCondition], on app: Application,
                            previousHealth: String? = nil) -> WaitOutcome {
        let wanted = Set(conditions.isEmpty ? WaitCondition.defaults : conditions)
        let shown = "Application \(app.qualifiedName)"
        let broken = app.conditions.filter { errorConditions.contains($0.type) }
        if !broken.isEmpty {
            return .failed(broken.map { "\(shown) has condition \($0.type): \($0.message)" }.joined(separator: "; "))
        }
        if wanted.contains(.operation) {
            if app.pendingOperation != nil { return .waiting("\(shown): an operation is requested") }
            if let state = app.operationState, !state.isCompleted {
                return .waiting("\(shown): an operation is \(state.phase)")
            }
        }
        let healthWanted: [(WaitCondition, String)] = [(.health, "Healthy"), (.suspended, "Suspended"), (.degraded, "Degraded")]
            .filter { wanted.contains($0.0) }
        if !healthWanted.isEmpty {
            if app.healthPredatesLastOperation {
                return .waiting("\(shown): its health has not been reassessed since its latest operation finished")
            }
            let status = app.healthStatus ?? "Unknown"
            if !healthWanted.contains(where: { $0.1 == status }) {
                if status == "Degraded", wanted.contains(.health), let previousHealth,
                   !["Degraded", "Unknown"].contains(previousHealth) {
                    return .failed("\(shown) turned Degraded (was \(previousHealth))\(app.healthMessage.map { ": \($0)" } ?? "")")
                }
                let awaited = healthWanted.map(\.1).joined(separator: " or ")
                return .waiting("\(shown): health is \(status) (waiting for \(awaited))")
            }
        }
        if wanted.contains(.sync), app.syncStatus != "Synced" {
            return .waiting("\(shown): sync status is \(app.syncStatus ?? "Unknown") (waiting for Synced)")
        }
        return .ready
    }
}
