import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Discovery

/// `expressionFilter` and the deprecated `allowTags` / `ignoreTags` against a real smart-HTTP
/// Git server: commits and tags are written as raw objects so authors, taggers and dates
/// (with their offsets) are exactly what the filters test.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitExpressionFilterDiscoveryTests {
    private static let ada = "Ada <ada@example.com>"
    private static let bot = "Bot <bot@example.com>"

    private func fetches(_ server: GitServer, _ name: String) -> GitDiscoveryFetches {
        GitDiscoveryFetches(cache: GitCache(root: server.cacheFolder(name)), credentials: { _ in server.credentials })
    }

    private func discover(_ server: GitServer, _ subscription: GitSubscription) async throws -> GitDiscoveryResult {
        // The run's time: 2025-01-31T00:00:00Z.
        try await GitSubscriptionDiscoverer(fetches: fetches(server, "discovery"),
                                            clock: { Timestamp(secondsSinceEpoch: 1_738_281_600) })
            .discover(subscription)
    }

    /// A failure from discovery, which must be an `.invalidSubscription`; its message.
    private func invalidSubscription(_ server: GitServer, _ subscription: GitSubscription,
                                     sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let error = await #expect(throws: DiscoveryError.self, sourceLocation: sourceLocation) {
            try await discover(server, subscription)
        }
        guard case .invalidSubscription(let why)? = error?.reason else {
            Issue.record("expected invalidSubscription, got \(String(describing: error))", sourceLocation: sourceLocation)
            return ""
        }
        #expect(error?.isRetryable == false, sourceLocation: sourceLocation)
        return why
    }

    @Test func branchCommitsByBotsAreLeftOut() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "bots")
        let first = try history.rawCommit("feat: one", author: Self.ada, at: 1_735_000_000, files: ["a": "1"])
        try history.rawCommit("chore: bump", author: Self.bot, at: 1_735_300_000, files: ["a": "2"])
        let fix = try history.rawCommit("fix: two", author: Self.ada, committer: Self.bot, at: 1_735_600_000, files: ["a": "3"])
        // 2025-01-01T01:30:00Z, committed at -02:00: New Year's Eve where it was made.
        let eve = try history.rawCommit("late on new year's eve", author: "Eve <eve@example.com>", at: 1_735_695_000,
                                        offset: "-0200", files: ["a": "4"])
        let last = try history.rawCommit("chore: bump again", author: Self.bot, at: 1_738_000_000, files: ["a": "5"])
        try history.push()

        let humans = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "!(author contains '<bot@example.com>')"))
        #expect(humans.commits?.map(\.id) == [eve, fix, first])
        #expect(humans.commits?.first?.creatorDate == Timestamp(secondsSinceEpoch: 1_735_695_000))
        #expect(humans.commits?.first?.author == "Eve <eve@example.com>")
        #expect(humans.observedRefs?.branchHead == last, "the observed head is the unfiltered tip")

        let newestHuman = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "!(author contains '<bot@example.com>')", discoveryLimit: 1))
        #expect(newestHuman.commits?.map(\.id) == [eve])

        let thisYear = try await discover(server, GitSubscription(
            repoURL: history.url,
            expressionFilter: "!(author == 'Bot <bot@example.com>') && commitDate.After(date('2025-01-01'))"))
        #expect(thisYear.commits?.map(\.id) == [eve])

        let localYear = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "commitDate.Year() == 2024 && !(committer contains 'bot@')"))
        #expect(localYear.commits?.map(\.id) == [eve, first], "the year where the commit was made")

        let conventional = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "subject contains 'feat:' || subject contains 'fix:'"))
        #expect(conventional.commits?.map(\.id) == [fix, first])

        let recent = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "!(author contains 'bot')",
            since: Timestamp(secondsSinceEpoch: 1_735_500_000)))
        #expect(recent.commits?.map(\.id) == [eve, fix], "since still stops the walk")

        let lastWeek = try await discover(server, GitSubscription(
            repoURL: history.url, expressionFilter: "now() - commitDate < duration('168h')"))
        #expect(lastWeek.commits?.map(\.id) == [last], "now() is the run's time")
    }

    @Test func tagsFilteredByCreatorDateTagNameTaggerAndAnnotation() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "tagged")
        var ids: [String: String] = [:]
        ids["v1.0.0"] = try history.rawCommit("first", author: Self.ada, at: 1_685_000_000, files: ["v": "1"])
        try history.annotatedTag("v1.0.0", on: ids["v1.0.0"]!, at: 1_685_577_600)
        ids["v1.1.0"] = try history.rawCommit("second", author: Self.ada, at: 1_709_000_000, files: ["v": "2"])
        try history.annotatedTag("v1.1.0", on: ids["v1.1.0"]!, at: 1_709_251_200)
        ids["v1.2.0-alpha.1"] = try history.rawCommit("third", author: Self.ada, at: 1_714_000_000, files: ["v": "3"])
        try history.annotatedTag("v1.2.0-alpha.1", on: ids["v1.2.0-alpha.1"]!, at: 1_714_521_600)
        // A lightweight tag: its creator date is the commit's.
        ids["v1.2.0"] = try history.rawCommit("fourth", author: Self.bot, at: 1_717_200_000, files: ["v": "4"])
        try history.git("tag", "v1.2.0")
        ids["v2.0.0"] = try history.rawCommit("fifth", author: Self.ada, at: 1_719_000_000, files: ["v": "5"])
        // 2024-07-01T00:00:00Z, tagged at +02:00.
        try history.annotatedTag("v2.0.0", on: ids["v2.0.0"]!, at: 1_719_792_000, message: "Major release\n\nLots of changes",
                                 tagger: "Release Bot <bot@example.com>", offset: "+0200")
        try history.push()

        func tags(_ strategy: CommitSelectionStrategy, _ filter: String) async throws -> [String?] {
            try await discover(server, GitSubscription(repoURL: history.url, commitSelectionStrategy: strategy,
                                                       expressionFilter: filter)).commits?.map(\.tag) ?? []
        }

        let documented = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer,
            expressionFilter: "creatorDate.After(date('2024-01-01')) && !(tag contains 'alpha')"))
        #expect(documented.commits?.map(\.tag) == ["v2.0.0", "v1.2.0", "v1.1.0"])
        #expect(documented.commits?.map(\.id) == [ids["v2.0.0"], ids["v1.2.0"], ids["v1.1.0"]])
        #expect(documented.commits?.map(\.creatorDate?.secondsSinceEpoch) == [1_719_792_000, 1_717_200_000, 1_709_251_200])
        #expect(documented.observedRefs?.tags?.map(\.name) == ["v1.0.0", "v1.1.0", "v1.2.0", "v1.2.0-alpha.1", "v2.0.0"],
                "the observed tags are not filtered by the expression, as in Kargo's ListRefs")

        #expect(try await tags(.newestTag, "creatorDate.Year() >= 2024") == ["v2.0.0", "v1.2.0", "v1.2.0-alpha.1", "v1.1.0"])
        #expect(try await tags(.newestTag, "creatorDate.Hour() == 2") == ["v2.0.0"], "read at the tagger's offset")
        #expect(try await tags(.lexical, "tagger == 'Release Bot <bot@example.com>' && annotation == 'Major release'")
            == ["v2.0.0"])
        #expect(try await tags(.lexical, "tagger == '' && annotation == ''") == ["v1.2.0"], "only the lightweight tag")
        #expect(try await tags(.semVer, "author == 'Ada <ada@example.com>' && subject == 'third'") == ["v1.2.0-alpha.1"])
        #expect(try await tags(.semVer, "id == '\(ids["v1.0.0"]!)'") == ["v1.0.0"])
    }

    @Test func aSyntaxErrorIsReportedBeforeTheRepositoryIsFetched() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "syntax")
        try history.rawCommit("one", author: Self.ada, at: 1_735_000_000, files: ["a": "1"])
        try history.push()
        let run = fetches(server, "syntax-run")
        for (strategy, filter) in [(CommitSelectionStrategy.newestFromBranch, "!(author contains 'bot'"),
                                   (.semVer, "creatorDate.Year() >= ")] {
            let error = await #expect(throws: DiscoveryError.self) {
                try await GitSubscriptionDiscoverer(fetches: run).discover(GitSubscription(
                    repoURL: history.url, commitSelectionStrategy: strategy, expressionFilter: filter))
            }
            guard case .invalidSubscription(let why)? = error?.reason else {
                Issue.record("expected invalidSubscription, got \(String(describing: error))")
                continue
            }
            #expect(why.hasPrefix("expressionFilter: "), "\(why)")
            #expect(why.contains("column"), "\(why)")
            #expect(error?.description.contains(history.url) == true)
        }
        #expect(await run.fetchCount == 0)
    }

    @Test func aResultThatIsNotABoolFailsTheSubscription() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "nonbool")
        let only = try history.rawCommit("chore: bump", author: Self.bot, at: 1_735_000_000, files: ["a": "1"])
        try history.annotatedTag("v1.0.0", on: only, at: 1_735_000_000)
        try history.push()

        let onBranch = await invalidSubscription(server, GitSubscription(repoURL: history.url, expressionFilter: "subject"))
        #expect(onBranch == "expressionFilter: the expression must give a bool (true or false), but gave "
            + "string \"chore: bump\" for commit \(only)")

        let onTags = await invalidSubscription(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer, expressionFilter: "creatorDate.Year()"))
        #expect(onTags == "expressionFilter: the expression must give a bool (true or false), but gave int for tag \"v1.0.0\"")

        let failing = await invalidSubscription(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .newestTag, expressionFilter: "creatorDate.Year() > 'x'"))
        #expect(failing.contains("expressionFilter: evaluating for tag \"v1.0.0\": invalid operation: int > string"), "\(failing)")

        // Kargo reads 1 and "true" as true (strconv.ParseBool), so these are not errors.
        let numeric = try await discover(server, GitSubscription(repoURL: history.url, expressionFilter: "1"))
        #expect(numeric.commits?.map(\.id) == [only])
    }

    @Test func deprecatedAllowTagsAndIgnoreTagsSelectTags() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "deprecated")
        var ids: [String: String] = [:]
        for (index, tag) in ["v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v2.0.0", "nightly-1"].enumerated() {
            ids[tag] = try history.rawCommit("for \(tag)", author: Self.ada, at: 1_700_000_000 + Int64(index) * 1000,
                                             files: ["tag": tag])
            try history.git("tag", tag)
        }
        try history.push()

        let versionOne = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .lexical, allowTags: "^v1\\.", ignoreTags: ["v1.1.0"]))
        #expect(versionOne.commits?.map(\.tag) == ["v1.1.0-rc.1", "v1.0.0"], "ignoreTags names exact tags")
        #expect(versionOne.commits?.map(\.id) == [ids["v1.1.0-rc.1"], ids["v1.0.0"]])
        #expect(versionOne.observedRefs?.tags?.map(\.name) == ["v1.0.0", "v1.1.0-rc.1"])

        let semver = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer, allowTags: "^v", ignoreTags: ["v2.0.0"]))
        #expect(semver.commits?.map(\.tag) == ["v1.1.0", "v1.1.0-rc.1", "v1.0.0"])

        let either = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .lexical, allowTags: "^v2", allowTagsRegexes: ["^nightly"]))
        #expect(either.commits?.map(\.tag) == ["v2.0.0", "nightly-1"], "allowTags adds to allowTagsRegexes")

        let refused = await invalidSubscription(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .lexical, allowTags: "^v(?=2)"))
        #expect(refused.hasPrefix("allowTags: "), "\(refused)")
        #expect(refused.contains("lookahead"), "\(refused)")
    }
}
