import Pipeline

/// Everything an expression can see during one Promotion step: the variables (`ctx`,
/// `vars`, `outputs`, `task`, `secrets`) and the data Kargo's functions read from the
/// cluster, supplied here as plain values so evaluation stays pure and testable.
public struct ExpressionContext: Sendable {
    /// Top-level names. Unknown names evaluate to nil, as in Kargo (it compiles without an env).
    public var variables: [String: ExpressionValue]
    /// The Freight being promoted; `commitFrom()`, `imageFrom()`, `chartFrom()` and
    /// `artifactFrom()` search these.
    public var targetFreight: [Freight]
    /// Every Freight `freightMetadata()` may name (the target Freight are always included).
    public var knownFreight: [Freight]
    /// `status.metadata` of Stages, by Stage name, for `stageMetadata()`.
    public var stageMetadata: [String: [String: JSONValue]]
    /// ConfigMap data by name, for `configMap()`.
    public var configMaps: [String: [String: String]]
    /// Generic Secret data by name, for `secret()`.
    public var secrets: [String: [String: String]]
    /// ConfigMaps and Secrets of the shared-resources namespace, for `sharedConfigMap()`
    /// and `sharedSecret()`.
    public var sharedConfigMaps: [String: [String: String]] = [:]
    public var sharedSecrets: [String: [String: String]] = [:]
    /// Earlier steps' results, for `success()`, `failure()` and `status()`.
    public var stepExecutions: [StepExecution]
    /// The alias of the step being evaluated; `status()` looks within its task namespace.
    public var currentStepAlias: String
    /// The clock behind `now()`, injectable so tests and plans are reproducible.
    public var clock: @Sendable () -> Timestamp

    public init(
        variables: [String: ExpressionValue] = [:],
        targetFreight: [Freight] = [],
        knownFreight: [Freight] = [],
        stageMetadata: [String: [String: JSONValue]] = [:],
        configMaps: [String: [String: String]] = [:],
        secrets: [String: [String: String]] = [:],
        stepExecutions: [StepExecution] = [],
        currentStepAlias: String = "",
        clock: @escaping @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: 0) }
    ) {
        self.variables = variables
        self.targetFreight = targetFreight
        self.knownFreight = knownFreight
        self.stageMetadata = stageMetadata
        self.configMaps = configMaps
        self.secrets = secrets
        self.stepExecutions = stepExecutions
        self.currentStepAlias = currentStepAlias
        self.clock = clock
    }

    /// The variables Kargo gives a Promotion step: `ctx` (project, stage, promotion,
    /// targetFreight {name, origin}, meta.promotion.actor), `vars`, `outputs`,
    /// `task.outputs` and `secrets` (the `secret()` data, keyed by Secret name).
    public static func promotion(
        project: String,
        stage: String,
        promotion: String,
        targetFreight: Freight?,
        actor: String? = nil,
        vars: [String: JSONValue] = [:],
        outputs: [String: JSONValue] = [:],
        taskOutputs: [String: JSONValue] = [:],
        freight: [Freight] = [],
        knownFreight: [Freight] = [],
        stageMetadata: [String: [String: JSONValue]] = [:],
        configMaps: [String: [String: String]] = [:],
        secrets: [String: [String: String]] = [:],
        stepExecutions: [StepExecution] = [],
        currentStepAlias: String = "",
        clock: @escaping @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: 0) }
    ) -> ExpressionContext {
        var context: [String: ExpressionValue] = [
            "project": .string(project),
            "stage": .string(stage),
            "promotion": .string(promotion),
            "meta": .map(["promotion": .map(["actor": actor.map(ExpressionValue.string) ?? .null])]),
        ]
        if let targetFreight {
            context["targetFreight"] = .map([
                "name": .string(targetFreight.metadata.name),
                "origin": .map([
                    "kind": .string(targetFreight.origin.kind.rawValue),
                    "name": .string(targetFreight.origin.name),
                ]),
            ])
        }
        let variables: [String: ExpressionValue] = [
            "ctx": .map(context),
            "vars": ExpressionValue(.object(vars)),
            "outputs": ExpressionValue(.object(outputs)),
            "task": .map(["outputs": ExpressionValue(.object(taskOutputs))]),
            "secrets": .map(secrets.mapValues { ExpressionValue(strings: $0) }),
        ]
        let collection = freight.isEmpty ? (targetFreight.map { [$0] } ?? []) : freight
        return ExpressionContext(
            variables: variables, targetFreight: collection, knownFreight: knownFreight,
            stageMetadata: stageMetadata, configMaps: configMaps, secrets: secrets,
            stepExecutions: stepExecutions, currentStepAlias: currentStepAlias, clock: clock)
    }

    /// The Freight named `name` among the known and target Freight.
    func freight(named name: String) -> Freight? {
        knownFreight.first { $0.metadata.name == name } ?? targetFreight.first { $0.metadata.name == name }
    }
}

/// One earlier step's outcome, as Kargo's `StepExecutionMetadata` records it.
public struct StepExecution: Sendable, Hashable {
    /// The step alias; steps from a PromotionTask are `task::step`.
    public var alias: String
    /// Kargo's status word: `Succeeded`, `Failed`, `Errored`, `Skipped`, `Running`…
    public var status: String
    /// A step marked `continueOnError` does not count for `success()` and `failure()`
    /// (Kargo leaves it out of `hasFailure`), though `status()` still reports it.
    public var continueOnError: Bool

    public init(alias: String, status: String, continueOnError: Bool = false) {
        self.alias = alias
        self.status = status
        self.continueOnError = continueOnError
    }
}
