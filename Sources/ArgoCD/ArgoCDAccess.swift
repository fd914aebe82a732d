import Foundation

/// The Argo CD server the `argocd-update` and `argocd-wait` steps talk to, and the bearer
/// token they present. Kargo reaches Argo CD through the cluster's API; Freightline, with
/// no cluster, goes through the Argo CD server's REST API instead.
public struct ArgoCDAccess: Sendable, Hashable {
    /// The server's base URL (`https://argocd.example.com`).
    public var server: URL
    public var token: String
    /// The namespace of Applications a step names without one (Kargo's default: `argocd`).
    public var defaultNamespace: String

    public init(server: URL, token: String, defaultNamespace: String = "argocd") {
        self.server = server
        self.token = token
        self.defaultNamespace = defaultNamespace
    }
}
