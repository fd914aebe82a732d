/// Every built-in step Freightline runs. Adding a step is one file and one line here.
public enum StepRegistry {
    public static let runners: [any PromotionStepRunner.Type] = [
        CopyStep.self,
        DeleteStep.self,
        FileWriteStep.self,
        ComposeOutputStep.self,
        FailStep.self,
        GitCloneStep.self,
        GitClearStep.self,
        GitCommitStep.self,
        GitPushStep.self,
        GitTagStep.self,
        KustomizeSetImageStep.self,
        KustomizeBuildStep.self,
        HelmTemplateStep.self,
        YAMLUpdateStep.self,
        JSONUpdateStep.self,
        TOMLUpdateStep.self,
        YAMLParseStep.self,
        JSONParseStep.self,
        HTTPStep.self,
        GitOpenPRStep.self,
        GitWaitForPRStep.self,
        GitMergePRStep.self,
        ArgoCDUpdateStep.self,
        ArgoCDWaitStep.self,
    ]

    public static func runner(named name: String) -> (any PromotionStepRunner)? {
        runners.first { $0.name == name }.map { $0.init() }
    }

    public static var names: Set<String> { Set(runners.map { $0.name }) }
}
