/// How to reach the hosting provider (GitHub, GitLab, Gitea) behind one repository URL:
/// the token, and optionally where its API is and which provider it is, for installs the
/// host name alone does not give away. Read from the repository's Git credential Secret
/// (`password` is the token; `apiURL` and `provider` are Freightline's own keys).
public struct GitHostingAccess: Sendable, Hashable {
    public var token: String
    /// The API base URL (`https://ghe.example.com/api/v3`); nil: derived from the repository URL.
    public var apiURL: String?
    /// `github`, `gitlab` or `gitea`; nil: inferred from the host name.
    public var provider: String?

    public init(token: String, apiURL: String? = nil, provider: String? = nil) {
        self.token = token
        self.apiURL = apiURL
        self.provider = provider
    }
}
