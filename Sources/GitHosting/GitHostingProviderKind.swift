/// The hosting services whose pull requests Freightline opens, watches and merges. Kargo also
/// speaks Azure DevOps and Bitbucket; Freightline refuses those by name rather than guessing.
package enum GitHostingProviderKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case github
    case gitlab
    case gitea

    /// The product name, for messages.
    package var description: String {
        switch self {
        case .github: "GitHub"
        case .gitlab: "GitLab"
        case .gitea: "Gitea"
        }
    }

    /// What the service calls the thing: GitLab has merge requests.
    package var pullRequestNoun: String { self == .gitlab ? "merge request" : "pull request" }

    /// The `mergeMethod` values the service accepts, as Kargo documents them.
    package var mergeMethods: [String] {
        switch self {
        case .github: ["merge", "rebase", "squash"]
        case .gitlab: ["merge", "squash"]
        case .gitea: ["merge", "rebase", "rebase-merge", "squash", "fast-forward-only", "manually-merged"]
        }
    }

    /// The method used when the config names none; nil for GitLab, which then follows the
    /// merge request's and the project's squash settings.
    package var defaultMergeMethod: String? { self == .gitlab ? nil : "merge" }

    /// The method to merge with: `configured` checked against what the service accepts.
    package func mergeMethod(_ configured: String?) throws(GitHostingError) -> String? {
        guard let configured, !configured.isEmpty else { return defaultMergeMethod }
        guard mergeMethods.contains(configured) else {
            throw .unsupportedMergeMethod(configured, provider: self)
        }
        return configured
    }

    /// The provider a step talks to: the step's `provider`, else the credential Secret's
    /// `provider`, else what the repository's host name gives away.
    package static func choose(configured: String?, secret: String?, host: String) throws(GitHostingError) -> Self {
        for named in [configured, secret] {
            guard let named = named?.trimmingCharacters(in: .whitespaces).lowercased(), !named.isEmpty else { continue }
            guard let kind = Self(rawValue: named) else { throw .unsupportedProvider(named) }
            return kind
        }
        return try infer(host: host)
    }

    /// The provider a host name gives away (`github.com`, `gitlab.example.com`,
    /// `codeberg.org`); an Azure DevOps or Bitbucket host is refused by name, any other asks
    /// for `provider`.
    package static func infer(host: String) throws(GitHostingError) -> Self {
        let host = host.lowercased()
        if host.contains("github") { return .github }
        if host.contains("gitlab") { return .gitlab }
        if host.contains("gitea") || host.contains("forgejo") || host.contains("codeberg") { return .gitea }
        if host.contains("azure") || host.hasSuffix("visualstudio.com") { throw .unsupportedProvider("azure") }
        if host.contains("bitbucket") { throw .unsupportedProvider("bitbucket") }
        throw .unknownProvider(host: host)
    }
}
