import Expressions
import Pipeline

/// Builds what an expression in one step may see, following Kargo's scoping:
/// promotion-wide `vars` see only `ctx` and the variables before them; a step's own `vars`,
/// its `if` and its `config` also see `outputs` and `task.outputs`; only `config` sees
/// `secrets`. Stage and Freight data include the changes earlier state steps made.
struct StepExpressionScope: Sendable {
    var environment: PromotionEnvironment
    var promotionName: String
    /// `Promotion.spec.freight`: the Freight `ctx.targetFreight` describes.
    var freightName: String?
    var clock: @Sendable () -> Timestamp

    /// What a step's expressions can read.
    enum Reach {
        /// Promotion-wide variables: `ctx` and earlier `vars`.
        case promotionVars
        /// Step `vars` and `if`: also `outputs` and `task.outputs`.
        case step
        /// Step `config`: also `secrets`.
        case config
    }

    func context(
        reach: Reach, vars: [String: JSONValue], alias: String, outputs: [String: JSONValue],
        changes: PromotionStateChanges, executions: [StepExecution]
    ) -> ExpressionContext {
        let freight = changes.applied(toFreight: environment.allFreight)
        let targets = changes.applied(toFreight: environment.targetFreight)
        let target = freightName.flatMap { name in freight.first { $0.metadata.name == name } } ?? targets.first
        let seesOutputs = reach != .promotionVars
        var context = ExpressionContext.promotion(
            project: environment.project, stage: environment.stage.metadata.name, promotion: promotionName,
            targetFreight: target, actor: environment.actor, vars: vars,
            outputs: seesOutputs ? outputs : [:],
            taskOutputs: seesOutputs ? Self.taskOutputs(of: alias, in: outputs) : [:],
            freight: targets, knownFreight: freight,
            stageMetadata: changes.applied(toStageMetadata: environment.stageMetadata),
            configMaps: environment.configMaps, secrets: environment.secrets,
            stepExecutions: executions, currentStepAlias: alias, clock: clock)
        if reach != .config { context.variables["secrets"] = .map([:]) }
        context.variables["ctx"] = Self.completed(context.variables["ctx"], alias: alias, targetAlias: target?.alias)
        return context
    }

    /// Outputs of the earlier steps of the same task, by their alias inside the task.
    static func taskOutputs(of alias: String, in outputs: [String: JSONValue]) -> [String: JSONValue] {
        guard let namespace = StepAlias.namespace(of: alias) else { return [:] }
        var result: [String: JSONValue] = [:]
        for (key, value) in outputs where StepAlias.namespace(of: key) == namespace {
            result[String(key.dropFirst(namespace.count + StepAlias.separator.count))] = value
        }
        return result
    }

    /// Adds `ctx.targetFreight.alias` and `ctx.meta.step.alias`, which Kargo provides.
    private static func completed(_ ctx: ExpressionValue?, alias: String, targetAlias: String?) -> ExpressionValue? {
        guard case .map(var members)? = ctx else { return ctx }
        if case .map(var freight)? = members["targetFreight"] {
            freight["alias"] = targetAlias.map(ExpressionValue.string) ?? .null
            members["targetFreight"] = .map(freight)
        }
        if case .map(var meta)? = members["meta"] {
            meta["step"] = .map(["alias": .string(alias)])
            members["meta"] = .map(meta)
        }
        return .map(members)
    }
}
