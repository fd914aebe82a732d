import Foundation
import HTTPSupport
import Pipeline
import Reconciler
import Verification

/// The verifier a command runs: the `web`, `prometheus` and `job` providers over the real
/// network and processes, Secrets from `--credentials` for `secretKeyRef` arguments, and
/// the run's clock for `now()` in argument expressions.
enum VerifierSetup {
    static func make(credentials: CredentialStore, now: Timestamp,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Verifier {
        let provider = MetricProviders(transport: URLSessionTransport(), environment: environment)
        return Verifier(provider: provider, secrets: credentials.secretsByName, clock: { now })
    }
}
