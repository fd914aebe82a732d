/// A subscription to a Helm chart in an HTTP(S) chart repository or an OCI registry.
public struct ChartSubscription: Codable, Sendable, Hashable {
    public var repoURL: String
    public var name: String?
    public var semverConstraint: String?
    public var discoveryLimit: Int64?
    public var insecureSkipTLSVerify: Bool?

    public init(
        repoURL: String,
        name: String? = nil,
        semverConstraint: String? = nil,
        discoveryLimit: Int64? = nil,
        insecureSkipTLSVerify: Bool? = nil
    ) {
        self.repoURL = repoURL
        self.name = name
        self.semverConstraint = semverConstraint
        self.discoveryLimit = discoveryLimit
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
    }
}
