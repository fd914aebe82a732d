/// Why a call to the Argo CD server failed, and whether the next run may fare better.
/// `request` is `METHOD URL` without the query; `message` is the server's own text. None of
/// them ever holds the token: the client redacts what the server sends back.
public enum ArgoCDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No Argo CD server is configured for the run.
    case notConfigured
    /// The server URL is not https (http only to a loopback address), or not a URL at all.
    case insecureServer(String)
    /// 401 or 403: the token is wrong, expired, or its account may not do this.
    case tokenRejected(request: String, status: Int, message: String?)
    /// 404 for one Application.
    case applicationNotFound(namespace: String, name: String)
    /// 429: the server asks to slow down, perhaps saying for how long.
    case throttled(request: String, retryAfterSeconds: Int?)
    /// 5xx: the server (or a proxy before it) failed.
    case serverFailure(request: String, status: Int, message: String?)
    /// Any other 4xx: the server refused the request as made (a patch it cannot apply,
    /// another operation already in progress...).
    case refused(request: String, status: Int, message: String?)
    /// No HTTP answer at all.
    case unreachable(request: String, reason: String)
    /// A success whose body is not an Application (list).
    case malformedResponse(request: String, detail: String)

    /// Throttling, server failures and network trouble pass; the rest needs a person.
    public var isRetryable: Bool {
        switch self {
        case .throttled, .serverFailure, .unreachable: true
        case .notConfigured, .insecureServer, .tokenRejected, .applicationNotFound, .refused, .malformedResponse: false
        }
    }

    public var description: String {
        switch self {
        case .notConfigured:
            "no Argo CD server is configured: add a credential Secret labelled `freightline.dev/cred-type: argocd` "
                + "with `server` and `token` keys, or set FREIGHTLINE_ARGOCD_SERVER and FREIGHTLINE_ARGOCD_TOKEN"
        case .insecureServer(let server):
            "Argo CD server `\(server)` must be an https URL (http is accepted for loopback addresses only), "
                + "so the token never crosses a network in clear text"
        case .tokenRejected(let request, let status, let message):
            "Argo CD rejected the token (HTTP \(status)\(message.map { ": \($0)" } ?? "")) for \(request): "
                + (status == 401
                    ? "the token is wrong or expired"
                    : "its account lacks permission for this Application (Argo CD also answers 403 for Applications an account cannot see)")
        case .applicationNotFound(let namespace, let name):
            "Application \(namespace)/\(name) not found on the Argo CD server"
        case .throttled(let request, let seconds):
            "Argo CD is throttling requests (HTTP 429) for \(request)"
                + (seconds.map { "; it asks to retry after \($0) seconds" } ?? "; retrying on the next run")
        case .serverFailure(let request, let status, let message):
            "Argo CD failed (HTTP \(status)\(message.map { ": \($0)" } ?? "")) for \(request); retrying on the next run"
        case .refused(let request, let status, let message):
            "Argo CD refused \(request) (HTTP \(status)\(message.map { ": \($0)" } ?? ""))"
        case .unreachable(let request, let reason):
            "cannot reach Argo CD for \(request): \(reason)"
        case .malformedResponse(let request, let detail):
            "unexpected answer from Argo CD to \(request): \(detail)"
        }
    }
}
