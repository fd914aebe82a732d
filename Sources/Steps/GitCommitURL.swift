import Foundation

/// The web page of a commit on a Git hosting service, for git-push's `commitURL`
/// output; nil when the provider is unknown (a plain Git server has no such page).
enum GitCommitURL {
    /// - Parameter provider: Kargo's `provider` (`github`, `gitlab`, `gitea`,
    ///   `bitbucket`, `azure`), or nil to infer it from the host name.
    static func make(repoURL: String, commit: String, provider: String?) -> String? {
        guard let base = webBase(repoURL), let host = URL(string: base)?.host?.lowercased() else { return nil }
        let kind = provider ?? infer(host: host)
        switch kind {
        case "github", "gitea": return base + "/commit/" + commit
        case "gitlab": return base + "/-/commit/" + commit
        case "bitbucket": return base + "/commits/" + commit
        case "azure": return base + "/commit/" + commit
        default: return nil
        }
    }

    private static func infer(host: String) -> String? {
        if host == "github.com" || host.hasPrefix("github.") { return "github" }
        if host == "gitlab.com" || host.hasPrefix("gitlab.") { return "gitlab" }
        if host == "bitbucket.org" || host.hasPrefix("bitbucket.") { return "bitbucket" }
        if host == "dev.azure.com" || host.hasSuffix(".visualstudio.com") { return "azure" }
        if host.hasPrefix("gitea.") || host == "codeberg.org" { return "gitea" }
        return nil
    }

    /// `https://host/org/repo` from an HTTP(S) or SSH clone URL: no user info, no `.git`.
    private static func webBase(_ repoURL: String) -> String? {
        var text = repoURL.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("git@"), let colon = text.firstIndex(of: ":") {
            text = "https://" + text[text.index(text.startIndex, offsetBy: 4)..<colon] + "/" + text[text.index(after: colon)...]
        } else if text.hasPrefix("ssh://") {
            text = "https://" + text.dropFirst("ssh://".count)
        }
        guard var components = URLComponents(string: text), components.host != nil else { return nil }
        components.scheme = "https"
        components.user = nil
        components.password = nil
        components.port = nil
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        components.path = path
        return components.string
    }
}
