/// Which promotion policy applies to a Stage: the first whose selector matches, as
/// Kargo's `findMatchingPromotionPolicy` decides. The deprecated `stage` field is an
/// exact name.
enum PromotionPolicyMatch {
    static func policy(for stage: Stage, among policies: [PromotionPolicy]) -> PromotionPolicy? {
        for policy in policies {
            let namePattern = policy.stageSelector?.name ?? policy.stage
            if let namePattern, !namePattern.isEmpty, !NameMatcher(namePattern).matches(stage.metadata.name) {
                continue
            }
            let selector = policy.stageSelector
            let hasLabels = selector?.matchLabels != nil || selector?.matchExpressions != nil
            if hasLabels {
                let labels = LabelSelector(matchLabels: selector?.matchLabels, matchExpressions: selector?.matchExpressions)
                if !labels.matches(stage.metadata.labels ?? [:]) { continue }
            }
            // A selector with neither a name nor labels selects every Stage, as in Kargo.
            return policy
        }
        return nil
    }
}
