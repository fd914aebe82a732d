import Pipeline

/// Kargo's rules (`pkg/controller/git/commit`) for which commits a Git subscription
/// discovers, best first: deciding only; the commits, tags and changed paths come in.
///
/// - `NewestFromBranch`: the branch's first-parent history, newest first, stopping at the
///   first commit older than `since`.
/// - `SemVer`: tags that parse as versions (`strictSemvers`, default true: all of
///   MAJOR.MINOR.PATCH after an optional `v`) and satisfy `semverConstraint`, highest first.
/// - `Lexical`: tags by name, bytewise greatest first.
/// - `NewestTag`: tags by `creatordate`, newest first (ties by name, as `git for-each-ref`).
///
/// Tag strategies first drop tags matching an `ignoreTagsRegexes` entry or named in the
/// deprecated `ignoreTags`, then keep those matching some `allowTagsRegexes` entry or the
/// deprecated `allowTags` pattern (all, when none is given). `expressionFilter` then keeps the
/// commits or tags it holds for. With `includePaths` or `excludePaths`, a commit counts only
/// if it changes a path that is included (or any path, without `includePaths`) and not
/// excluded. At most `discoveryLimit` (default 20) commits.
public struct GitCommitSelection: Sendable {
    public static let defaultLimit = 20
    /// Kargo shortens subjects to this many bytes (`…` as three dots included).
    static let subjectLimit = 80

    public let strategy: CommitSelectionStrategy
    /// The branch as written in the subscription (nil: the remote's default branch).
    public let branch: String?
    public let limit: Int
    public let since: Timestamp?
    let strictSemvers: Bool
    let constraint: SemVerConstraint?
    let allowTags: [GoRegularExpression]
    let ignoreTags: [GoRegularExpression]
    /// Exact tag names never considered (the deprecated `ignoreTags`).
    let ignoredTagNames: Set<String>
    let filter: GitExpressionFilter?
    let includePaths: [GitPathPattern]?
    let excludePaths: [GitPathPattern]?

    /// Reads the subscription's selection fields, with Kargo's defaults.
    ///
    /// - Parameter now: the run's time, what `now()` gives in `expressionFilter`.
    /// - Throws: the first field Kargo would refuse: a malformed `semverConstraint`, a
    ///   regular expression RE2 cannot compile (`allowTagsRegexes`, `ignoreTagsRegexes`, the
    ///   deprecated `allowTags`), or an `expressionFilter` that does not compile.
    public init(_ subscription: GitSubscription, now: Timestamp = Timestamp(secondsSinceEpoch: 0)) throws(GitSelectionProblem) {
        strategy = subscription.commitSelectionStrategy ?? .newestFromBranch
        branch = subscription.branch.flatMap { $0.isEmpty ? nil : $0 }
        let requested = Int(clamping: subscription.discoveryLimit ?? 0)
        limit = requested == 0 ? Self.defaultLimit : requested
        since = strategy == .newestFromBranch ? subscription.since : nil
        strictSemvers = subscription.strictSemvers ?? true

        if let text = subscription.expressionFilter, !text.isEmpty {
            filter = try GitExpressionFilter(text, now: now)
        } else {
            filter = nil
        }
        includePaths = try Self.pathPatterns(subscription.includePaths, field: "includePaths")
        excludePaths = try Self.pathPatterns(subscription.excludePaths, field: "excludePaths")

        guard strategy != .newestFromBranch else {
            // Kargo reads the tag fields only in tag-based selectors.
            constraint = nil
            allowTags = []
            ignoreTags = []
            ignoredTagNames = []
            return
        }
        // The deprecated fields, which Kargo v1.11 refuses, are honoured as Kargo v1.10 did:
        // `allowTags` is one more allowed pattern, `ignoreTags` exact names.
        var allowed = try Self.regexes(subscription.allowTagsRegexes, field: "allowTagsRegexes")
        if let legacy = subscription.allowTags, !legacy.isEmpty {
            do {
                allowed.append(try GoRegularExpression(legacy))
            } catch {
                throw GitSelectionProblem("allowTags: \(error.message)", field: "allowTags")
            }
        }
        allowTags = allowed
        ignoreTags = try Self.regexes(subscription.ignoreTagsRegexes, field: "ignoreTagsRegexes")
        ignoredTagNames = Set(subscription.ignoreTags ?? [])
        if strategy == .semVer, let text = subscription.semverConstraint, !text.isEmpty {
            do {
                constraint = try SemVerConstraint(parsing: text)
            } catch {
                throw GitSelectionProblem("semverConstraint: \(error)", field: "semverConstraint")
            }
        } else {
            constraint = nil
        }
    }

    /// Whether the strategy picks among tags (everything but `NewestFromBranch`).
    public var usesTags: Bool { strategy != .newestFromBranch }

    /// Whether `includePaths` or `excludePaths` is set, so changed paths must be read.
    public var filtersPaths: Bool { includePaths != nil || excludePaths != nil }

    // MARK: - Deciding

    /// Whether a tag is eligible (Kargo's `matchesTag`, which also decides the observed refs):
    /// not ignored, allowed, and for `SemVer` a version that satisfies the constraint.
    /// `expressionFilter` is not consulted here.
    public func matchesTag(_ name: String) -> Bool {
        if ignoredTagNames.contains(name) || ignoreTags.contains(where: { $0.matches(name) }) { return false }
        if !allowTags.isEmpty && !allowTags.contains(where: { $0.matches(name) }) { return false }
        guard strategy == .semVer else { return true }
        guard let version = version(of: name) else { return false }
        return constraint?.isSatisfied(by: version) ?? true
    }

    /// Kargo's `MatchesPaths`: some path is included (any, without `includePaths`) and not excluded.
    public func matchesPaths(_ paths: [String]) -> Bool {
        paths.contains { path in
            if let includePaths, !includePaths.contains(where: { $0.matches(path) }) { return false }
            if let excludePaths, excludePaths.contains(where: { $0.matches(path) }) { return false }
            return true
        }
    }

    /// The eligible tags in the strategy's order, best first (before path filtering and the limit).
    public func orderedTags(_ tags: [GitTagCandidate]) -> [GitTagCandidate] {
        let eligible = tags.filter { matchesTag($0.name) }
        switch strategy {
        case .newestFromBranch:
            return []
        case .lexical:
            return eligible.sorted { Self.bytewiseLess($1.name, $0.name) }
        case .newestTag:
            return eligible.sorted {
                $0.creatorDate.secondsSinceEpoch != $1.creatorDate.secondsSinceEpoch
                    ? $0.creatorDate.secondsSinceEpoch > $1.creatorDate.secondsSinceEpoch
                    : Self.bytewiseLess($0.name, $1.name)
            }
        case .semVer:
            let versioned = eligible.compactMap { tag in version(of: tag.name).map { (tag, $0) } }
            return versioned.sorted { left, right in
                let order = left.1.comparePrecedence(to: right.1)
                if order != 0 { return order > 0 }
                return Self.bytewiseLess(right.1.original, left.1.original)
            }.map(\.0)
        }
    }

    /// The eligible tags `expressionFilter` keeps (all of them without one), in order. As in
    /// Kargo, every eligible tag is evaluated, so a filter that fails on any of them fails.
    public func filteredTags(_ tags: [GitTagCandidate]) throws(GitSelectionProblem) -> [GitTagCandidate] {
        let ordered = orderedTags(tags)
        guard let filter else { return ordered }
        var kept: [GitTagCandidate] = []
        for tag in ordered {
            if try filter.keeps(tag) { kept.append(tag) }
        }
        return kept
    }

    /// The tag strategies' result: eligible tags in order, those `expressionFilter` rejects
    /// and those whose commit changes no relevant path left out, at most `limit`.
    ///
    /// - Throws: `GitSelectionProblem` when `expressionFilter` fails, or what `changedPaths` throws.
    public func selectTags(_ tags: [GitTagCandidate], changedPaths: (String) throws -> [String]) throws -> [DiscoveredCommit] {
        var selected: [DiscoveredCommit] = []
        for tag in try filteredTags(tags) where selected.count < limit {
            if filtersPaths, !matchesPaths(try changedPaths(tag.commit.id)) { continue }
            selected.append(discovered(tag.commit, tag: tag.name, date: tag.creatorDate))
        }
        return selected
    }

    /// `NewestFromBranch`: walks the first-parent history newest first (`next` gives the next
    /// commit, nil at the root), keeping commits that `expressionFilter` keeps and that touch
    /// a relevant path, until `limit` are found or a commit is older than `since`.
    ///
    /// - Throws: `GitSelectionProblem` when `expressionFilter` fails, or what the closures throw.
    public func selectFromBranch(
        next: () throws -> GitCommitCandidate?, changedPaths: (String) throws -> [String]
    ) throws -> [DiscoveredCommit] {
        var selected: [DiscoveredCommit] = []
        while selected.count < limit, let commit = try next() {
            if let since, commit.commitDate < since { break }
            if let filter, !(try filter.keeps(commit)) { continue }
            if filtersPaths, !matchesPaths(try changedPaths(commit.id)) { continue }
            selected.append(discovered(commit, tag: nil, date: commit.commitDate))
        }
        return selected
    }

    /// `selectFromBranch` over a list (newest first), for callers that already hold the history.
    public func selectFromBranch(_ history: [GitCommitCandidate],
                                 changedPaths: [String: [String]] = [:]) throws(GitSelectionProblem) -> [DiscoveredCommit] {
        var iterator = history.makeIterator()
        return try Self.onlyProblems {
            try selectFromBranch(next: { iterator.next() }, changedPaths: { changedPaths[$0] ?? [] })
        }
    }

    /// `selectTags` with the changed paths given up front.
    public func selectTags(_ tags: [GitTagCandidate], changedPaths: [String: [String]]) throws(GitSelectionProblem)
        -> [DiscoveredCommit]
    {
        try Self.onlyProblems { try selectTags(tags, changedPaths: { changedPaths[$0] ?? [] }) }
    }

    /// Runs a selection whose closures cannot fail, so only `GitSelectionProblem` can come out.
    private static func onlyProblems(_ body: () throws -> [DiscoveredCommit]) throws(GitSelectionProblem)
        -> [DiscoveredCommit]
    {
        do {
            return try body()
        } catch let problem as GitSelectionProblem {
            throw problem
        } catch {
            preconditionFailure("a selection over given lists failed with \(error)")
        }
    }

    // MARK: - Helpers

    /// Kargo's `semver.Parse`: Masterminds' loose parse, and with `strictSemvers` also a strict
    /// parse of the text without one leading `v`.
    func version(of tag: String) -> SemanticVersion? {
        guard let loose = try? SemanticVersion(parsing: tag, strict: false) else { return nil }
        if strictSemvers {
            let bare = tag.hasPrefix("v") ? String(tag.dropFirst()) : tag
            guard (try? SemanticVersion(parsing: bare, strict: true)) != nil else { return nil }
        }
        return loose
    }

    private func discovered(_ commit: GitCommitCandidate, tag: String?, date: Timestamp) -> DiscoveredCommit {
        DiscoveredCommit(id: commit.id, branch: tag == nil ? branch : nil, tag: tag,
                         subject: Self.shortened(commit.subject), author: commit.author,
                         committer: commit.committer, creatorDate: date)
    }

    /// Kargo's `shortenString(s, 80)`: over 80 bytes, the first 77 and `...`.
    static func shortened(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > subjectLimit else { return text }
        return String(decoding: bytes[..<(subjectLimit - 3)], as: UTF8.self) + "..."
    }

    /// Go's `strings.Compare(a, b) < 0`.
    static func bytewiseLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func pathPatterns(_ selectors: [String]?, field: String) throws(GitSelectionProblem) -> [GitPathPattern]? {
        guard let selectors, !selectors.isEmpty else { return nil }
        var patterns: [GitPathPattern] = []
        for (index, selector) in selectors.enumerated() {
            do {
                patterns.append(try GitPathPattern(selector))
            } catch {
                throw GitSelectionProblem("\(field)[\(index)]: \(error.message)", field: field)
            }
        }
        return patterns
    }

    private static func regexes(_ patterns: [String]?, field: String) throws(GitSelectionProblem) -> [GoRegularExpression] {
        var result: [GoRegularExpression] = []
        for (index, pattern) in (patterns ?? []).enumerated() {
            do {
                result.append(try GoRegularExpression(pattern))
            } catch {
                throw GitSelectionProblem("\(field)[\(index)]: \(error.message)", field: field)
            }
        }
        return result
    }
}

/// Why a Git subscription's selection fields cannot be used, naming the field.
public struct GitSelectionProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The subscription field at fault, e.g. `semverConstraint`.
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
