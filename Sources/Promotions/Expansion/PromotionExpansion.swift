import Pipeline

/// Turns a Stage's promotion template into the concrete steps a Promotion holds, as Kargo
/// does when it creates a Promotion: every step gets its alias written into `as`, and each
/// `task:` reference is replaced by the task's steps, aliased `<task alias>::<inner alias>`
/// and carrying the task's inputs as step `vars` (so the Promotion alone is enough to run
/// or resume it later, even if the task is edited meanwhile).
public enum PromotionExpansion {
    /// The Promotion spec Kargo would create to promote `freight` into `stage`.
    public static func spec(
        stage: Stage,
        freight: String,
        tasks: [PromotionTask] = [],
        clusterTasks: [ClusterPromotionTask] = [],
        supportedSteps: Set<String> = SupportedSteps.names
    ) throws(PromotionExpansionError) -> PromotionSpec {
        let vars = variables(for: stage)
        let steps = try steps(
            for: stage.spec.promotionTemplate ?? PromotionTemplate(), promotionVars: vars,
            tasks: tasks, clusterTasks: clusterTasks, supportedSteps: supportedSteps)
        return PromotionSpec(stage: stage.metadata.name, freight: freight, vars: vars.isEmpty ? nil : vars, steps: steps)
    }

    /// The Stage's steps as `PromotionClaims.steps` wants them.
    public static func steps(
        for stage: Stage, tasks: [PromotionTask] = [], clusterTasks: [ClusterPromotionTask] = []
    ) -> Result<[PromotionStep], PromotionSetupError> {
        do {
            return .success(try steps(
                for: stage.spec.promotionTemplate ?? PromotionTemplate(), promotionVars: variables(for: stage),
                tasks: tasks, clusterTasks: clusterTasks))
        } catch {
            return .failure(PromotionSetupError(error.description))
        }
    }

    /// The promotion-wide variables: the Stage's `spec.vars`, then the template's (a later
    /// variable of the same name wins when they are evaluated in order).
    public static func variables(for stage: Stage) -> [PromotionVariable] {
        (stage.spec.vars ?? []) + (stage.spec.promotionTemplate?.spec?.vars ?? [])
    }

    /// The template's steps with tasks inflated and every alias set. `promotionVars` are the
    /// promotion-wide variables (see `variables(for:)`): a task input they define needs no
    /// value on the task step.
    public static func steps(
        for template: PromotionTemplate,
        promotionVars: [PromotionVariable] = [],
        tasks: [PromotionTask] = [],
        clusterTasks: [ClusterPromotionTask] = [],
        supportedSteps: Set<String> = SupportedSteps.names
    ) throws(PromotionExpansionError) -> [PromotionStep] {
        var result: [PromotionStep] = []
        for (index, step) in (template.spec?.steps ?? []).enumerated() {
            let alias = StepAlias.of(step, at: index)
            switch (step.uses, step.task) {
            case (.some, .some):
                throw .stepHasUsesAndTask(index: index)
            case (nil, nil):
                throw .stepNeedsUsesOrTask(index: index)
            case (.some(let uses), nil):
                guard supportedSteps.contains(uses) else { throw .unsupportedStep(alias: alias, uses: uses) }
                var concrete = step
                concrete.as = alias
                result.append(concrete)
            case (nil, .some(let reference)):
                let kind = reference.kind ?? .promotionTask
                let spec: PromotionTaskSpec? = switch kind {
                case .promotionTask: tasks.first { $0.metadata.name == reference.name }?.spec
                case .clusterPromotionTask: clusterTasks.first { $0.metadata.name == reference.name }?.spec
                }
                guard let spec else { throw .taskNotFound(index: index, name: reference.name, kind: kind) }
                result += try inflate(
                    task: reference.name, spec: spec, taskAlias: alias, taskStepVars: step.vars ?? [],
                    promotionVars: promotionVars, supportedSteps: supportedSteps)
            }
        }
        var seen = Set<String>()
        for step in result {
            let alias = step.as ?? ""
            guard seen.insert(alias).inserted else { throw .duplicateAlias(alias) }
        }
        return result
    }

    /// The message for a step Freightline cannot run, the same at expansion and at run time.
    public static func unsupportedMessage(_ uses: String) -> String {
        "step `\(uses)` is not supported by Freightline yet"
    }

    private static func inflate(
        task: String, spec: PromotionTaskSpec, taskAlias: String, taskStepVars: [PromotionVariable],
        promotionVars: [PromotionVariable], supportedSteps: Set<String>
    ) throws(PromotionExpansionError) -> [PromotionStep] {
        let inputs = try taskInputs(
            task: task, taskAlias: taskAlias, declared: spec.vars ?? [], promotionVars: promotionVars,
            taskStepVars: taskStepVars)
        var steps: [PromotionStep] = []
        for (index, inner) in (spec.steps ?? []).enumerated() {
            guard inner.task == nil else { throw .nestedTask(task: task, index: index) }
            guard let uses = inner.uses else { throw .taskStepNeedsUses(task: task, index: index) }
            var concrete = inner
            concrete.as = StepAlias.namespaced(StepAlias.of(inner, at: index), in: taskAlias)
            guard supportedSteps.contains(uses) else { throw .unsupportedStep(alias: concrete.as ?? "", uses: uses) }
            let vars = inputs + (inner.vars ?? [])
            concrete.vars = vars.isEmpty ? nil : vars
            steps.append(concrete)
        }
        return steps
    }

    /// Kargo's mapping of task inputs to step variables: a declared input keeps its default
    /// unless the promotion-wide variables already define it (they are evaluated first, so
    /// the default must not shadow them); an input with neither a default nor a value from
    /// the promotion or the task step is an error; the task step's own `vars` come last and
    /// override.
    static func taskInputs(
        task: String, taskAlias: String, declared: [PromotionVariable], promotionVars: [PromotionVariable],
        taskStepVars: [PromotionVariable]
    ) throws(PromotionExpansionError) -> [PromotionVariable] {
        let fromPromotion = Set(promotionVars.filter { !($0.value ?? "").isEmpty }.map(\.name))
        let fromStep = Set(taskStepVars.filter { !($0.value ?? "").isEmpty }.map(\.name))
        var inputs: [PromotionVariable] = []
        for variable in declared where !fromPromotion.contains(variable.name) {
            if let value = variable.value, !value.isEmpty {
                inputs.append(variable)
            } else if !fromStep.contains(variable.name) {
                throw .missingTaskVariable(task: task, taskAlias: taskAlias, variable: variable.name)
            }
        }
        return inputs + taskStepVars
    }
}
