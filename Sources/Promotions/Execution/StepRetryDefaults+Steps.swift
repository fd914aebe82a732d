import Pipeline

extension StepRetryDefaults {
    /// The defaults of the steps that talk to other systems: a rate limit or a server error
    /// there is worth a few more runs before the promotion errors. `argocd-update` keeps
    /// Kargo's five-minute timeout for the sync it waits on.
    static let builtIn: [String: StepRetryDefaults] = [
        "git-open-pr": StepRetryDefaults(errorThreshold: 3),
        "git-wait-for-pr": StepRetryDefaults(errorThreshold: 3),
        "git-merge-pr": StepRetryDefaults(errorThreshold: 3),
        "argocd-update": StepRetryDefaults(errorThreshold: 3, timeout: GoDuration(nanoseconds: 300_000_000_000)),
        "argocd-wait": StepRetryDefaults(errorThreshold: 3),
    ]

    /// The defaults for `uses`: a built-in step's own, or those a CustomPromotionStep
    /// declares (`defaultTimeout`, `defaultErrorThreshold`), else Kargo's system defaults.
    public static func of(_ uses: String, customSteps: [CustomPromotionStep]) -> StepRetryDefaults {
        if let builtIn = builtIn[uses] { return builtIn }
        guard let custom = customSteps.first(where: { $0.name == uses }) else { return .system }
        return StepRetryDefaults(
            errorThreshold: custom.spec.defaultErrorThreshold,
            timeout: custom.spec.defaultTimeout.flatMap { try? GoDuration(parsing: $0) })
    }
}
