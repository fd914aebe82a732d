import ArgoCD
import HTTPSupport
import Pipeline

/// `argocd-wait`: waits, without changing anything, until Argo CD Applications meet
/// `waitFor` (default: healthy, synced, no operation running) — for syncs started by
/// someone else, such as Argo CD's auto-sync. Reading needs no authorization annotation.
/// Each run looks once; not there yet leaves the step Running for the next run. An
/// Application that turns Degraded (from anything but Degraded or Unknown, as seen by an
/// earlier run of the step) while it waits for Healthy fails it at once, as do error
/// conditions Argo CD reports (a manifest it cannot render).
///
/// Output: `apps` — `[{name, namespace, health}]` of the Applications resolved; `health` is
/// what this look saw, which the next look compares with.
public struct ArgoCDWaitStep: PromotionStepRunner {
    public static let name = "argocd-wait"
    static let sharedTransport = URLSessionTransport()

    let transport: any HTTPTransport

    public init() { self.init(transport: Self.sharedTransport) }

    /// For tests: a transport to a stand-in server.
    public init(transport: any HTTPTransport) { self.transport = transport }

    private struct Config: Decodable {
        struct App: Decodable {
            var name: String?
            var namespace: String?
            var selector: ApplicationSelector?
            var waitFor: [ApplicationHealth.WaitCondition]?
        }

        var apps: [App]
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard let access = context.argoCD else { throw .terminal("\(Self.name): \(ArgoCDError.notConfigured)") }
        let client = try ArgoCDSteps.client(access: access, transport: transport, step: Self.name)

        var resolved: [Application] = []
        var waiting: [String] = []
        let seen = Self.previousHealth(context.previousOutput)
        for entry in config.apps {
            let namespace = ArgoCDSteps.namespace(entry.namespace, access: access)
            let conditions = entry.waitFor ?? []
            let apps = try await ArgoCDSteps.resolve(name: entry.name, selector: entry.selector, namespace: namespace,
                                                     client: client, step: Self.name)
            for var app in apps {
                let previous = seen[app.qualifiedName]
                var outcome = ApplicationHealth.wait(for: conditions, on: app, previousHealth: previous)
                if case .waiting = outcome, app.healthPredatesLastOperation {
                    // Ask Argo CD to reassess health now rather than at its next periodic refresh.
                    app = try await ArgoCDSteps.call(Self.name) { [app] () async throws(ArgoCDError) in
                        try await client.application(named: app.name, namespace: app.namespace, refresh: .hard)
                    }
                    outcome = ApplicationHealth.wait(for: conditions, on: app, previousHealth: previous)
                }
                resolved.append(app)
                switch outcome {
                case .ready: continue
                case .waiting(let reason): waiting.append(reason)
                case .failed(let reason): throw .terminal("\(Self.name): \(reason)")
                }
            }
        }
        let output: [String: JSONValue] = ["apps": .array(resolved.map { app in
            .object(["name": .string(app.name), "namespace": .string(app.namespace),
                     "health": .string(app.healthStatus ?? "Unknown")])
        })]
        guard waiting.isEmpty else {
            return StepResult(status: .running, output: output, message: "waiting: " + waiting.joined(separator: "; "))
        }
        return StepResult(status: .succeeded, output: output)
    }

    /// `namespace/name` → the health the step's previous look recorded.
    private static func previousHealth(_ output: [String: JSONValue]) -> [String: String] {
        var seen: [String: String] = [:]
        for app in output["apps"]?.arrayValue ?? [] {
            guard let entry = app.objectValue, let name = entry["name"]?.stringValue,
                  let namespace = entry["namespace"]?.stringValue, let health = entry["health"]?.stringValue else { continue }
            seen[namespace + "/" + name] = health
        }
        return seen
    }
}
