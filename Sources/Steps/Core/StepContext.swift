import ArgoCD
import GitHosting
import GitStore
import Pipeline

/// What a step may know about the promotion it runs in.
public struct StepContext: Sendable {
    public var project: String
    public var stage: String
    public var promotion: String
    public var workDirectory: WorkDirectory
    /// The Freight being promoted, one per requested origin.
    public var targetFreight: [Freight]
    public var now: Timestamp
    /// The credentials for a Git remote URL (from Kargo-style credential Secrets), nil for
    /// none. A closure, so a step asks only for the repositories it touches.
    public var gitCredentials: @Sendable (String) -> GitCredentials?
    /// Where the run keeps its cache clones; `git-clone` makes work trees from them so a
    /// repository is downloaded once per run, not once per promotion. nil: clone afresh.
    public var gitCache: GitCache?
    /// Evaluates a bare expr-lang expression (no `${{ }}`) with `environment` as its
    /// variables, for steps that evaluate expressions themselves (`yaml-parse`, `json-parse`
    /// `fromExpression`). The promotion engine supplies the Expressions evaluator; Steps
    /// cannot import it, so the default throws "not available".
    public var evaluate: ExpressionEvaluator
    /// How to reach the hosting provider (token, API) of a repository URL, for the
    /// pull-request steps; nil when no credential names the repository.
    public var gitHosting: @Sendable (String) -> GitHostingAccess?
    /// The Argo CD server for the `argocd-*` steps; nil when none is configured.
    public var argoCD: ArgoCDAccess?
    /// The running step's alias (`ctx.meta.step.alias` in a custom step's templates).
    public var stepAlias: String = ""
    /// What this step output when an earlier run left it Running (empty on its first run),
    /// for steps that judge a change over time (`argocd-wait`: turned Degraded).
    public var previousOutput: [String: JSONValue] = [:]

    public init(project: String, stage: String, promotion: String, workDirectory: WorkDirectory,
                targetFreight: [Freight] = [], now: Timestamp,
                gitCredentials: @escaping @Sendable (String) -> GitCredentials? = { _ in nil },
                gitCache: GitCache? = nil,
                evaluate: @escaping ExpressionEvaluator = StepContext.noEvaluator,
                gitHosting: @escaping @Sendable (String) -> GitHostingAccess? = { _ in nil },
                argoCD: ArgoCDAccess? = nil) {
        self.project = project
        self.stage = stage
        self.promotion = promotion
        self.workDirectory = workDirectory
        self.targetFreight = targetFreight
        self.now = now
        self.gitCredentials = gitCredentials
        self.gitCache = gitCache
        self.evaluate = evaluate
        self.gitHosting = gitHosting
        self.argoCD = argoCD
    }

    /// `(expression, environment) -> value`; errors are the evaluator's own.
    public typealias ExpressionEvaluator = @Sendable (_ expression: String, _ environment: JSONValue) throws -> JSONValue

    public struct EvaluatorUnavailable: Error, CustomStringConvertible {
        public var description: String { "no expression evaluator is available to this step" }
    }

    public static let noEvaluator: ExpressionEvaluator = { _, _ in throw EvaluatorUnavailable() }
}
