import ArgoCD
import HTTPSupport
import Pipeline

/// What `argocd-update` and `argocd-wait` share: finding the Applications a config entry
/// names, and turning Argo CD's failures into step errors that say whether to retry.
enum ArgoCDSteps {
    static func client(access: ArgoCDAccess, transport: any HTTPTransport, step: String) throws(StepError) -> ArgoCDClient {
        do { return try ArgoCDClient(access: access, transport: transport) } catch {
            throw stepError(error, step: step)
        }
    }

    /// The entry's namespace, or the server's default (`argocd`) when it gives none.
    static func namespace(_ configured: String?, access: ArgoCDAccess) -> String {
        guard let configured, !configured.isEmpty else { return access.defaultNamespace }
        return configured
    }

    /// The Application called `name`, or every one `selector` matches (at least one).
    static func resolve(name: String?, selector: ApplicationSelector?, namespace: String, client: ArgoCDClient,
                        step: String) async throws(StepError) -> [Application] {
        if let name, !name.isEmpty {
            let app = try await call(step) { () async throws(ArgoCDError) in
                try await client.application(named: name, namespace: namespace)
            }
            return [app]
        }
        guard let selector else { throw .terminal("\(step): an `apps` entry needs `name` or `selector`") }
        let query: String
        do { query = try selector.query() } catch { throw .terminal("\(step): \(error)") }
        let apps = try await call(step) { () async throws(ArgoCDError) in
            try await client.applications(matching: selector, namespace: namespace)
        }
        guard !apps.isEmpty else {
            throw .terminal("\(step): no Application in namespace \(namespace) matches the selector `\(query)`")
        }
        return apps
    }

    /// Runs `body`, mapping an `ArgoCDError` to a retryable or terminal step error.
    static func call<T>(_ step: String, _ body: () async throws(ArgoCDError) -> T) async throws(StepError) -> T {
        do { return try await body() } catch { throw stepError(error, step: step) }
    }

    static func stepError(_ error: ArgoCDError, step: String) -> StepError {
        error.isRetryable ? .retryable("\(step): \(error)") : .terminal("\(step): \(error)")
    }

    /// The `apps` output: `[{name, namespace}]`.
    static func appsOutput(_ apps: [Application]) -> JSONValue {
        .array(apps.map { .object(["name": .string($0.name), "namespace": .string($0.namespace)]) })
    }
}
