import HTTPSupport
import Pipeline

/// The health check a Stage keeps running after an `argocd-update` step succeeded: reads
/// each Application it synced and merges their health (the most severe wins). It never
/// throws: a server it cannot ask makes the health Unknown, with the reason as an issue.
public enum ArgoCDHealthCheck {
    /// The `uses` of the `HealthCheckStep` this check answers to (Kargo's name for it).
    public static let name = "argocd-update"

    /// - Parameters:
    ///   - config: the `HealthCheckStep.config` `argocd-update` recorded
    ///     (`ArgoCDHealthCheckConfig`'s JSON).
    ///   - access: the Argo CD server and token.
    ///   - transport: how to send requests (`URLSessionTransport()` outside tests).
    /// - Returns: the Stage health the Applications give, one issue per problem, and
    ///   `{"applicationStatuses": [{name, namespace, health, sync, operationState}]}` for
    ///   the Stage's status.
    public static func evaluate(config: JSONValue, access: ArgoCDAccess, transport: any HTTPTransport) async
        -> (status: HealthState, issues: [String], output: JSONValue) {
        guard let parsed = ArgoCDHealthCheckConfig(json: config) else {
            return (.unknown, ["the \(name) health check's config is not {apps: [{name, namespace, sources}]}"], .object([:]))
        }
        let client: ArgoCDClient
        do { client = try ArgoCDClient(access: access, transport: transport) } catch {
            return (.unknown, [error.description], .object([:]))
        }
        var parts: [ApplicationHealth] = []
        var statuses: [JSONValue] = []
        for app in parsed.apps {
            let namespace = app.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? access.defaultNamespace
            do throws(ArgoCDError) {
                var application = try await client.application(named: app.name, namespace: namespace)
                if application.healthPredatesLastOperation {
                    // Ask Argo CD to reassess now rather than wait for its periodic refresh.
                    application = try await client.application(named: app.name, namespace: namespace, refresh: .hard)
                }
                parts.append(ApplicationHealth.assess(application, desiredRevisions: app.desiredRevisions(of: application)))
                statuses.append(summary(of: application))
            } catch {
                parts.append(ApplicationHealth(state: .unknown, issues: [error.description]))
                statuses.append(.object(["name": .string(app.name), "namespace": .string(namespace)]))
            }
        }
        let health = ApplicationHealth.combined(parts)
        return (health.state, health.issues, .object(["applicationStatuses": .array(statuses)]))
    }

    /// The parts of an Application's status worth keeping on the Stage; `reconciledAt` and
    /// the like are left out, as they change on every refresh without meaning anything.
    static func summary(of app: Application) -> JSONValue {
        var result: [String: JSONValue] = ["name": .string(app.name), "namespace": .string(app.namespace)]
        var health: [String: JSONValue] = ["status": .string(app.healthStatus ?? "Unknown")]
        if let message = app.healthMessage { health["message"] = .string(message) }
        result["health"] = .object(health)
        var sync: [String: JSONValue] = ["status": .string(app.syncStatus ?? "Unknown")]
        let revisions = app.syncRevisions
        if revisions.count == 1 { sync["revision"] = .string(revisions[0]) }
        if revisions.count > 1 { sync["revisions"] = .array(revisions.map(JSONValue.string)) }
        result["sync"] = .object(sync)
        if let state = app.operationState {
            var operation: [String: JSONValue] = ["phase": .string(state.phase)]
            if !state.message.isEmpty { operation["message"] = .string(state.message) }
            if let finishedAt = state.finishedAt { operation["finishedAt"] = .string(finishedAt.rfc3339) }
            result["operationState"] = .object(operation)
        }
        let conditions = app.conditions
        if !conditions.isEmpty {
            result["conditions"] = .array(conditions.map { .object(["type": .string($0.type), "message": .string($0.message)]) })
        }
        return .object(result)
    }
}
