import Foundation
import GitHosting
import Pipeline
import Testing
import TestSupport
@testable import Steps

/// `git-open-pr`, `git-wait-for-pr` and `git-merge-pr` end to end against the stand-in that
/// speaks GitHub's, GitLab's and Gitea's APIs, with merges that really move a branch in a bare
/// repository on disk.
@Suite struct PullRequestStepTests {
    typealias API = GitHostingStandIn.API

    /// The step context: a work folder and the stand-in's token for its repository URL, with
    /// the provider named by the credential (the stand-in's host gives nothing away).
    static func context(_ standIn: GitHostingStandIn, _ api: API, folder: WorkFolder, token: String? = nil,
                        freight: [Freight] = []) -> StepContext {
        var context = folder.context
        let url = standIn.repoURL()
        let access = GitHostingAccess(token: token ?? standIn.token, provider: api.rawValue)
        context.gitHosting = { $0 == url ? access : nil }
        context.targetFreight = freight
        return context
    }

    static func openConfig(_ standIn: GitHostingStandIn, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        .object(extra.merging(["repoURL": .string(standIn.repoURL()), "sourceBranch": "promo", "targetBranch": "main"]) { $1 })
    }

    static func numberConfig(_ standIn: GitHostingStandIn, _ number: Int, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        .object(extra.merging(["repoURL": .string(standIn.repoURL()), "prNumber": .int(Int64(number))]) { $1 })
    }

    /// The API's own requests that create a pull request.
    static func creations(_ standIn: GitHostingStandIn) -> [GitHostingStandIn.RecordedRequest] {
        standIn.requests.filter { $0.method == "POST" && ($0.path.hasSuffix("/pulls") || $0.path.hasSuffix("/merge_requests")) }
    }

    static func merges(_ standIn: GitHostingStandIn) -> [GitHostingStandIn.RecordedRequest] {
        standIn.requests.filter { $0.method != "GET" && $0.path.hasSuffix("/merge") }
    }

    // MARK: git-open-pr

    @Test(arguments: API.allCases)
    func runningOpenTwiceOpensOnePullRequest(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder)
            let first = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let second = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            #expect(first.status == .succeeded && second.status == .succeeded)
            #expect(first.output["pr"]?["id"] == .int(1))
            #expect(first.output["prNumber"] == .int(1))
            #expect(first.output == second.output)
            let url = try #require(first.output["pr"]?["url"]?.stringValue)
            #expect(url.hasPrefix(standIn.baseURL + "/acme/gitops/"))
            #expect(second.message?.contains("reusing") == true)
            #expect(Self.creations(standIn).count == 1)
            #expect(standIn.pullRequests().count == 1)
        }
    }

    @Test(arguments: API.allCases)
    func labelsAreSentWhereTheProviderHasThem(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let config = Self.openConfig(standIn, ["labels": ["infra", "needs-review"], "title": "Deploy to test"])
            let result = try await GitOpenPRStep().run(config: config, context: Self.context(standIn, api, folder: folder))
            #expect(result.status == .succeeded)
            let stored = try #require(standIn.pullRequests().first)
            #expect(stored.title == "Deploy to test")
            switch api {
            case .github:
                let labels = standIn.requests.first { $0.path == "/api/v3/repos/acme/gitops/issues/1/labels" }
                #expect(labels?.method == "POST")
                #expect(labels?.json?["labels"] as? [String] == ["infra", "needs-review"])
                #expect(stored.labels == ["infra", "needs-review"])
            case .gitlab:
                #expect(Self.creations(standIn).first?.json?["labels"] as? String == "infra,needs-review")
                #expect(stored.labels == ["infra", "needs-review"])
            case .gitea:
                // Gitea wants label ids; names are left off, as in Kargo.
                #expect(standIn.requests.allSatisfy { !$0.body.contains("infra") })
                #expect(stored.labels.isEmpty)
            }
        }
    }

    @Test func aReusedPullRequestGetsTheLabelsItLacks() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            standIn.seed(source: "promo", target: "main", labels: ["infra"])
            let config = Self.openConfig(standIn, ["labels": ["infra", "needs-review"]])
            let result = try await GitOpenPRStep().run(config: config, context: Self.context(standIn, .github, folder: folder))
            #expect(result.output["pr"]?["id"] == .int(1))
            #expect(Self.creations(standIn).isEmpty)
            let labels = standIn.requests.first { $0.path.hasSuffix("/issues/1/labels") }
            #expect(labels?.json?["labels"] as? [String] == ["needs-review"])
            #expect(standIn.pullRequests().first?.labels == ["infra", "needs-review"])
        }
    }

    @Test func theDefaultTitleAndDescriptionNameTheFreight() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let freight = Freight(metadata: ObjectMeta(name: "0a1b2c3d4e5f"), alias: "frozen-tauntaun",
                                  origin: FreightOrigin(kind: .warehouse, name: "apps"),
                                  images: [Image(repoURL: "ghcr.io/acme/api", tag: "1.4.0")])
            let context = Self.context(standIn, .gitlab, folder: folder, freight: [freight])
            _ = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let body = try #require(Self.creations(standIn).first?.json)
            #expect(body["title"] as? String == "Promote frozen-tauntaun to test")
            let description = try #require(body["description"] as? String)
            #expect(description.contains("frozen-tauntaun (`0a1b2c3d4e5f`)"))
            #expect(description.contains("ghcr.io/acme/api:1.4.0"))
            #expect(description.contains("Stage `test`"))
        }
    }

    @Test(arguments: [API.github, .gitea])
    func noChangesBetweenTheBranchesSkips(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let branches = try PromotionBranches(standIn, sourceAhead: false)
            let folder = try WorkFolder()
            let result = try await GitOpenPRStep().run(config: Self.openConfig(standIn),
                                                      context: Self.context(standIn, api, folder: folder))
            #expect(result.status == .skipped)
            #expect(result.message?.contains("no changes between promo and main") == true)
            #expect(result.output.isEmpty)
            #expect(standIn.pullRequests().isEmpty)
            _ = branches
        }
    }

    @Test func theStepsConfigProviderWinsOverTheCredential() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            // The credential says gitea; the step says gitlab.
            let config = Self.openConfig(standIn, ["provider": "gitlab"])
            _ = try await GitOpenPRStep().run(config: config, context: Self.context(standIn, .gitea, folder: folder))
            #expect(standIn.requests.allSatisfy { $0.api == .gitlab })
        }
    }

    @Test func noCredentialIsATerminalErrorSayingWhatToAdd() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let error = await #expect(throws: StepError.self) {
                try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: folder.context)
            }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("add one for this repoURL") == true)
            #expect(error?.description.contains("`password` is an API token") == true)
            #expect(standIn.requests.isEmpty)
        }
    }

    @Test func anUnsupportedProviderIsRefusedByName() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let error = await #expect(throws: StepError.self) {
                try await GitOpenPRStep().run(config: Self.openConfig(standIn, ["provider": "bitbucket"]),
                                              context: Self.context(standIn, .github, folder: folder))
            }
            #expect(error == .terminal("git-open-pr: provider `bitbucket` is not supported by Freightline; supported: github, gitlab, gitea"))
        }
    }

    // MARK: git-wait-for-pr

    @Test(arguments: API.allCases)
    func waitIsRunningUntilMergedThenOutputsTheMergeCommit(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let branches = try PromotionBranches(standIn)
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder)
            let opened = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let url = try #require(opened.output["pr"]?["url"]?.stringValue)
            let config = Self.numberConfig(standIn, 1, ["pollInterval": "30s"])

            let waiting = try await GitWaitForPRStep().run(config: config, context: context)
            #expect(waiting.status == .running)
            let noun = api == .gitlab ? "merge request" : "pull request"
            #expect(waiting.message == "waiting for \(noun) #1 (\(url)) to be merged")

            let before = try branches.head("main")
            let mergeCommit = try standIn.merge(1)
            let after = try branches.head("main")
            #expect(after == mergeCommit && after != before)
            #expect(try branches.file("app/values.yaml", on: "main") == "image: nginx:1.1\n")

            let done = try await GitWaitForPRStep().run(config: config, context: context)
            #expect(done.status == .succeeded)
            #expect(done.output["commit"] == .string(after))
            #expect(done.output["pr"] == .object(["id": .int(1), "url": .string(url), "open": false, "merged": true]))
        }
    }

    @Test(arguments: API.allCases)
    func aPullRequestClosedUnmergedFailsTheWaitWithItsLink(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder)
            let opened = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let url = try #require(opened.output["pr"]?["url"]?.stringValue)
            standIn.close(1)
            let error = await #expect(throws: StepError.self) {
                try await GitWaitForPRStep().run(config: Self.numberConfig(standIn, 1), context: context)
            }
            let noun = api == .gitlab ? "merge request" : "pull request"
            #expect(error == .terminal("git-wait-for-pr: \(noun) #1 was closed without being merged: \(url)"))
        }
    }

    // MARK: git-merge-pr

    @Test(arguments: API.allCases)
    func mergeMovesTheTargetBranchAndIsSafeToRepeat(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let branches = try PromotionBranches(standIn)
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder)
            _ = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let first = try await GitMergePRStep().run(config: Self.numberConfig(standIn, 1), context: context)
            #expect(first.status == .succeeded)
            let head = try branches.head("main")
            #expect(first.output == ["commit": .string(head)])
            #expect(try branches.file("app/values.yaml", on: "main") == "image: nginx:1.1\n")
            // A merge commit: two parents, the old main and promo.
            #expect(try branches.parents(head) == [branches.initialMain, branches.head("promo")])

            let again = try await GitMergePRStep().run(config: Self.numberConfig(standIn, 1), context: context)
            #expect(again.status == .succeeded)
            #expect(again.output == first.output)
            #expect(again.message?.contains("already merged") == true)
            #expect(Self.merges(standIn).count == 1)
        }
    }

    struct MethodCase: Sendable, CustomTestStringConvertible {
        var api: API
        var method: String
        var testDescription: String { "\(api) \(method)" }
    }

    @Test(arguments: [MethodCase(api: .github, method: "squash"), MethodCase(api: .gitlab, method: "squash"),
                      MethodCase(api: .gitea, method: "rebase-merge"), MethodCase(api: .gitea, method: "fast-forward-only")])
    func theMergeMethodIsSentInTheProvidersTerms(_ row: MethodCase) async throws {
        try await GitHostingStandIn.with { standIn in
            let branches = try PromotionBranches(standIn)
            let folder = try WorkFolder()
            let context = Self.context(standIn, row.api, folder: folder)
            _ = try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            let result = try await GitMergePRStep().run(config: Self.numberConfig(standIn, 1, ["mergeMethod": .string(row.method)]),
                                                       context: context)
            let head = try branches.head("main")
            #expect(result.output["commit"] == .string(head))
            let sent = try #require(Self.merges(standIn).first?.json)
            switch row.api {
            case .github: #expect(sent["merge_method"] as? String == row.method)
            case .gitlab: #expect(sent["squash"] as? Bool == true)
            case .gitea: #expect(sent["Do"] as? String == row.method)
            }
            switch row.method {
            case "squash": #expect(try branches.parents(head) == [branches.initialMain])
            case "fast-forward-only": #expect(try head == branches.head("promo"))
            default: #expect(try branches.parents(head).count == 2)
            }
        }
    }

    @Test(arguments: API.allCases)
    func anUnknownMergeMethodFailsBeforeAnyRequest(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let error = await #expect(throws: StepError.self) {
                try await GitMergePRStep().run(config: Self.numberConfig(standIn, 1, ["mergeMethod": "octopus"]),
                                               context: Self.context(standIn, api, folder: folder))
            }
            let kind = try #require(GitHostingProviderKind(rawValue: api.rawValue))
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("valid: " + kind.mergeMethods.joined(separator: ", ")) == true)
            #expect(standIn.requests.isEmpty)
        }
    }

    @Test(arguments: API.allCases)
    func notMergeableWaitsOrFails(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder)
            let number = standIn.seed(source: "promo", target: "main")
            // GitHub reports a protection as `blocked` with `mergeable: true`: the merge call refuses.
            standIn.setMergeable(number, false, blocker: api == .github ? "blocked" : nil)

            let error = await #expect(throws: StepError.self) {
                try await GitMergePRStep().run(config: Self.numberConfig(standIn, number), context: context)
            }
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("cannot be merged now") == true)
            #expect(error?.description.contains("set `wait: true`") == true)

            let waiting = try await GitMergePRStep().run(config: Self.numberConfig(standIn, number, ["wait": true]),
                                                        context: context)
            #expect(waiting.status == .running)
            #expect(waiting.message?.contains("to become mergeable") == true)
            #expect(standIn.pullRequests().first?.state == .open)

            standIn.setMergeable(number, true)
            let merged = try await GitMergePRStep().run(config: Self.numberConfig(standIn, number, ["wait": true]),
                                                       context: context)
            #expect(merged.status == .succeeded)
            #expect(merged.output["commit"] == .string(try #require(standIn.pullRequests().first?.mergeCommitSHA)))
        }
    }

    @Test(arguments: API.allCases)
    func mergingAClosedPullRequestFails(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let number = standIn.seed(source: "promo", target: "main")
            standIn.close(number)
            let error = await #expect(throws: StepError.self) {
                try await GitMergePRStep().run(config: Self.numberConfig(standIn, number),
                                               context: Self.context(standIn, api, folder: folder))
            }
            #expect(error?.description.contains("closed without being merged") == true)
            #expect(Self.merges(standIn).isEmpty)
        }
    }

    // MARK: what failures mean

    @Test(arguments: API.allCases)
    func aWrongTokenIsTerminalAndNeverShown(_ api: API) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            let context = Self.context(standIn, api, folder: folder, token: "wrong-token-0123456789")
            let error = await #expect(throws: StepError.self) {
                try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: context)
            }
            #expect(error?.isRetryable == false)
            let text = error?.description ?? ""
            #expect(text.contains("401"))
            #expect(text.contains("acme/gitops"))
            #expect(text.contains("check the token in the Git credential Secret"))
            #expect(!text.contains("wrong-token-0123456789"))
            #expect(!text.contains(standIn.token))
        }
    }

    struct Fault: Sendable, CustomTestStringConvertible {
        var api: API
        var status: Int
        var headers: [String: String] = [:]
        var message: String?
        var retryable: Bool
        var mentions: [String]
        var testDescription: String { "\(api) \(status)" }
    }

    static let faults: [Fault] = API.allCases.flatMap { api in
        [
            Fault(api: api, status: 404, retryable: false, mentions: ["404", "was not found, or the token cannot see it"]),
            Fault(api: api, status: 422, message: "base branch is protected from pull requests", retryable: false,
                  mentions: ["refused", "base branch is protected from pull requests"]),
            Fault(api: api, status: 429, headers: ["Retry-After": "17"], retryable: true, mentions: ["rate limited", "retry after 17s"]),
            Fault(api: api, status: 403, headers: ["X-RateLimit-Remaining": "0", "Retry-After": "60"], retryable: true,
                  mentions: ["retry after 60s"]),
            Fault(api: api, status: 500, retryable: true, mentions: ["500", "next run tries again"]),
        ]
    }

    @Test(arguments: faults)
    func providerFailuresSayWhetherToRetry(_ fault: Fault) async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            standIn.failNext(fault.status, message: fault.message, headers: fault.headers)
            let error = await #expect(throws: StepError.self) {
                try await GitWaitForPRStep().run(config: Self.numberConfig(standIn, 1),
                                                 context: Self.context(standIn, fault.api, folder: folder))
            }
            #expect(error?.isRetryable == fault.retryable)
            let text = error?.description ?? ""
            #expect(text.hasPrefix("git-wait-for-pr: "))
            for mention in fault.mentions { #expect(text.contains(mention), "\(text)") }
            #expect(!text.contains(standIn.token))
        }
    }

    @Test func aValidationFailureWhileOpeningIsTerminalWithTheProvidersMessage() async throws {
        try await GitHostingStandIn.with { standIn in
            let folder = try WorkFolder()
            standIn.failNext(422, message: "title is too long (maximum is 256 characters)", method: "POST")
            let error = await #expect(throws: StepError.self) {
                try await GitOpenPRStep().run(config: Self.openConfig(standIn), context: Self.context(standIn, .github, folder: folder))
            }
            #expect(error == .terminal("git-open-pr: GitHub refused POST \(standIn.apiURL(.github))/repos/acme/gitops/pulls "
                                       + "for acme/gitops: Validation Failed; title is too long (maximum is 256 characters)"))
        }
    }
}

/// A bare repository with `main` and `promo` (one commit ahead, or level with `main`),
/// attached to the stand-in as `acme/gitops` so merges move its branches.
final class PromotionBranches {
    let root: String
    let bare: String
    let initialMain: String

    init(_ standIn: GitHostingStandIn, sourceAhead: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-pr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        bare = root + "/gitops.git"
        try GitCLI.makeBareRepository(bare, seed: ["app/values.yaml": "image: nginx:1.0\n"], work: root + "/seed")
        let work = root + "/work"
        try GitCLI.run(["clone", "-q", bare, work], in: root)
        try GitCLI.run(["checkout", "-q", "-b", "promo"], in: work)
        if sourceAhead {
            try "image: nginx:1.1\n".write(toFile: work + "/app/values.yaml", atomically: true, encoding: .utf8)
            try GitCLI.run(["commit", "-q", "-am", "promote nginx 1.1"], in: work)
        }
        try GitCLI.run(["push", "-q", "origin", "promo"], in: work)
        initialMain = try GitCLI.run(["rev-parse", "refs/heads/main"], in: bare)
        standIn.attach(repository: "acme/gitops", bare: bare)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func head(_ branch: String) throws -> String {
        try GitCLI.run(["rev-parse", "refs/heads/\(branch)"], in: bare)
    }

    func file(_ path: String, on branch: String) throws -> String {
        try GitCLI.run(["show", "\(branch):\(path)"], in: bare, trimming: false)
    }

    func parents(_ commit: String) throws -> [String] {
        try GitCLI.run(["rev-list", "--parents", "-n", "1", commit], in: bare).split(separator: " ").dropFirst().map(String.init)
    }
}
