/// Where `argocd-update` stands with one Application, read from the Application alone: the
/// step asks for a sync once, then recognises that sync on later runs by the `Promotion`
/// info it attached, and waits for it to finish.
public enum SyncProgress: Sendable, Hashable {
    /// No sync of this promotion exists, or ours finished on other revisions than desired:
    /// update and request one. `reason` says which.
    case needsSync(reason: String)
    /// An operation someone else started is still running; ours must wait for it.
    case waitingForOtherOperation(String)
    /// Our sync is requested or running.
    case syncing(phase: String)
    /// Our sync succeeded on the desired revisions.
    case succeeded
    /// Our sync ended in Failed or Error; `message` is Argo CD's.
    case failed(phase: String, message: String)

    /// The `info` name the steps attach to their syncs, valued with the Promotion's name.
    public static let promotionInfo = "Promotion"
    /// Kargo's own info name for the same purpose, recognised so an Application Kargo was
    /// syncing for a Promotion of the same name is not synced twice.
    public static let kargoPromotionInfo = "kargo.akuity.io/promotion"

    /// Decides from `app` what the step does next for `promotion`; `desiredRevisions` is
    /// one entry per source (nil: any revision will do).
    public static func of(_ app: Application, promotion: String, desiredRevisions: [String?]) -> SyncProgress {
        if let pending = app.pendingOperation {
            // The sync endpoint sets `operation`; the controller has not started it yet.
            return isOurs(pending, promotion) ? .syncing(phase: "Pending")
                : .waitingForOtherOperation(describe(pending, app: app, phase: "requested"))
        }
        guard let state = app.operationState else { return .needsSync(reason: "it has no operation yet") }
        guard isOurs(state.operation, promotion) else {
            if !state.isCompleted {
                return .waitingForOtherOperation(describe(state.operation, app: app, phase: state.phase))
            }
            return .needsSync(reason: "its latest operation was not requested by this promotion")
        }
        guard state.isCompleted else { return .syncing(phase: state.phase) }
        guard state.isSuccessful else {
            return .failed(phase: state.phase, message: state.message.isEmpty ? "no message" : state.message)
        }
        guard state.hasSyncResult else { return .needsSync(reason: "our sync completed without a sync result") }
        let observed = state.syncResultRevisions
        for (index, desired) in desiredRevisions.enumerated() {
            guard let desired else { continue }
            let actual = index < observed.count ? observed[index] : nil
            if actual != desired {
                return .needsSync(reason: "our sync applied revision \(actual ?? "none") to source \(index), not \(desired)")
            }
        }
        return .succeeded
    }

    private static func isOurs(_ operation: Application.Operation, _ promotion: String) -> Bool {
        let value = operation.info(named: promotionInfo) ?? operation.info(named: kargoPromotionInfo)
        return value == promotion
    }

    private static func describe(_ operation: Application.Operation, app: Application, phase: String) -> String {
        let who = operation.initiatedBy.map { " by \($0)" } ?? ""
        let promotion = operation.info(named: promotionInfo) ?? operation.info(named: kargoPromotionInfo)
        let forWhat = promotion.map { " for Promotion \($0)" } ?? ""
        return "waiting for the operation on Application \(app.qualifiedName) started\(who)\(forWhat) "
            + "(\(phase)) to finish before syncing it"
    }
}
