extension PromotionWindowEvaluation {
    /// The windows that gate `stage` in `project`: the ProjectConfig's windows whose
    /// `stageSelector` matches the Stage, then every ClusterConfig window whose
    /// `projectSelector` matches the Project and whose `stageSelector` matches the Stage. An
    /// omitted selector matches everything. A ProjectConfig window's `projectSelector` is not
    /// consulted (Kargo rejects it there; `PromotionWindowProblems` reports it).
    public static func applicableWindows(project: String, stage: Stage, config: KargoConfig) -> [PromotionWindow] {
        let stageName = stage.metadata.name
        let stageLabels = stage.metadata.labels ?? [:]
        let projectConfig = config.projectConfigs.first {
            $0.metadata.name == project && ($0.metadata.namespace ?? project) == project
        }
        var windows = (projectConfig?.spec?.promotionWindows ?? []).filter {
            selects($0.stageSelector, name: stageName, labels: stageLabels)
        }
        let projectLabels = config.projects.first { $0.metadata.name == project }?.metadata.labels ?? [:]
        for clusterConfig in config.clusterConfigs {
            for window in clusterConfig.spec?.promotionWindows ?? []
            where selects(window.projectSelector, name: project, labels: projectLabels)
                && selects(window.stageSelector, name: stageName, labels: stageLabels) {
                windows.append(window)
            }
        }
        return windows
    }

    /// Kargo's selector rules, as `PromotionPolicyMatch` applies them to policies: the name
    /// pattern (exact, `glob:`, `regex:`) when set, and the label selector when set; a missing
    /// or empty selector selects everything.
    private static func selects(_ selector: PromotionPolicySelector?, name: String, labels: [String: String]) -> Bool {
        guard let selector else { return true }
        if let pattern = selector.name, !pattern.isEmpty, !NameMatcher(pattern).matches(name) { return false }
        if selector.matchLabels != nil || selector.matchExpressions != nil {
            let labelSelector = LabelSelector(matchLabels: selector.matchLabels, matchExpressions: selector.matchExpressions)
            if !labelSelector.matches(labels) { return false }
        }
        return true
    }
}
