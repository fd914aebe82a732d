import GitStore
import Pipeline
import Testing
@testable import Discovery

private func commit(_ id: String, _ seconds: Int64 = 0, subject: String = "change") -> GitCommitCandidate {
    GitCommitCandidate(id: id, subject: subject, author: "A <a@example.com>", committer: "C <c@example.com>",
                       commitDate: Timestamp(secondsSinceEpoch: seconds))
}

private func tag(_ name: String, _ seconds: Int64) -> GitTagCandidate {
    GitTagCandidate(name: name, commit: commit("c-" + name, seconds), creatorDate: Timestamp(secondsSinceEpoch: seconds))
}

/// A spread of tag names: strict and loose versions, a pre-release, dated names, plain words.
private let tags = [
    tag("v1.0.0", 100), tag("v1.2.0", 300), tag("v1.10.0", 200), tag("v2.0.0-rc.1", 400), tag("1.5", 50),
    tag("v1.2", 250), tag("nightly-20260101", 500), tag("nightly-20260102", 450), tag("latest", 600),
]

/// Kargo's commit selection rules as pure tables (no repository).
struct GitCommitSelectionTests {
    struct TagCase: Sendable, CustomTestStringConvertible {
        var label: String
        var subscription: GitSubscription
        var expected: [String]
        var testDescription: String { label }
    }

    static let tagCases: [TagCase] = [
        TagCase(label: "SemVer strict: only MAJOR.MINOR.PATCH, highest first, pre-releases included without constraint",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer),
                expected: ["v2.0.0-rc.1", "v1.10.0", "v1.2.0", "v1.0.0"]),
        TagCase(label: "SemVer loose: v1.2 and 1.5 count; equal versions by text, greater first",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, strictSemvers: false),
                expected: ["v2.0.0-rc.1", "v1.10.0", "1.5", "v1.2.0", "v1.2", "v1.0.0"]),
        TagCase(label: "SemVer with a constraint leaves out pre-releases and other majors",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, semverConstraint: "^1.0.0"),
                expected: ["v1.10.0", "v1.2.0", "v1.0.0"]),
        TagCase(label: "SemVer with ignoreTagsRegexes",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, ignoreTagsRegexes: ["-rc", "^v1\\.1"]),
                expected: ["v1.2.0", "v1.0.0"]),
        TagCase(label: "Lexical: bytewise greatest name first",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical),
                expected: ["v2.0.0-rc.1", "v1.2.0", "v1.2", "v1.10.0", "v1.0.0", "nightly-20260102",
                           "nightly-20260101", "latest", "1.5"]),
        TagCase(label: "Lexical with allowTagsRegexes",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical, allowTagsRegexes: ["^nightly-\\d{8}$"]),
                expected: ["nightly-20260102", "nightly-20260101"]),
        TagCase(label: "allowTagsRegexes: any one pattern allows; ignore wins over allow",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical,
                                              allowTagsRegexes: ["^nightly", "^latest$"], ignoreTagsRegexes: ["0101"]),
                expected: ["nightly-20260102", "latest"]),
        TagCase(label: "NewestTag: newest creator date first",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag),
                expected: ["latest", "nightly-20260101", "nightly-20260102", "v2.0.0-rc.1", "v1.2.0", "v1.2",
                           "v1.10.0", "v1.0.0", "1.5"]),
        TagCase(label: "discoveryLimit caps the list",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag, discoveryLimit: 2),
                expected: ["latest", "nightly-20260101"]),
        TagCase(label: "deprecated allowTags is one more unanchored pattern",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical, allowTags: "1\\.2"),
                expected: ["v1.2.0", "v1.2"]),
        TagCase(label: "allowTags adds to allowTagsRegexes",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical, allowTags: "^latest$",
                                              allowTagsRegexes: ["0102$"]),
                expected: ["nightly-20260102", "latest"]),
        TagCase(label: "deprecated ignoreTags names exact tags, not patterns",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, strictSemvers: false,
                                              ignoreTags: ["v1.2", "v2.0.0", "1"]),
                expected: ["v2.0.0-rc.1", "v1.10.0", "1.5", "v1.2.0", "v1.0.0"]),
        TagCase(label: "ignoreTags and ignoreTagsRegexes together",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag, ignoreTags: ["latest"],
                                              ignoreTagsRegexes: ["^nightly"]),
                expected: ["v2.0.0-rc.1", "v1.2.0", "v1.2", "v1.10.0", "v1.0.0", "1.5"]),
        TagCase(label: "expressionFilter after the regexes and the constraint",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, semverConstraint: ">=1.0.0",
                                              expressionFilter: "creatorDate > date('1970-01-01T00:02:30Z')"),
                expected: ["v1.10.0", "v1.2.0"]),
        TagCase(label: "expressionFilter before discoveryLimit",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical,
                                              expressionFilter: "!(tag startsWith 'v') && len(tag) > 3", discoveryLimit: 2),
                expected: ["nightly-20260102", "nightly-20260101"]),
        TagCase(label: "expressionFilter sees the commit behind the tag",
                subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag,
                                              expressionFilter: "id == 'c-v1.2' || id endsWith '1.5'"),
                expected: ["v1.2", "1.5"]),
    ]

    @Test(arguments: tagCases)
    func tagStrategies(_ test: TagCase) throws {
        let selection = try GitCommitSelection(test.subscription)
        let selected = try selection.selectTags(tags, changedPaths: [:])
        #expect(selected.map(\.tag) == test.expected)
        #expect(selected.allSatisfy { $0.branch == nil && $0.id == "c-" + ($0.tag ?? "") })
    }

    @Test func newestTagBreaksTiesByNameAsGitForEachRefDoes() throws {
        let selection = try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag))
        let same = [tag("b", 10), tag("c", 10), tag("a", 10), tag("z", 5)]
        #expect(selection.orderedTags(same).map(\.name) == ["a", "b", "c", "z"])
    }

    @Test func defaultLimitIsTwenty() throws {
        let many = (0..<30).map { tag("t\($0)", Int64($0)) }
        let selection = try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag))
        #expect(try selection.selectTags(many, changedPaths: [:]).count == 20)
    }

    struct PathCase: Sendable, CustomTestStringConvertible {
        var label: String
        var include: [String]?
        var exclude: [String]?
        var paths: [String]
        var expected: Bool
        var testDescription: String { label }
    }

    static let pathCases: [PathCase] = [
        PathCase(label: "base folder includes itself and below", include: ["apps/guestbook"],
                 paths: ["apps/guestbook/values.yaml"], expected: true),
        PathCase(label: "base folder is not a name prefix", include: ["apps/guestbook"],
                 paths: ["apps/guestbook2/values.yaml"], expected: false),
        PathCase(label: "base folder: the path itself", include: ["apps/guestbook"], paths: ["apps/guestbook"], expected: true),
        PathCase(label: "base folder, trailing slash and dot cleaned", include: ["./apps/guestbook/"],
                 paths: ["apps/guestbook/x"], expected: true),
        PathCase(label: "base folder: .. anywhere in the rest fails, as in Kargo", include: ["apps"],
                 paths: ["apps/a..b"], expected: false),
        PathCase(label: "glob with **", include: ["glob:apps/**/*.yaml"], paths: ["README.md", "apps/a/b/c.yaml"], expected: true),
        PathCase(label: "glob * stays in a segment", include: ["glob:apps/*.yaml"], paths: ["apps/a/c.yaml"], expected: false),
        PathCase(label: "regex is unanchored", include: ["regex:values\\.ya?ml$"], paths: ["charts/x/values.yml"], expected: true),
        PathCase(label: "regexp: prefix too", include: ["regexp:^charts/"], paths: ["docs/charts/x"], expected: false),
        PathCase(label: "exclude only: a commit touching only excluded paths does not count", exclude: ["docs"],
                 paths: ["docs/a.md", "docs/b.md"], expected: false),
        PathCase(label: "exclude only: one other path is enough", exclude: ["docs"],
                 paths: ["docs/a.md", "src/main.swift"], expected: true),
        PathCase(label: "included but also excluded does not count", include: ["glob:apps/**"],
                 exclude: ["glob:**/README.md"], paths: ["apps/x/README.md"], expected: false),
        PathCase(label: "included and not excluded counts", include: ["glob:apps/**"],
                 exclude: ["glob:**/README.md"], paths: ["apps/x/README.md", "apps/x/deploy.yaml"], expected: true),
        PathCase(label: "no paths (empty commit) never counts", include: ["apps"], paths: [], expected: false),
    ]

    @Test(arguments: pathCases)
    func pathFilters(_ test: PathCase) throws {
        let selection = try GitCommitSelection(GitSubscription(repoURL: "r", includePaths: test.include, excludePaths: test.exclude))
        #expect(selection.filtersPaths)
        #expect(selection.matchesPaths(test.paths) == test.expected)
    }

    @Test func newestFromBranchFollowsTheHistoryWithPathsSinceAndLimit() throws {
        let history = [commit("c5", 500), commit("c4", 400), commit("c3", 300), commit("c2", 200), commit("c1", 100)]
        let paths = ["c5": ["docs/x"], "c4": ["apps/a"], "c3": ["apps/b"], "c2": ["apps/c"], "c1": ["apps/d"]]

        let plain = try GitCommitSelection(GitSubscription(repoURL: "r", branch: "release"))
        let all = try plain.selectFromBranch(history)
        #expect(all.map(\.id) == ["c5", "c4", "c3", "c2", "c1"])
        #expect(all.allSatisfy { $0.branch == "release" && $0.tag == nil })
        #expect(all.first?.creatorDate == Timestamp(secondsSinceEpoch: 500))

        let filtered = try GitCommitSelection(GitSubscription(repoURL: "r", includePaths: ["apps"], discoveryLimit: 2))
        #expect(try filtered.selectFromBranch(history, changedPaths: paths).map(\.id) == ["c4", "c3"])
        #expect(try filtered.selectFromBranch(history, changedPaths: paths).allSatisfy { $0.branch == nil })

        let since = try GitCommitSelection(GitSubscription(repoURL: "r", since: Timestamp(secondsSinceEpoch: 300)))
        #expect(try since.selectFromBranch(history).map(\.id) == ["c5", "c4", "c3"])
    }

    @Test func pathsAreReadOnlyUntilTheLimitIsReached() throws {
        let selection = try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical,
                                                               includePaths: ["apps"], discoveryLimit: 1))
        var asked: [String] = []
        let selected = try selection.selectTags([tag("a", 1), tag("b", 2), tag("c", 3)]) { (id: String) -> [String] in
            asked.append(id)
            return id == "c-c" ? ["docs/x"] : ["apps/x"]
        }
        #expect(selected.map(\.tag) == ["b"])
        #expect(asked == ["c-c", "c-b"])
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var label: String
        var subscription: GitSubscription
        var field: String
        var mentions: String
        var testDescription: String { label }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(label: "malformed semverConstraint",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, semverConstraint: ">= banana"),
                    field: "semverConstraint", mentions: "banana"),
        InvalidCase(label: "lookahead RE2 rejects",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical, allowTagsRegexes: ["^v(?=1)"]),
                    field: "allowTagsRegexes", mentions: "lookahead"),
        InvalidCase(label: "unbalanced ignore regex",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .newestTag, ignoreTagsRegexes: ["(rc"]),
                    field: "ignoreTagsRegexes", mentions: "(rc"),
        InvalidCase(label: "deprecated allowTags with a construct RE2 rejects",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, allowTags: "^v(?!0)"),
                    field: "allowTags", mentions: "lookahead"),
        InvalidCase(label: "deprecated allowTags that does not compile",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical, allowTags: "v[1-"),
                    field: "allowTags", mentions: "v[1-"),
        InvalidCase(label: "bad includePaths regex",
                    subscription: GitSubscription(repoURL: "r", includePaths: ["regex:[a-"]),
                    field: "includePaths", mentions: "includePaths[0]"),
        InvalidCase(label: "expressionFilter syntax error, for a branch",
                    subscription: GitSubscription(repoURL: "r", expressionFilter: "!(author contains 'bot'"),
                    field: "expressionFilter", mentions: "expected `)`"),
        InvalidCase(label: "expressionFilter syntax error, for tags",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer,
                                                  expressionFilter: "creatorDate.Year() >= "),
                    field: "expressionFilter", mentions: "column"),
        InvalidCase(label: "expressionFilter calling an unknown function",
                    subscription: GitSubscription(repoURL: "r", expressionFilter: "dates('2025-01-01') < commitDate"),
                    field: "expressionFilter", mentions: "did you mean `date`?"),
        InvalidCase(label: "expressionFilter calling a promotion-step function",
                    subscription: GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical,
                                                  expressionFilter: "tag == imageFrom('nginx').Tag"),
                    field: "expressionFilter", mentions: "imageFrom() at column 8"),
    ]

    @Test(arguments: invalidCases)
    func invalidSubscriptions(_ test: InvalidCase) {
        let problem = #expect(throws: GitSelectionProblem.self) { try GitCommitSelection(test.subscription) }
        #expect(problem?.field == test.field)
        #expect(problem?.message.contains(test.mentions) == true, "\(problem?.message ?? "")")
    }

    @Test func deprecatedTagFieldsDoNotMatterForNewestFromBranch() throws {
        // Kargo only reads them in tag-based selectors.
        let selection = try GitCommitSelection(GitSubscription(repoURL: "r", allowTags: "^v(?=1)", ignoreTags: ["x"]))
        #expect(try selection.selectFromBranch([commit("x")]).map(\.id) == ["x"])
    }

    @Test func deprecatedTagFieldsDecideTheObservedTags() throws {
        let selection = try GitCommitSelection(GitSubscription(
            repoURL: "r", commitSelectionStrategy: .lexical, allowTags: "^v1", ignoreTags: ["v1.0"]))
        #expect(GitSubscriptionDiscoverer.observedRefs(GitStoreListing.sample, selection: selection)?.tags
            == [DiscoveredRef(name: "v1.0.0", id: GitStoreListing.tagObject)])
    }

    /// A branch's history, newest first, with authors, subjects and committer dates at
    /// several offsets.
    private static let history = [
        GitCommitCandidate(id: "c5", subject: "chore: bump again", author: "Bot <bot@example.com>",
                           committer: "Bot <bot@example.com>", commitDate: Timestamp(secondsSinceEpoch: 1_738_000_000)),
        // 2025-01-01T01:30:00Z, written at -02:00: still 2024 where it was made.
        GitCommitCandidate(id: "c4", subject: "late on new year's eve", author: "Eve <eve@example.com>",
                           committer: "Eve <eve@example.com>", commitDate: Timestamp(secondsSinceEpoch: 1_735_695_000),
                           commitDateUTCOffset: -7200),
        GitCommitCandidate(id: "c3", subject: "fix: two", author: "Ada <ada@example.com>",
                           committer: "Bot <bot@example.com>", commitDate: Timestamp(secondsSinceEpoch: 1_735_600_000)),
        GitCommitCandidate(id: "c2", subject: "chore: bump", author: "Bot <bot@example.com>",
                           committer: "Bot <bot@example.com>", commitDate: Timestamp(secondsSinceEpoch: 1_735_300_000)),
        GitCommitCandidate(id: "c1", subject: "feat: one", author: "Ada <ada@example.com>",
                           committer: "Ada <ada@example.com>", commitDate: Timestamp(secondsSinceEpoch: 1_735_000_000)),
    ]

    @Test(arguments: [
        ("!(author contains '<bot@example.com>')", nil, ["c4", "c3", "c1"]),
        ("!(author contains '<bot@example.com>')", 2, ["c4", "c3"]),
        ("subject contains 'feat:' || subject contains 'fix:'", nil, ["c3", "c1"]),
        ("!(author == 'Bot <bot@example.com>') && commitDate.After(date('2025-01-01'))", nil, ["c4"]),
        ("commitDate.Year() == 2024", nil, ["c4", "c3", "c2", "c1"]),
        ("commitDate.UTC().Year() == 2024", nil, ["c3", "c2", "c1"]),
        ("committer != author", nil, ["c3"]),
        ("id in ['c1', 'c2']", 1, ["c2"]),
        ("now() - commitDate > duration('720h')", nil, ["c3", "c2", "c1"]),
        ("1", nil, ["c5", "c4", "c3", "c2", "c1"]),
        ("'false'", nil, []),
    ] as [(String, Int64?, [String])])
    func expressionFilterOnABranch(_ filter: String, _ limit: Int64?, _ expected: [String]) throws {
        // `now()` is the run's time: 2025-01-31T00:00:00Z.
        let selection = try GitCommitSelection(
            GitSubscription(repoURL: "r", expressionFilter: filter, discoveryLimit: limit),
            now: Timestamp(secondsSinceEpoch: 1_738_281_600))
        #expect(try selection.selectFromBranch(Self.history).map(\.id) == expected)
    }

    @Test func expressionFilterSeesTaggerAndAnnotationOfAnnotatedTagsOnly() throws {
        let base = commit("c-1", 100, subject: "release commit")
        let tags = [
            GitTagCandidate(name: "v1.0.0", commit: base, creatorDate: Timestamp(secondsSinceEpoch: 100)),
            GitTagCandidate(name: "v1.1.0", commit: base, creatorDate: Timestamp(secondsSinceEpoch: 200),
                            tagger: "Rel <rel@example.com>", annotation: "Minor release"),
            GitTagCandidate(name: "v2.0.0", commit: base, creatorDate: Timestamp(secondsSinceEpoch: 300),
                            tagger: "Bot <bot@example.com>", annotation: "Major release"),
        ]
        func selected(_ filter: String) throws -> [String?] {
            try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer, expressionFilter: filter))
                .selectTags(tags, changedPaths: [:]).map(\.tag)
        }
        #expect(try selected("tagger == ''") == ["v1.0.0"])
        #expect(try selected("annotation startsWith 'M'") == ["v2.0.0", "v1.1.0"])
        #expect(try selected("tagger contains 'rel@' && subject == 'release commit'") == ["v1.1.0"])
        #expect(try selected("author == 'A <a@example.com>' && committer == 'C <c@example.com>'") == ["v2.0.0", "v1.1.0", "v1.0.0"])
    }

    @Test func aFilterResultThatIsNotABoolFailsTheSelection() throws {
        let branch = try GitCommitSelection(GitSubscription(repoURL: "r", expressionFilter: "subject"))
        let problem = #expect(throws: GitSelectionProblem.self) { try branch.selectFromBranch(Self.history) }
        #expect(problem?.field == "expressionFilter")
        #expect(problem?.message == "expressionFilter: the expression must give a bool (true or false), but gave "
            + "string \"chore: bump again\" for commit c5")

        let tags = try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .lexical,
                                                          expressionFilter: "len(tag) > 2 ? true : nil"))
        let nilResult = #expect(throws: GitSelectionProblem.self) {
            try tags.selectTags([tag("ab", 1), tag("abc", 2)], changedPaths: [:])
        }
        #expect(nilResult?.message.contains("gave nil for tag \"ab\"") == true, "\(nilResult?.message ?? "")")
    }

    @Test func anExpressionThatFailsToEvaluateFailsTheSelection() throws {
        let selection = try GitCommitSelection(GitSubscription(
            repoURL: "r", commitSelectionStrategy: .newestTag, expressionFilter: "creatorDate.Year() > 'x'"))
        let problem = #expect(throws: GitSelectionProblem.self) {
            try selection.selectTags([tag("v1", 1)], changedPaths: [:])
        }
        #expect(problem?.field == "expressionFilter")
        #expect(problem?.message.contains("evaluating for tag \"v1\": invalid operation: int > string") == true,
                "\(problem?.message ?? "")")
    }

    @Test func subjectsAreGitsFirstParagraphShortenedToEightyBytes() {
        #expect(GitCommitCandidate.subject(ofMessage: "\n\nFix the thing  \nacross lines\n\nBody text\n") == "Fix the thing across lines")
        #expect(GitCommitCandidate.subject(ofMessage: "one line") == "one line")
        let long = String(repeating: "x", count: 81)
        #expect(GitCommitSelection.shortened(long) == String(repeating: "x", count: 77) + "...")
        #expect(GitCommitSelection.shortened(String(repeating: "y", count: 80)) == String(repeating: "y", count: 80))
    }

    @Test func observedRefsFollowKargosListRefs() throws {
        let listing = GitStoreListing.sample
        let branch = try GitCommitSelection(GitSubscription(repoURL: "r", branch: "release"))
        #expect(GitSubscriptionDiscoverer.observedRefs(listing, selection: branch)?.branchHead == GitStoreListing.release)
        let head = try GitCommitSelection(GitSubscription(repoURL: "r"))
        #expect(GitSubscriptionDiscoverer.observedRefs(listing, selection: head)?.branchHead == GitStoreListing.main)
        let missing = try GitCommitSelection(GitSubscription(repoURL: "r", branch: "nope"))
        #expect(GitSubscriptionDiscoverer.observedRefs(listing, selection: missing) == nil)
        let semver = try GitCommitSelection(GitSubscription(repoURL: "r", commitSelectionStrategy: .semVer))
        #expect(GitSubscriptionDiscoverer.observedRefs(listing, selection: semver)?.tags
            == [DiscoveredRef(name: "v1.0.0", id: GitStoreListing.tagObject)])
    }

    @Test func displayURLDropsUserInfo() {
        #expect(GitDiscoveryErrors.displayURL("https://bob:s3cret@host.example/org/repo.git") == "https://host.example/org/repo.git")
        #expect(GitDiscoveryErrors.displayURL("git@github.com:org/repo.git") == "git@github.com:org/repo.git")
        #expect(GitDiscoveryErrors.displayURL("https://host.example/a@b") == "https://host.example/a@b")
    }
}

/// A remote's advertisement, as `git ls-remote` would print it.
private enum GitStoreListing {
    static let main = String(repeating: "a", count: 40)
    static let release = String(repeating: "b", count: 40)
    static let tagObject = String(repeating: "c", count: 40)
    static let sample = GitRemoteListing(references: [
        GitRemoteReference(name: "HEAD", id: ObjectID(hex: main)!, symbolicTarget: "refs/heads/main"),
        GitRemoteReference(name: "refs/heads/main", id: ObjectID(hex: main)!),
        GitRemoteReference(name: "refs/heads/release", id: ObjectID(hex: release)!),
        GitRemoteReference(name: "refs/tags/v1.0.0", id: ObjectID(hex: tagObject)!, peeled: ObjectID(hex: main)!),
        GitRemoteReference(name: "refs/tags/v1.0", id: ObjectID(hex: main)!),
        GitRemoteReference(name: "refs/tags/nightly", id: ObjectID(hex: release)!),
    ])
}
