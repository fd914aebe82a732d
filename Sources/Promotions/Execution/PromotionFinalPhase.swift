import Pipeline

/// Kargo's rule for a finished Promotion's phase: the most severe status among its steps,
/// leaving out steps marked `continueOnError`; the message names that step and says why.
enum PromotionFinalPhase {
    /// Severity, least to most: Succeeded, Skipped, Running, Aborted, Failed, Errored.
    static func severity(_ status: PromotionStepStatus) -> Int {
        switch status {
        case .succeeded: 0
        case .skipped: 1
        case .running: 2
        case .aborted: 3
        case .failed: 4
        case .errored: 5
        }
    }

    static func decide(_ metadata: [StepExecutionMetadata]) -> (phase: PromotionPhase, message: String?) {
        var worst: StepExecutionMetadata?
        for meta in metadata where meta.continueOnError != true {
            guard let status = meta.status else { continue }
            if severity(status) > severity(worst?.status ?? .succeeded) { worst = meta }
        }
        guard let worst, let status = worst.status else { return (.succeeded, nil) }
        let alias = worst.alias ?? "?"
        let reason = worst.message.map { ": " + $0 } ?? ""
        switch status {
        case .succeeded, .skipped:
            return (.succeeded, nil)
        case .aborted:
            return (.aborted, "step `\(alias)` was aborted\(reason)")
        case .failed:
            return (.failed, "step `\(alias)` failed\(reason)")
        case .errored, .running:
            return (.errored, "step `\(alias)` errored\(reason)")
        }
    }
}
