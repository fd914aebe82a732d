import Foundation
@testable import GitHosting
import HTTPSupport
import Testing
import TestSupport

/// Which provider and API a repository URL leads to (pure tables), and each provider's
/// pull-request calls against the stand-in that speaks all three APIs.
@Suite struct PullRequestProviderTests {
    // MARK: choosing the provider

    struct Choice: Sendable, CustomTestStringConvertible {
        var configured: String?
        var secret: String?
        var host: String
        var expected: Result<GitHostingProviderKind, GitHostingError>
        var testDescription: String { "\(configured ?? "-") / \(secret ?? "-") / \(host)" }
    }

    static let choices: [Choice] = [
        Choice(configured: nil, secret: nil, host: "github.com", expected: .success(.github)),
        Choice(configured: nil, secret: nil, host: "GitHub.acme.example", expected: .success(.github)),
        Choice(configured: nil, secret: nil, host: "gitlab.com", expected: .success(.gitlab)),
        Choice(configured: nil, secret: nil, host: "code.gitlab.example", expected: .success(.gitlab)),
        Choice(configured: nil, secret: nil, host: "gitea.com", expected: .success(.gitea)),
        Choice(configured: nil, secret: nil, host: "forgejo.example.org", expected: .success(.gitea)),
        Choice(configured: nil, secret: nil, host: "codeberg.org", expected: .success(.gitea)),
        Choice(configured: "gitea", secret: nil, host: "git.example.com", expected: .success(.gitea)),
        Choice(configured: nil, secret: "gitlab", host: "git.example.com", expected: .success(.gitlab)),
        // The step's config wins over the Secret, which wins over the host.
        Choice(configured: "github", secret: "gitlab", host: "gitea.example.com", expected: .success(.github)),
        Choice(configured: nil, secret: "gitea", host: "github.com", expected: .success(.gitea)),
        Choice(configured: nil, secret: nil, host: "dev.azure.com", expected: .failure(.unsupportedProvider("azure"))),
        Choice(configured: nil, secret: nil, host: "bitbucket.org", expected: .failure(.unsupportedProvider("bitbucket"))),
        Choice(configured: "bitbucket", secret: nil, host: "github.com", expected: .failure(.unsupportedProvider("bitbucket"))),
        Choice(configured: nil, secret: nil, host: "git.example.com", expected: .failure(.unknownProvider(host: "git.example.com"))),
    ]

    @Test(arguments: choices)
    func providerChoice(_ choice: Choice) {
        let result = Result { () throws(GitHostingError) in
            try GitHostingProviderKind.choose(configured: choice.configured, secret: choice.secret, host: choice.host)
        }
        #expect(result == choice.expected)
    }

    @Test func unsupportedAndUnknownProvidersSayWhatToDo() {
        let azure = GitHostingError.unsupportedProvider("azure").description
        #expect(azure == "provider `azure` is not supported by Freightline; supported: github, gitlab, gitea")
        let unknown = GitHostingError.unknownProvider(host: "git.example.com").description
        #expect(unknown.contains("set `provider`"))
        #expect(unknown.contains("git.example.com"))
    }

    // MARK: deriving the API

    struct Derivation: Sendable, CustomTestStringConvertible {
        var repoURL: String
        var provider: String?
        var apiURL: String?
        var kind: GitHostingProviderKind
        var api: String
        var path: String
        var testDescription: String { repoURL }
    }

    static let derivations: [Derivation] = [
        Derivation(repoURL: "https://github.com/acme/gitops.git", kind: .github, api: "https://api.github.com", path: "acme/gitops"),
        Derivation(repoURL: "https://github.com/acme/gitops", kind: .github, api: "https://api.github.com", path: "acme/gitops"),
        Derivation(repoURL: "ssh://git@github.com/acme/gitops.git", kind: .github, api: "https://api.github.com", path: "acme/gitops"),
        Derivation(repoURL: "git@github.com:acme/gitops.git", kind: .github, api: "https://api.github.com", path: "acme/gitops"),
        Derivation(repoURL: "https://github.acme.example/platform/gitops.git", kind: .github,
                   api: "https://github.acme.example/api/v3", path: "platform/gitops"),
        Derivation(repoURL: "https://gitlab.com/acme/platform/team/gitops.git", kind: .gitlab,
                   api: "https://gitlab.com/api/v4", path: "acme/platform/team/gitops"),
        Derivation(repoURL: "git@gitlab.example.com:acme/gitops.git", kind: .gitlab,
                   api: "https://gitlab.example.com/api/v4", path: "acme/gitops"),
        Derivation(repoURL: "https://gitlab.example.com:8443/acme/gitops.git", kind: .gitlab,
                   api: "https://gitlab.example.com:8443/api/v4", path: "acme/gitops"),
        Derivation(repoURL: "https://codeberg.org/acme/gitops", kind: .gitea, api: "https://codeberg.org/api/v1", path: "acme/gitops"),
        // Gitea mounted below a path keeps the path in its API base.
        Derivation(repoURL: "https://git.example.com/forge/acme/gitops.git", provider: "gitea", kind: .gitea,
                   api: "https://git.example.com/forge/api/v1", path: "acme/gitops"),
        Derivation(repoURL: "http://127.0.0.1:3000/acme/gitops.git", provider: "gitea", kind: .gitea,
                   api: "http://127.0.0.1:3000/api/v1", path: "acme/gitops"),
        // The Secret's apiURL wins over any derivation.
        Derivation(repoURL: "https://git.internal/acme/gitops.git", provider: "github", apiURL: "https://ghe.internal/api/v3/",
                   kind: .github, api: "https://ghe.internal/api/v3", path: "acme/gitops"),
    ]

    @Test(arguments: derivations)
    func apiDerivation(_ row: Derivation) throws {
        let endpoint = try GitHostingEndpoint(repoURL: row.repoURL, provider: row.provider,
                                              access: GitHostingAccess(token: "t", apiURL: row.apiURL))
        #expect(endpoint.kind == row.kind)
        #expect(endpoint.apiURL.absoluteString == row.api)
        #expect(endpoint.repositoryPath == row.path)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var repoURL: String
        var provider: String?
        var apiURL: String?
        var mentions: String
        var testDescription: String { repoURL + (apiURL.map { " api " + $0 } ?? "") }
    }

    static let refusals: [Refusal] = [
        // A token never goes over plain http to another machine.
        Refusal(repoURL: "http://gitea.example.com/acme/gitops.git", mentions: "must use https"),
        Refusal(repoURL: "https://gitlab.example.com/acme/gitops.git", apiURL: "http://gitlab.example.com/api/v4",
                mentions: "must use https"),
        Refusal(repoURL: "https://github.com/acme", mentions: "owner/name"),
        Refusal(repoURL: "https://gitlab.com/gitops.git", mentions: "group/project"),
        Refusal(repoURL: "https://github.com/acme/git ops.git", mentions: "letters, digits"),
        Refusal(repoURL: "file:///srv/git/acme/gitops.git", provider: "gitea", mentions: "is not a URL"),
        Refusal(repoURL: "https://x-access-token:ghp_secretsecret@github.com/acme", mentions: "owner/name"),
    ]

    @Test(arguments: refusals)
    func refusedEndpoints(_ row: Refusal) {
        let error = #expect(throws: GitHostingError.self) {
            try GitHostingEndpoint(repoURL: row.repoURL, provider: row.provider,
                                   access: GitHostingAccess(token: "t", apiURL: row.apiURL))
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(row.mentions), "\(text)")
        #expect(!text.contains("ghp_secretsecret"))
        #expect(error?.isRetryable == false)
    }

    struct MethodRow: Sendable {
        var kind: GitHostingProviderKind
        var configured: String?
        /// The method used; nil with `refused` false is the provider's own default.
        var expected: String?
        var refused = false
    }

    @Test(arguments: [
        MethodRow(kind: .github, configured: nil, expected: "merge"),
        MethodRow(kind: .github, configured: "squash", expected: "squash"),
        MethodRow(kind: .github, configured: "rebase-merge", refused: true),
        MethodRow(kind: .gitlab, configured: nil, expected: nil),
        MethodRow(kind: .gitlab, configured: "squash", expected: "squash"),
        MethodRow(kind: .gitlab, configured: "rebase", refused: true),
        MethodRow(kind: .gitea, configured: nil, expected: "merge"),
        MethodRow(kind: .gitea, configured: "fast-forward-only", expected: "fast-forward-only"),
        MethodRow(kind: .gitea, configured: "manually-merged", expected: "manually-merged"),
        MethodRow(kind: .gitea, configured: "octopus", refused: true),
    ])
    func mergeMethods(_ row: MethodRow) {
        let result = Result { () throws(GitHostingError) in try row.kind.mergeMethod(row.configured) }
        switch result {
        case .success(let method):
            #expect(!row.refused)
            #expect(method == row.expected)
        case .failure(let error):
            #expect(row.refused)
            #expect(error == .unsupportedMergeMethod(row.configured ?? "", provider: row.kind))
            #expect(error.description.contains("valid: " + row.kind.mergeMethods.joined(separator: ", ")))
        }
    }

    // MARK: what an answer means

    static let call = GitHostingError.Call(provider: .gitlab, repository: "acme/gitops", request: "GET https://x/api/v4")

    static func answered(_ status: Int, _ messages: [String] = [], rateLimited: Bool = false, retryAfter: Int? = nil)
        -> HostingAPIFailure {
        .answered(status: status, request: call.request, messages: messages, rateLimited: rateLimited, retryAfter: retryAfter)
    }

    struct Meaning: Sendable, CustomTestStringConvertible {
        var failure: HostingAPIFailure
        var retryable: Bool
        var mentions: [String]
        var testDescription: String { "\(failure)" }
    }

    @Test(arguments: [
        Meaning(failure: answered(401, ["401 Unauthorized"]), retryable: false,
                mentions: ["GitLab", "acme/gitops", "check the token in the Git credential Secret"]),
        Meaning(failure: answered(403, ["insufficient_scope"]), retryable: false, mentions: ["bad credentials", "insufficient_scope"]),
        Meaning(failure: answered(404, ["404 Project Not Found"]), retryable: false, mentions: ["not found", "cannot see it"]),
        Meaning(failure: answered(422, ["title is too long", "labels invalid"]), retryable: false,
                mentions: ["title is too long; labels invalid"]),
        Meaning(failure: answered(429, rateLimited: true, retryAfter: 42), retryable: true, mentions: ["rate limited", "retry after 42s"]),
        Meaning(failure: answered(403, rateLimited: true, retryAfter: 7), retryable: true, mentions: ["retry after 7s"]),
        Meaning(failure: answered(502), retryable: true, mentions: ["502", "next run tries again"]),
        Meaning(failure: .unreachable(request: call.request, reason: "Connection refused"), retryable: true,
                mentions: ["cannot reach GitLab", "Connection refused"]),
        Meaning(failure: .malformedResponse(request: call.request, detail: "the body is not the documented JSON"),
                retryable: false, mentions: ["check that the API URL"]),
    ])
    func failureMeaning(_ row: Meaning) {
        let error = GitHostingError(row.failure, provider: .gitlab, repository: "acme/gitops")
        #expect(error.isRetryable == row.retryable)
        for mention in row.mentions { #expect(error.description.contains(mention), "\(error)") }
    }

    struct RateLimitRow: Sendable {
        var status: Int
        var headers: [String: String]
        /// nil: not a rate limit; .some(nil): a rate limit without a time to wait.
        var retryAfter: Int??
    }

    /// The clock stands at Unix time 1_800_000_000.
    @Test(arguments: [
        RateLimitRow(status: 429, headers: ["retry-after": "30"], retryAfter: 30),
        RateLimitRow(status: 429, headers: [:], retryAfter: .some(nil)),
        RateLimitRow(status: 403, headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000090"], retryAfter: 90),
        RateLimitRow(status: 429, headers: ["ratelimit-remaining": "0", "ratelimit-reset": "1800000005"], retryAfter: 5),
        RateLimitRow(status: 429, headers: ["retry-after": "Fri, 15 Jan 2027 08:00:20 GMT"], retryAfter: 20),
        RateLimitRow(status: 403, headers: ["x-ratelimit-remaining": "12"], retryAfter: nil),
    ])
    func rateLimits(_ row: RateLimitRow) async {
        let transport = CannedTransport(status: row.status, headers: row.headers, body: #"{"message":"slow down"}"#)
        let client = HostingAPIClient(apiURL: URL(string: "https://api.github.com")!, token: GitHubToken("ghp_x"),
                                      headers: [:], transport: transport,
                                      now: { Date(timeIntervalSince1970: 1_800_000_000) })
        let error = await #expect(throws: HostingAPIFailure.self) {
            try await client.send(client.request("GET", client.url("rate_limit")))
        }
        guard case .answered(_, _, _, let rateLimited, let retryAfter)? = error else {
            Issue.record("expected an answer, got \(String(describing: error))")
            return
        }
        switch row.retryAfter {
        case .none: #expect(!rateLimited)
        case .some(let seconds):
            #expect(rateLimited)
            #expect(retryAfter == seconds)
        }
    }

    @Test func aProviderEchoingTheTokenGetsItRedacted() async throws {
        let transport = CannedTransport(status: 401, headers: [:],
                                        body: #"{"message":"token glpat-secretsecret is expired","error":"invalid_token"}"#)
        let endpoint = try GitHostingEndpoint(repoURL: "https://gitlab.com/acme/gitops.git", provider: nil, access: nil)
        let provider = endpoint.provider(token: "glpat-secretsecret", transport: transport)
        let error = await #expect(throws: GitHostingError.self) { try await provider.pullRequest(3) }
        let text = "\(error!)"
        #expect(text.contains("token [redacted] is expired; invalid_token"))
        #expect(!text.contains("glpat-secretsecret"))
        #expect(transport.requests.first?.headers["PRIVATE-TOKEN"] == "glpat-secretsecret")
        #expect(transport.requests.first?.url.absoluteString == "https://gitlab.com/api/v4/projects/acme%2Fgitops/merge_requests/3")
    }

    // MARK: against the stand-in

    static func provider(_ standIn: GitHostingStandIn, _ api: GitHostingStandIn.API, repository: String = "acme/gitops",
                         token: String? = nil) throws -> any GitHostingProvider {
        let endpoint = try GitHostingEndpoint(repoURL: standIn.repoURL(repository), provider: api.rawValue,
                                              access: GitHostingAccess(token: token ?? standIn.token))
        #expect(endpoint.apiURL.absoluteString == standIn.apiURL(api))
        return endpoint.provider(token: token ?? standIn.token, userAgent: "freightline/test")
    }

    @Test(arguments: GitHostingStandIn.API.allCases)
    func openFindGetAndMerge(_ api: GitHostingStandIn.API) async throws {
        try await GitHostingStandIn.with { standIn in
            let provider = try Self.provider(standIn, api)
            #expect(try await provider.openPullRequest(from: "promo", into: "main") == nil)
            let created = try await provider.createPullRequest(from: "promo", into: "main", title: "Promote f1",
                                                               description: "body", labels: ["infra", "needs-review"])
            #expect(created.number == 1)
            #expect(created.isOpen && !created.isMerged)
            #expect(created.headBranch == "promo" && created.baseBranch == "main")
            let found = try await provider.openPullRequest(from: "promo", into: "main")
            #expect(found?.number == 1)
            #expect(found?.url == created.url)
            #expect(try await provider.openPullRequest(from: "other", into: "main") == nil)

            let fetched = try await provider.pullRequest(1)
            #expect(fetched.mergeable == true)
            let merged = try await provider.merge(fetched, method: provider.kind.defaultMergeMethod)
            #expect(merged.isMerged && !merged.isOpen)
            let stored = standIn.pullRequests()
            #expect(stored.map(\.state) == [.merged])
            #expect(merged.mergeCommitSHA == stored.first?.mergeCommitSHA)
            #expect(merged.mergeCommitSHA?.count == 40)
            #expect(try await provider.pullRequest(1).mergeCommitSHA == merged.mergeCommitSHA)
            // Labels: GitHub after creation, GitLab in the create body, Gitea not at all.
            #expect(stored.first?.labels == (api == .gitea ? [] : ["infra", "needs-review"]))

            for request in standIn.requests {
                #expect(request.api == api)
                #expect(request.headers["user-agent"] == "freightline/test")
                switch api {
                case .github:
                    #expect(request.headers["authorization"] == "Bearer \(standIn.token)")
                    #expect(request.headers["accept"] == "application/vnd.github+json")
                case .gitlab: #expect(request.headers["private-token"] == standIn.token)
                case .gitea: #expect(request.headers["authorization"] == "token \(standIn.token)")
                }
            }
            let writes = standIn.requests.filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" }
            switch api {
            case .github:
                #expect(writes == ["POST /api/v3/repos/acme/gitops/pulls", "POST /api/v3/repos/acme/gitops/issues/1/labels",
                                   "PUT /api/v3/repos/acme/gitops/pulls/1/merge"])
                let find = standIn.requests.first { $0.method == "GET" }
                #expect(find?.query["head"] == "acme:promo")
                #expect(find?.query["base"] == "main")
                #expect(find?.query["state"] == "open")
            case .gitlab:
                #expect(writes == ["POST /api/v4/projects/acme%2Fgitops/merge_requests",
                                   "PUT /api/v4/projects/acme%2Fgitops/merge_requests/1/merge"])
                #expect(standIn.requests.first { $0.method == "POST" }?.json?["labels"] as? String == "infra,needs-review")
            case .gitea:
                #expect(writes == ["POST /api/v1/repos/acme/gitops/pulls", "POST /api/v1/repos/acme/gitops/pulls/1/merge"])
                let merge = standIn.requests.first { $0.path.hasSuffix("/merge") }
                #expect(merge?.json?["Do"] as? String == "merge")
                #expect(merge?.json?["head_commit_id"] as? String == fetched.headSHA)
            }
        }
    }

    @Test func gitLabAddressesNestedGroupsByEncodedPath() async throws {
        try await GitHostingStandIn.with { standIn in
            let provider = try Self.provider(standIn, .gitlab, repository: "acme/platform/gitops")
            let created = try await provider.createPullRequest(from: "promo", into: "main", title: "t", description: "d",
                                                               labels: [])
            #expect(created.url == "\(standIn.baseURL)/acme/platform/gitops/-/merge_requests/1")
            #expect(standIn.requests.map(\.path) == ["/api/v4/projects/acme%2Fplatform%2Fgitops/merge_requests"])
            #expect(standIn.pullRequests(repository: "acme/platform/gitops").count == 1)
        }
    }

    @Test func giteaFindsAnOpenPullRequestOnALaterPage() async throws {
        try await GitHostingStandIn.with { standIn in
            for index in 1...70 { standIn.seed(source: "feature-\(index)", target: "main") }
            let provider = try Self.provider(standIn, .gitea)
            let found = try await provider.openPullRequest(from: "feature-64", into: "main")
            #expect(found?.number == 64)
            #expect(standIn.requests.map { $0.query["page"] ?? "1" } == ["1", "2"])
        }
    }

    @Test(arguments: GitHostingStandIn.API.allCases)
    func aWrongTokenIsBadCredentialsWithoutTheToken(_ api: GitHostingStandIn.API) async throws {
        try await GitHostingStandIn.with { standIn in
            let provider = try Self.provider(standIn, api, token: "wrong-token-123456")
            let error = await #expect(throws: GitHostingError.self) { try await provider.pullRequest(1) }
            guard case .badCredentials(let call, 401, _)? = error else {
                Issue.record("expected bad credentials, got \(String(describing: error))")
                return
            }
            #expect(call.provider.rawValue == api.rawValue)
            #expect(call.repository == "acme/gitops")
            #expect(error?.isRetryable == false)
            #expect(!"\(error!)".contains("wrong-token-123456"))
        }
    }

    @Test(arguments: GitHostingStandIn.API.allCases)
    func anUnknownNumberIsNotFound(_ api: GitHostingStandIn.API) async throws {
        try await GitHostingStandIn.with { standIn in
            let error = await #expect(throws: GitHostingError.self) { try await Self.provider(standIn, api).pullRequest(99) }
            guard case .notFound? = error else {
                Issue.record("expected not found, got \(String(describing: error))")
                return
            }
        }
    }

    @Test(arguments: [GitHostingStandIn.API.github, .gitea])
    func identicalBranchesAreNoChanges(_ api: GitHostingStandIn.API) async throws {
        try await GitHostingStandIn.with { standIn in
            let error = await #expect(throws: GitHostingError.self) {
                try await Self.provider(standIn, api).createPullRequest(from: "main", into: "main", title: "t",
                                                                       description: "d", labels: [])
            }
            guard case .noChanges(_, "main", "main", let message)? = error else {
                Issue.record("expected no changes, got \(String(describing: error))")
                return
            }
            #expect(message.localizedCaseInsensitiveContains("no"))
            #expect(standIn.pullRequests().isEmpty)
        }
    }

    @Test(arguments: GitHostingStandIn.API.allCases)
    func aRefusedMergeIsNotMergeable(_ api: GitHostingStandIn.API) async throws {
        try await GitHostingStandIn.with { standIn in
            let number = standIn.seed(source: "promo", target: "main")
            standIn.setMergeable(number, false, blocker: api == .github ? "blocked" : nil)
            let provider = try Self.provider(standIn, api)
            let pullRequest = try await provider.pullRequest(number)
            let error = await #expect(throws: GitHostingError.self) {
                try await provider.merge(pullRequest, method: provider.kind.defaultMergeMethod)
            }
            guard case .notMergeable(_, 405, _)? = error else {
                Issue.record("expected not mergeable, got \(String(describing: error))")
                return
            }
            #expect(standIn.pullRequests().first?.state == .open)
        }
    }
}
