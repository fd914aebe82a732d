import Expressions
import Manifests
import Pipeline
import Steps

/// One step's turn in a run: decide whether it runs (`if`), evaluate its variables and
/// config, check the config against the step's schema, run it, and record the result in
/// the step's metadata and the outputs. Follows Kargo's bookkeeping: `startedAt` is set
/// once, on the first attempt; `errorCount` counts retryable failures; a step is
/// finished (`finishedAt`) when it succeeded, was skipped, failed for good, met its error
/// threshold or timed out.
struct StepRun: Sendable {
    var engine: PromotionEngine
    var scope: StepExpressionScope
    var redaction: SecretRedaction
    var promotionVars: [PromotionVariable]

    /// Runs step `index`; returns why the Promotion must wait, or nil to go on.
    func step(_ index: Int, progress: inout PromotionProgress) async -> PromotionWait? {
        let step = progress.steps[index]
        let alias = progress.alias(of: index)
        let uses = step.uses ?? ""
        var meta = progress.metadata[index]
        meta.alias = alias
        meta.continueOnError = step.continueOnError == true ? true : nil
        let executions = progress.executions(before: index)
        defer { progress.metadata[index] = meta }

        func end(_ status: PromotionStepStatus, _ message: String?) {
            meta.status = status
            meta.message = message.map(redaction.redact)
            meta.finishedAt = engine.clock()
        }

        guard step.task == nil, !uses.isEmpty else {
            end(.errored, "the step has no `uses`; a Promotion's steps must be expanded from its Stage's template first")
            return nil
        }

        if meta.startedAt == nil {
            switch condition(step, alias: alias, progress: progress, executions: executions) {
            case .success(true):
                break
            case .success(false):
                meta.status = .skipped
                meta.finishedAt = engine.clock()
                return nil
            case .failure(let error):
                end(.errored, error.description)
                return nil
            }
            meta.startedAt = engine.clock()
        }

        let policy: StepRetryPolicy
        do {
            policy = try StepRetryPolicy(step.retry, defaults: engine.retryDefaults(uses))
        } catch {
            end(.errored, error.description)
            return nil
        }

        let result: StepResult
        do throws(StepError) {
            result = try await attempt(step, uses: uses, alias: alias, progress: &progress, executions: executions)
        } catch {
            switch error {
            case .terminal(let message):
                end(uses == "fail" ? .failed : .errored, message)
                return nil
            case .retryable(let message):
                meta.errorCount = (meta.errorCount ?? 0) + 1
                let count = meta.errorCount ?? 1
                if count >= policy.errorThreshold {
                    let note = policy.errorThreshold > 1 ? "failed \(count) times (error threshold \(policy.errorThreshold)): " : ""
                    end(.errored, note + message)
                    return nil
                }
                if let timedOut = timeout(policy, startedAt: meta.startedAt) {
                    end(.errored, timedOut + "; last error: " + message)
                    return nil
                }
                meta.status = .errored
                meta.message = redaction.redact(
                    "attempt \(count) of \(policy.errorThreshold) failed, retrying on the next run: " + message)
                return .retrying(alias: alias, errorCount: count, errorThreshold: policy.errorThreshold)
            }
        }

        record(result.output, of: uses, alias: alias, into: &progress)
        switch result.status {
        case .succeeded:
            end(.succeeded, result.message)
            if let check = result.healthCheck { progress.healthChecks.append(check) }
            return nil
        case .skipped:
            end(.skipped, result.message)
            return nil
        case .running:
            if let timedOut = timeout(policy, startedAt: meta.startedAt) {
                end(.errored, timedOut)
                return nil
            }
            meta.status = .running
            meta.message = result.message.map(redaction.redact)
            return .stepRunning(alias: alias)
        }
    }

    // MARK: Deciding

    /// Whether the step runs. Without `if`, Kargo runs a step only while no earlier step
    /// (other than a `continueOnError` one) failed or errored; with `if`, the expression
    /// decides and must give a boolean.
    private func condition(
        _ step: PromotionStep, alias: String, progress: PromotionProgress, executions: [StepExecution]
    ) -> Result<Bool, StepError> {
        guard let condition = step.if, !condition.isEmpty else {
            let failed = executions.contains { !$0.continueOnError && ($0.status == "Failed" || $0.status == "Errored") }
            return .success(!failed)
        }
        do throws(StepError) {
            let vars = try variables(step, alias: alias, progress: progress, executions: executions)
            let context = scope.context(
                reach: .step, vars: vars, alias: alias, outputs: progress.outputs, changes: progress.changes,
                executions: executions)
            let value: JSONValue
            do {
                value = try ExpressionTemplate.evaluate(condition, context: context)
            } catch {
                throw StepError.terminal("evaluating `if` (\(condition)): \(error)")
            }
            guard case .bool(let flag) = value else {
                throw StepError.terminal("`if` (\(condition)) must evaluate to a boolean, got \(value.typeName)")
            }
            return .success(flag)
        } catch {
            return .failure(error)
        }
    }

    /// Promotion-wide variables (seeing only `ctx` and earlier variables), then the step's
    /// own (also seeing outputs), each in order so later ones may use earlier ones.
    private func variables(
        _ step: PromotionStep, alias: String, progress: PromotionProgress, executions: [StepExecution]
    ) throws(StepError) -> [String: JSONValue] {
        var vars: [String: JSONValue] = [:]
        for (variables, reach) in [(promotionVars, StepExpressionScope.Reach.promotionVars), (step.vars ?? [], .step)] {
            for variable in variables {
                let context = scope.context(
                    reach: reach, vars: vars, alias: alias, outputs: progress.outputs, changes: progress.changes,
                    executions: executions)
                do {
                    vars[variable.name] = try ExpressionTemplate.evaluate(variable.value ?? "", context: context)
                } catch {
                    throw .terminal("evaluating variable `\(variable.name)`: \(error)")
                }
            }
        }
        return vars
    }

    /// Kargo's soft timeout: checked after an attempt, so a step may run once past it.
    private func timeout(_ policy: StepRetryPolicy, startedAt: Timestamp?) -> String? {
        guard let limit = policy.timeout, let startedAt else { return nil }
        guard engine.clock().seconds(since: startedAt) > limit.seconds else { return nil }
        return "timed out after \(limit)"
    }

    // MARK: Doing

    /// Evaluates, checks and runs the step once.
    private func attempt(
        _ step: PromotionStep, uses: String, alias: String, progress: inout PromotionProgress,
        executions: [StepExecution]
    ) async throws(StepError) -> StepResult {
        let stateStep = StateStep(rawValue: uses)
        let runner = stateStep == nil ? engine.runner(uses) : nil
        guard stateStep != nil || runner != nil else {
            throw .terminal(PromotionExpansion.unsupportedMessage(uses))
        }
        let vars = try variables(step, alias: alias, progress: progress, executions: executions)
        let context = scope.context(
            reach: .config, vars: vars, alias: alias, outputs: progress.outputs, changes: progress.changes,
            executions: executions)
        let config: JSONValue
        do {
            config = try ExpressionTemplate.evaluate(step.config ?? .object([:]), context: context)
        } catch {
            throw .terminal("evaluating config: \(error)")
        }
        let problems = StepConfigValidation.problems(in: config, forStep: uses)
        if !problems.isEmpty {
            let list = problems.map { "config" + ($0.path.components.isEmpty ? "" : ".\($0.path)") + ": \($0.message)" }
            throw .terminal("invalid config for step `\(uses)`: " + list.joined(separator: "; "))
        }
        if let stateStep {
            try stateStep.apply(config: config, to: &progress.changes, freight: scope.environment.allFreight)
            return StepResult()
        }
        guard let runner else { throw .terminal(PromotionExpansion.unsupportedMessage(uses)) }
        var stepContext = StepContext(
            project: scope.environment.project, stage: scope.environment.stage.metadata.name,
            promotion: scope.promotionName, workDirectory: WorkDirectory(root: scope.environment.workDirectory),
            targetFreight: progress.changes.applied(toFreight: scope.environment.targetFreight), now: engine.clock(),
            gitCredentials: engine.gitCredentials, gitCache: engine.gitCache, evaluate: StepExpressionEvaluator.make(clock: engine.clock),
            gitHosting: engine.gitHosting, argoCD: engine.argoCD)
        stepContext.stepAlias = alias
        stepContext.previousOutput = progress.outputs[alias]?.objectValue ?? [:]
        return try await runner.run(config: config, context: stepContext)
    }

    /// Keeps a step's output under its alias; a `compose-output` inside a task also
    /// publishes its keys under the task's alias, which is how a task returns outputs.
    private func record(_ output: [String: JSONValue], of uses: String, alias: String, into progress: inout PromotionProgress) {
        guard !output.isEmpty else { return }
        progress.outputs[alias] = .object(output)
        if uses == ComposeOutputStep.name, let namespace = StepAlias.namespace(of: alias) {
            var published = progress.outputs[namespace]?.objectValue ?? [:]
            published.merge(output) { _, new in new }
            progress.outputs[namespace] = .object(published)
        }
    }
}
