import Foundation
import GitStore
import Pipeline

/// `git-clone`: clones `repoURL` once per `checkout` entry into that entry's
/// path and checks out a branch, commit or tag there. Output `commits`: per
/// checkout key (`as`, else `path`) the commit checked out ("" for a new branch).
///
/// Each path is its own clone (one fetch each) rather than a linked worktree, so
/// a path can be committed and pushed on its own. `sparse` and `blobless` only
/// save work in Kargo; here the full tree is checked out, which holds the same files.
public struct GitCloneStep: PromotionStepRunner {
    public static let name = "git-clone"
    public init() {}

    struct Config: Decodable {
        var repoURL: String
        var insecureSkipTLSVerify: Bool?
        var recurseSubmodules: Bool?
        var author: GitWorkTreeAccess.Author?
        var checkout: [Checkout]
    }

    struct Checkout: Decodable {
        var path: String
        var `as`: String?
        var branch: String?
        var commit: String?
        var tag: String?
        var create: Bool?
        var fromFreight: Bool?
        var fromOrigin: FreightOrigin?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        guard config.recurseSubmodules != true else {
            throw .terminal("git-clone: `recurseSubmodules` is not supported")
        }
        guard !config.checkout.isEmpty else { throw .terminal("git-clone: `checkout` needs at least one entry") }
        // Decide everything before touching the network.
        var plans: [(key: String, path: String, target: WorkTreeCheckout)] = []
        for (index, checkout) in config.checkout.enumerated() {
            let field = "checkout[\(index)].path"
            let path = try context.workDirectory.resolve(checkout.path, field: field)
            try Self.requireEmpty(path, field: field, relative: checkout.path)
            let target = try Self.target(checkout, index: index, repoURL: config.repoURL, context: context)
            plans.append((checkout.as ?? checkout.path, path, target))
        }
        let credentials = context.gitCredentials(config.repoURL)
        // With a run cache, fetch once into it and make every work tree from it.
        let cached: GitRepository? = if let cache = context.gitCache, config.insecureSkipTLSVerify != true {
            try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
                try cache.repository(for: config.repoURL, credentials: credentials)
            }
        } else {
            nil
        }
        var commits: [String: JSONValue] = [:]
        for plan in plans {
            let commit = try GitWorkTreeAccess.call(Self.name) { () throws(GitError) in
                let repository = if let cached {
                    try GitRepository.workTree(sharing: cached, url: config.repoURL, into: plan.path)
                } else {
                    try GitRepository.cloneWorkTree(
                        url: config.repoURL, into: plan.path, credentials: credentials,
                        skipTLSVerification: config.insecureSkipTLSVerify ?? false)
                }
                if let author = config.author {
                    try repository.setDefaultAuthor(name: author.name, email: author.email)
                }
                return try repository.checkOut(plan.target)
            }
            commits[plan.key] = .string(commit?.hex ?? "")
        }
        return StepResult(output: ["commits": .object(commits)])
    }

    /// The revision one checkout entry asks for (Kargo: at most one of branch, commit, tag).
    static func target(_ checkout: Checkout, index: Int, repoURL: String,
                       context: StepContext) throws(StepError) -> WorkTreeCheckout {
        let given = [("branch", checkout.branch), ("commit", checkout.commit), ("tag", checkout.tag)]
            .compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } }
        guard given.count <= 1 else {
            throw .terminal("git-clone: checkout[\(index)] names \(given.map(\.0).joined(separator: " and ")); "
                + "give at most one of branch, commit and tag")
        }
        if checkout.fromFreight == true {
            guard given.isEmpty else {
                throw .terminal("git-clone: checkout[\(index)] sets fromFreight and \(given[0].0)")
            }
            return try freightCommit(repoURL: repoURL, origin: checkout.fromOrigin, index: index, context: context)
        }
        switch given.first {
        case ("branch", let name)?: return .branch(name, create: checkout.create ?? false)
        case ("commit", let id)?: return .commit(id)
        case ("tag", let name)?: return .tag(name)
        default: return .defaultBranch
        }
    }

    /// The commit the promoted Freight carries for `repoURL` (Kargo's `fromFreight`).
    static func freightCommit(repoURL: String, origin: FreightOrigin?, index: Int,
                              context: StepContext) throws(StepError) -> WorkTreeCheckout {
        let wanted = RepositoryURL.normalizeGit(repoURL)
        let matches = context.targetFreight
            .filter { origin == nil || $0.origin == origin }
            .flatMap { $0.commits ?? [] }
            .filter { $0.repoURL.map(RepositoryURL.normalizeGit) == wanted }
        guard matches.count == 1, let commit = matches.first else {
            let problem = matches.isEmpty ? "no Freight being promoted carries a commit of" : "several Freight carry commits of"
            throw .terminal("git-clone: checkout[\(index)].fromFreight: \(problem) \(repoURL)"
                + (matches.isEmpty ? "" : "; name one with fromOrigin"))
        }
        if let id = commit.id, !id.isEmpty { return .commit(id) }
        if let tag = commit.tag, !tag.isEmpty { return .tag(tag) }
        throw .terminal("git-clone: checkout[\(index)].fromFreight: the Freight's commit of \(repoURL) has no id")
    }

    /// A checkout path must be new or an empty folder: a clone never overwrites files.
    private static func requireEmpty(_ path: String, field: String, relative: String) throws(StepError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]
        guard contents.isEmpty else {
            throw .terminal("git-clone: `\(field)` \(relative) already exists and is not an empty folder")
        }
    }
}
