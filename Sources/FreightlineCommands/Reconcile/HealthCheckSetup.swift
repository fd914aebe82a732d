import ArgoCD
import HTTPSupport
import Pipeline
import Reconciler

/// The health checks a command runs for Stages whose promotions registered them: Argo CD
/// Applications (`argocd-update`'s), read from the server named in `--credentials`.
enum HealthCheckSetup {
    static func make(credentials: CredentialStore, transport: any HTTPTransport = URLSessionTransport()) -> HealthChecker {
        let access = credentials.argoCD
        return { checks in
            var outcomes: [HealthCheckOutcome] = []
            for check in checks {
                guard check.uses == ArgoCDHealthCheck.name else {
                    outcomes.append(HealthCheckOutcome(status: .unknown, issues: [
                        "health check `\(check.uses ?? "")` is not one Freightline knows (only \(ArgoCDHealthCheck.name)'s)",
                    ]))
                    continue
                }
                guard let access else {
                    outcomes.append(HealthCheckOutcome(status: .unknown, issues: [
                        "no Argo CD server is configured to check the Applications (a Secret labelled freightline.dev/cred-type: argocd in --credentials, or FREIGHTLINE_ARGOCD_SERVER and FREIGHTLINE_ARGOCD_TOKEN)",
                    ]))
                    continue
                }
                let result = await ArgoCDHealthCheck.evaluate(config: check.config ?? .null, access: access, transport: transport)
                outcomes.append(HealthCheckOutcome(status: result.status, issues: result.issues, output: result.output))
            }
            return outcomes.count == 1 ? outcomes[0] : HealthCheckOutcome.combined(outcomes)
        }
    }
}
