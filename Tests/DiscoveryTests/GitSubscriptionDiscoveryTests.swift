import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Discovery

/// A repository on the test server whose history a test writes with the git CLI in a work
/// clone, then pushes (branches, tags, forced updates, deletions).
struct RemoteHistory {
    let server: GitServer
    let name: String
    let url: String
    let work: String

    init(_ server: GitServer, _ name: String) throws {
        self.server = server
        self.name = name
        url = try server.makeRepository(name)
        work = server.cacheFolder("work-\(name)")
        try GitCLI.run(["clone", "-q", server.repositoryPath(name), work], in: server.repositories)
        try git("symbolic-ref", "HEAD", "refs/heads/main")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: work)
    }

    /// Commits `files` (nil contents delete) on the current branch; returns the commit id.
    @discardableResult
    func commit(_ message: String, _ files: [String: String?]) throws -> String {
        for (path, contents) in files {
            let url = URL(fileURLWithPath: work).appendingPathComponent(path)
            if let contents {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    /// A commit written as a raw object on the current branch, so its author, committer and
    /// their dates (`seconds` at `offset`, such as `-0200`) are exactly these.
    @discardableResult
    func rawCommit(_ message: String, author: String, committer: String? = nil, at seconds: Int64,
                   offset: String = "+0000", files: [String: String] = [:]) throws -> String {
        for (path, contents) in files {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: work).appendingPathComponent(path))
        }
        try git("add", "-A")
        let tree = try git("write-tree")
        var object = "tree \(tree)\n"
        if let parent = try? git("rev-parse", "-q", "--verify", "HEAD") { object += "parent \(parent)\n" }
        object += "author \(author) \(seconds) \(offset)\ncommitter \(committer ?? author) \(seconds) \(offset)\n\n\(message)\n"
        let file = work + "/.git/raw-commit"
        try Data(object.utf8).write(to: URL(fileURLWithPath: file))
        let id = try git("hash-object", "-t", "commit", "-w", file)
        try git("update-ref", "HEAD", id)
        return id
    }

    /// An annotated tag on `commit` whose tagger date is `seconds` (the CLI would use the clock).
    func annotatedTag(_ tag: String, on commit: String, at seconds: Int64, message: String = "release",
                      tagger: String = "T <t@example.com>", offset: String = "+0000") throws {
        let object = "object \(commit)\ntype commit\ntag \(tag)\ntagger \(tagger) \(seconds) \(offset)\n\n\(message)\n"
        let file = work + "/.git/tag-\(tag)"
        try Data(object.utf8).write(to: URL(fileURLWithPath: file))
        let id = try git("hash-object", "-t", "tag", "-w", file)
        try git("update-ref", "refs/tags/" + tag, id)
    }

    func push() throws {
        try git("push", "-q", "--force", "--all", "origin")
        try git("push", "-q", "--force", "--tags", "origin")
    }
}

private func discoverer(_ server: GitServer, credentials: GitCredentials? = nil, cache: String? = nil) -> GitSubscriptionDiscoverer {
    let credentials = credentials ?? server.credentials
    return GitSubscriptionDiscoverer(fetches: GitDiscoveryFetches(
        cache: GitCache(root: cache ?? server.cacheFolder("discovery")), credentials: { _ in credentials }))
}

private func discover(_ server: GitServer, _ subscription: GitSubscription) async throws -> [DiscoveredCommit] {
    try await discoverer(server).discover(subscription).commits ?? []
}

/// Git discovery against a real smart-HTTP server with basic auth (scripts/services.sh).
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitSubscriptionDiscoveryTests {
    @Test func newestFromBranchWalksTheFirstParentHistoryOfTheBranch() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "app")
        let first = try history.commit("first", ["a.txt": "1"])
        let second = try history.commit("second\n\nwith a body", ["a.txt": "2"])
        try history.git("checkout", "-q", "-b", "feature")
        let side = try history.commit("side work", ["b.txt": "side"])
        try history.git("checkout", "-q", "main")
        try history.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
        let merge = try history.git("rev-parse", "HEAD")
        try history.git("checkout", "-q", "-b", "release")
        let release = try history.commit("release fix", ["a.txt": "3"])
        try history.push()

        let main = try await discover(server, GitSubscription(repoURL: history.url))
        #expect(main.map(\.id) == [merge, second, first], "first parents only: \(side) is left out")
        #expect(main.map(\.subject) == ["merge feature", "second", "first"])
        #expect(main.allSatisfy { $0.branch == nil && $0.tag == nil })
        #expect(main.first?.author == "t <t@example.com>")
        #expect(main.first?.committer == "t <t@example.com>")
        #expect(main.first?.creatorDate != nil)

        let onRelease = try await discoverer(server).discover(
            GitSubscription(repoURL: history.url, branch: "release", discoveryLimit: 2))
        #expect(onRelease.commits?.map(\.id) == [release, merge])
        #expect(onRelease.commits?.allSatisfy { $0.branch == "release" } == true)
        #expect(onRelease.observedRefs?.branchHead == release)
        #expect(onRelease.repoURL == history.url)
    }

    @Test func semVerPicksVersionsSatisfyingTheConstraintStrictOrNot() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "semver")
        var ids: [String: String] = [:]
        for tag in ["v1.0.0", "v1.1.0", "v2.0.0", "v1.2", "v1.3.0-rc.1", "not-a-version"] {
            ids[tag] = try history.commit("for \(tag)", ["version": tag])
            try history.git("tag", tag)
        }
        try history.push()

        let strict = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer, semverConstraint: "^1.0.0"))
        #expect(strict.map(\.tag) == ["v1.1.0", "v1.0.0"])
        #expect(strict.map(\.id) == [ids["v1.1.0"], ids["v1.0.0"]])
        #expect(strict.first?.subject == "for v1.1.0")
        #expect(strict.allSatisfy { $0.branch == nil })

        let loose = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer, strictSemvers: false, semverConstraint: "^1.0.0"))
        #expect(loose.map(\.tag) == ["v1.2", "v1.1.0", "v1.0.0"])

        let all = try await discover(server, GitSubscription(repoURL: history.url, commitSelectionStrategy: .semVer))
        #expect(all.map(\.tag) == ["v2.0.0", "v1.3.0-rc.1", "v1.1.0", "v1.0.0"])

        let error = await #expect(throws: DiscoveryError.self) {
            try await discover(server, GitSubscription(repoURL: history.url, commitSelectionStrategy: .semVer,
                                                       semverConstraint: ">= banana"))
        }
        guard case .invalidSubscription(let why)? = error?.reason else {
            Issue.record("expected invalidSubscription, got \(String(describing: error))")
            return
        }
        #expect(why.contains("semverConstraint"))
        #expect(error?.description.contains(history.url) == true)
    }

    @Test func lexicalAndTagRegexes() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "lexical")
        for tag in ["nightly-20260101", "nightly-20260103", "nightly-20260102", "release-1", "nightly-broken"] {
            try history.commit(tag, ["stamp": tag])
            try history.git("tag", tag)
        }
        try history.push()

        let all = try await discover(server, GitSubscription(repoURL: history.url, commitSelectionStrategy: .lexical))
        #expect(all.map(\.tag) == ["release-1", "nightly-broken", "nightly-20260103", "nightly-20260102", "nightly-20260101"])

        let nightly = try await discoverer(server).discover(GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .lexical,
            allowTagsRegexes: ["^nightly-\\d{8}$"], ignoreTagsRegexes: ["0103$"]))
        #expect(nightly.commits?.map(\.tag) == ["nightly-20260102", "nightly-20260101"])
        #expect(nightly.observedRefs?.tags?.map(\.name) == ["nightly-20260101", "nightly-20260102"])
    }

    @Test func newestTagUsesTheCreatorDateAndSeesTagsOffEveryBranch() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "newest")
        let base = try history.commit("base", ["a": "1"])
        try history.annotatedTag("old", on: base, at: 1_700_000_000)
        try history.git("checkout", "-q", "-b", "hotfix")
        let hotfix = try history.commit("hotfix", ["a": "2"])
        try history.annotatedTag("newest", on: hotfix, at: 1_800_000_000, message: "the hotfix\n\ndetails")
        try history.git("checkout", "-q", "main")
        try history.annotatedTag("middle", on: base, at: 1_750_000_000)
        try history.push()
        // The hotfix branch goes away; its tag stays, on a commit no branch reaches.
        try history.git("push", "-q", "origin", "--delete", "hotfix")

        let commits = try await discover(server, GitSubscription(repoURL: history.url, commitSelectionStrategy: .newestTag))
        #expect(commits.map(\.tag) == ["newest", "middle", "old"])
        #expect(commits.map(\.id) == [hotfix, base, base])
        #expect(commits.first?.creatorDate == Timestamp(secondsSinceEpoch: 1_800_000_000))
        #expect(commits.first?.subject == "hotfix", "the commit's subject, not the tag message's")
    }

    @Test func movedAndDeletedTagsAreSeenOnTheNextRun() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "moving")
        let one = try history.commit("one", ["a": "1"])
        try history.git("tag", "v1.0.0")
        try history.git("tag", "v1.1.0")
        try history.push()
        let cache = server.cacheFolder("shared-cache")
        let subscription = GitSubscription(repoURL: history.url, commitSelectionStrategy: .semVer)
        let before = try await discoverer(server, cache: cache).discover(subscription).commits ?? []
        #expect(before.map(\.tag) == ["v1.1.0", "v1.0.0"])
        #expect(before.map(\.id) == [one, one])

        let two = try history.commit("two", ["a": "2"])
        try history.git("tag", "-f", "v1.0.0")
        try history.push()
        try history.git("push", "-q", "origin", ":refs/tags/v1.1.0")

        let after = try await discoverer(server, cache: cache).discover(subscription).commits ?? []
        #expect(after.map(\.tag) == ["v1.0.0"])
        #expect(after.map(\.id) == [two])
    }

    @Test func pathFiltersWithGlobAndRegexForBranchesAndTags() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "monorepo")
        let guestbook = try history.commit("guestbook", ["apps/guestbook/values.yaml": "1"])
        try history.git("tag", "v1.0.0")
        let docs = try history.commit("docs only", ["docs/readme.md": "x"])
        try history.git("tag", "v1.1.0")
        let mixed = try history.commit("docs and chart", ["docs/readme.md": "y", "charts/web/Chart.yaml": "1"])
        try history.git("tag", "v1.2.0")
        let readme = try history.commit("guestbook readme", ["apps/guestbook/README.md": "hi"])
        try history.git("tag", "v1.3.0")
        let removal = try history.commit("remove values", ["apps/guestbook/values.yaml": nil])
        try history.push()

        let excludeDocs = try await discover(server, GitSubscription(repoURL: history.url, excludePaths: ["docs"]))
        #expect(excludeDocs.map(\.id) == [removal, readme, mixed, guestbook], "a docs-only commit does not count")

        let yaml = try await discover(server, GitSubscription(
            repoURL: history.url, includePaths: ["glob:apps/**/*.yaml", "regex:^charts/"]))
        #expect(yaml.map(\.id) == [removal, mixed, guestbook], "a deletion is a change too")

        let appsButNotReadmes = try await discover(server, GitSubscription(
            repoURL: history.url, includePaths: ["apps/guestbook"], excludePaths: ["glob:**/README.md"], discoveryLimit: 2))
        #expect(appsButNotReadmes.map(\.id) == [removal, guestbook])

        let tags = try await discover(server, GitSubscription(
            repoURL: history.url, commitSelectionStrategy: .semVer, excludePaths: ["regex:^docs/"]))
        #expect(tags.map(\.tag) == ["v1.3.0", "v1.2.0", "v1.0.0"])
        _ = docs
    }

    @Test func discoveryLimitCapsTheResult() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "long")
        var ids: [String] = []
        for index in 0..<25 { ids.append(try history.commit("c\(index)", ["n": "\(index)"])) }
        try history.push()
        let defaulted = try await discover(server, GitSubscription(repoURL: history.url))
        #expect(defaulted.count == 20)
        #expect(defaulted.first?.id == ids.last)
        let three = try await discover(server, GitSubscription(repoURL: history.url, discoveryLimit: 3))
        #expect(three.map(\.id) == Array(ids.reversed().prefix(3)))
    }

    @Test func oneFetchPerRepositoryPerRun() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "shared")
        try history.commit("one", ["a": "1"])
        try history.git("tag", "v1.0.0")
        try history.push()
        let fetches = GitDiscoveryFetches(cache: GitCache(root: server.cacheFolder("run")), credentials: { _ in server.credentials })
        let discoverer = GitSubscriptionDiscoverer(fetches: fetches)
        async let branch = discoverer.discover(GitSubscription(repoURL: history.url))
        async let tags = discoverer.discover(GitSubscription(repoURL: history.url, commitSelectionStrategy: .semVer))
        // The same repository spelled without `.git`: Kargo's normalized URL is the same.
        async let other = discoverer.discover(GitSubscription(
            repoURL: String(history.url.dropLast(4)), commitSelectionStrategy: .newestTag))
        let results = try await [branch, tags, other]
        #expect(results.map { $0.commits?.count ?? 0 } == [1, 1, 1])
        #expect(await fetches.fetchCount == 1)
    }

    @Test func wrongPasswordIsAClearErrorWithoutThePassword() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "private")
        try history.commit("one", ["a": "1"])
        try history.push()
        let wrongPassword = "wrong-\(UUID().uuidString)"
        let wrong = GitCredentials(username: server.credentials.username, password: wrongPassword)
        let error = await #expect(throws: DiscoveryError.self) {
            try await discoverer(server, credentials: wrong).discover(GitSubscription(repoURL: history.url))
        }
        #expect(error?.reason == .authenticationFailed)
        #expect(error?.isRetryable == false)
        let message = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(message.contains(history.url))
        #expect(message.contains("authentication failed"))
        #expect(!message.contains(wrongPassword))
        #expect(!message.contains(server.password))
    }

    @Test func unknownBranchIsAClearError() async throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "branches")
        try history.commit("one", ["a": "1"])
        try history.push()
        let error = await #expect(throws: DiscoveryError.self) {
            try await discover(server, GitSubscription(repoURL: history.url, branch: "does-not-exist"))
        }
        #expect(error?.reason == .noSuchBranch("does-not-exist"))
        #expect(error?.description.contains("does-not-exist") == true)
        #expect(error?.description.contains(history.url) == true)
    }

    @Test func listsRemoteReferencesWithoutACloneAndPeelsAnnotatedTags() throws {
        let server = try GitServer()
        let history = try RemoteHistory(server, "listing")
        let one = try history.commit("one", ["a": "1"])
        try history.annotatedTag("v1.0.0", on: one, at: 1_700_000_000)
        try history.push()
        let listing = try GitRepository.listRemoteReferences(url: history.url, credentials: server.credentials)
        #expect(listing.defaultBranch == "main")
        #expect(listing.reference(named: "refs/heads/main")?.id.hex == one)
        let tag = try #require(listing.reference(named: "refs/tags/v1.0.0"))
        #expect(tag.id.hex == (try history.git("rev-parse", "v1.0.0")))
        #expect(tag.peeled?.hex == one)
        #expect(!listing.references.contains { $0.name.hasSuffix("^{}") })
    }
}
