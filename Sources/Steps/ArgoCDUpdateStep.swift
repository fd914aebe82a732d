import ArgoCD
import HTTPSupport
import Pipeline

/// `argocd-update`: points Argo CD Applications at what the promotion produced and syncs
/// them, through the Argo CD server's REST API. Each Application (by `name`, or every one a
/// `selector` matches) must list the Stage in its `kargo.akuity.io/authorized-stage`
/// annotation. The step patches the sources only when they change, asks for one sync
/// tagged with the Promotion's name, and stays Running until that sync succeeds; on success
/// it registers the health check that keeps watching the Applications.
///
/// Every change is decided before any is made, so a selector matching an Application the
/// update does not fit fails the step without touching the others (Kargo's rule).
///
/// Output: `apps` — `[{name, namespace}]` of the Applications resolved.
public struct ArgoCDUpdateStep: PromotionStepRunner {
    public static let name = "argocd-update"
    /// One session for every run of the step, so connections are reused.
    static let sharedTransport = URLSessionTransport()

    let transport: any HTTPTransport

    public init() { self.init(transport: Self.sharedTransport) }

    /// For tests: a transport to a stand-in server.
    public init(transport: any HTTPTransport) { self.transport = transport }

    private struct Config: Decodable {
        var apps: [ApplicationUpdate]
    }

    /// One Application and what to do with it, decided before anything is sent.
    private struct Plan {
        var app: Application
        var update: ApplicationUpdate
        var patch: JSONValue?
        var progress: SyncProgress
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard let access = context.argoCD else { throw .terminal("\(Self.name): \(ArgoCDError.notConfigured)") }
        let client = try ArgoCDSteps.client(access: access, transport: transport, step: Self.name)

        var plans: [Plan] = []
        for update in config.apps {
            for app in try await authorizedApplications(update, client: client, access: access, context: context) {
                let patch: JSONValue?
                do { patch = try update.specPatch(for: app) } catch {
                    throw .terminal("\(Self.name): \(error)\(update.selector == nil ? "" : "; no Application was updated")")
                }
                let progress = SyncProgress.of(app, promotion: context.promotion,
                                               desiredRevisions: update.desiredRevisions(of: app))
                plans.append(Plan(app: app, update: update, patch: patch, progress: progress))
            }
        }

        var waiting: [String] = []
        for plan in plans {
            let shown = plan.app.qualifiedName
            switch plan.progress {
            case .succeeded:
                continue
            case .syncing:
                waiting.append("waiting for Application \(shown) to finish syncing")
            case .waitingForOtherOperation(let description):
                waiting.append(description)
            case .failed(let phase, let message):
                throw .terminal("\(Self.name): the sync of Application \(shown) ended in \(phase): \(message)")
            case .needsSync:
                try await ArgoCDSteps.call(Self.name) { () async throws(ArgoCDError) in
                    if let patch = plan.patch {
                        _ = try await client.patch(applicationNamed: plan.app.name, namespace: plan.app.namespace,
                                                   mergePatch: patch)
                    }
                    _ = try await client.sync(applicationNamed: plan.app.name, namespace: plan.app.namespace,
                                              infos: Self.infos(context))
                }
                waiting.append("requested a sync of Application \(shown); waiting for it to finish syncing")
            }
        }

        let output = ["apps": ArgoCDSteps.appsOutput(plans.map(\.app))]
        guard waiting.isEmpty else {
            return StepResult(status: .running, output: output, message: waiting.joined(separator: "; "))
        }
        return StepResult(status: .succeeded, output: output, healthCheck: HealthCheckStep(
            uses: ArgoCDHealthCheck.name, config: Self.healthCheckConfig(plans).json))
    }

    /// The Applications `update` names or selects that authorize this Stage. By name, an
    /// unauthorized Application fails the step; by selector, it is passed over, and the
    /// step fails only when none is left.
    private func authorizedApplications(_ update: ApplicationUpdate, client: ArgoCDClient, access: ArgoCDAccess,
                                        context: StepContext) async throws(StepError) -> [Application] {
        let namespace = ArgoCDSteps.namespace(update.namespace, access: access)
        let found = try await ArgoCDSteps.resolve(name: update.name, selector: update.selector,
                                                        namespace: namespace, client: client, step: Self.name)
        if update.selector == nil {
            for app in found {
                do { try ApplicationUpdate.authorize(app, project: context.project, stage: context.stage) } catch {
                    throw .terminal("\(Self.name): \(error)")
                }
            }
            return found
        }
        var authorized: [Application] = []
        var refusals: [String] = []
        for app in found {
            do {
                try ApplicationUpdate.authorize(app, project: context.project, stage: context.stage)
                authorized.append(app)
            } catch {
                refusals.append(error.description)
            }
        }
        guard !authorized.isEmpty else {
            throw .terminal("\(Self.name): \(found.count) Application(s) in namespace \(namespace) match the selector, "
                + "but none authorizes Stage \(context.project):\(context.stage): " + refusals.joined(separator: "; "))
        }
        return authorized
    }

    /// Shown on the operation in Argo CD; `Promotion` is how later runs recognise the sync.
    static func infos(_ context: StepContext) -> [Application.Info] {
        [
            Application.Info(name: "Reason",
                             value: "Freightline promotion to Stage \(context.project):\(context.stage) requested this sync"),
            Application.Info(name: SyncProgress.promotionInfo, value: context.promotion),
        ]
    }

    private static func healthCheckConfig(_ plans: [Plan]) -> ArgoCDHealthCheckConfig {
        ArgoCDHealthCheckConfig(apps: plans.map { plan in
            ArgoCDHealthCheckConfig.App(
                name: plan.app.name, namespace: plan.app.namespace,
                sources: (plan.update.sources ?? []).map {
                    ArgoCDHealthCheckConfig.Source(
                        repoURL: $0.repoURL, chart: $0.chart.flatMap { $0.isEmpty ? nil : $0 },
                        desiredRevision: $0.desiredRevision.flatMap { $0.isEmpty ? nil : $0 })
                })
        })
    }
}
