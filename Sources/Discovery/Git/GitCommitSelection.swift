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
/// Tag strategies first drop tags matching an `ignoreTagsRegexes` entry, then keep those
/// matching some `allowTagsRegexes` entry (all, when none is given). With `includePaths` or
/// `excludePaths`, a commit counts only if it changes a path that is included (or any path,
/// without `includePaths`) and not excluded. At most `discoveryLimit` (default 20) commits.
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
    let includePaths: [GitPathPattern]?
    let excludePaths: [GitPathPattern]?

    /// Reads the subscription's selection fields, with Kargo's defaults.
    ///
    /// - Throws: the first field Kargo would refuse: a malformed `semverConstraint`, a
    ///   regular expression RE2 cannot compile, the removed `allowTags` / `ignoreTags`
    ///   (tag strategies), or `expressionFilter`, which Freightline does not evaluate yet.
    public init(_ subscription: GitSubscription) throws(GitSelectionProblem) {
        strategy = subscription.commitSelectionStrategy ?? .newestFromBranch
        branch = subscription.branch.flatMap { $0.isEmpty ? nil : $0 }
        let requested = Int(clamping: subscription.discoveryLimit ?? 0)
        limit = requested == 0 ? Self.defaultLimit : requested
        since = strategy == .newestFromBranch ? subscription.since : nil
        strictSemvers = subscription.strictSemvers ?? true

        if let filter = subscription.expressionFilter, !filter.isEmpty {
            throw GitSelectionProblem(
                "expressionFilter: filtering commits with expressions is not supported yet; remove it or "
                    + "narrow the selection with allowTagsRegexes, ignoreTagsRegexes, includePaths or excludePaths",
                field: "expressionFilter")
        }
        includePaths = try Self.pathPatterns(subscription.includePaths, field: "includePaths")
        excludePaths = try Self.pathPatterns(subscription.excludePaths, field: "excludePaths")

        guard strategy != .newestFromBranch else {
            constraint = nil
            allowTags = []
            ignoreTags = []
            return
        }
        if let allow = subscription.allowTags, !allow.isEmpty {
            throw GitSelectionProblem(
                "allowTags was removed in Kargo v1.11.0; use allowTagsRegexes instead (e.g. allowTagsRegexes: ["
                    + EscapedText.doubleQuoted(allow) + "])", field: "allowTags")
        }
        if let ignore = subscription.ignoreTags, !ignore.isEmpty {
            throw GitSelectionProblem(
                "ignoreTags was removed in Kargo v1.11.0; use ignoreTagsRegexes instead (an exact tag "
                    + "becomes ^tag$)", field: "ignoreTags")
        }
        allowTags = try Self.regexes(subscription.allowTagsRegexes, field: "allowTagsRegexes")
        ignoreTags = try Self.regexes(subscription.ignoreTagsRegexes, field: "ignoreTagsRegexes")
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

    /// Whether a tag is eligible: not ignored, allowed, and for `SemVer` a version that
    /// satisfies the constraint.
    public func matchesTag(_ name: String) -> Bool {
        if ignoreTags.contains(where: { $0.matches(name) }) { return false }
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

    /// The tag strategies' result: eligible tags in order, those whose commit changes no
    /// relevant path left out, at most `limit`.
    public func selectTags<E: Error>(
        _ tags: [GitTagCandidate], changedPaths: (String) throws(E) -> [String]
    ) throws(E) -> [DiscoveredCommit] {
        var selected: [DiscoveredCommit] = []
        for tag in orderedTags(tags) where selected.count < limit {
            if filtersPaths, !matchesPaths(try changedPaths(tag.commit.id)) { continue }
            selected.append(discovered(tag.commit, tag: tag.name, date: tag.creatorDate))
        }
        return selected
    }

    /// `NewestFromBranch`: walks the first-parent history newest first (`next` gives the next
    /// commit, nil at the root), keeping commits that touch a relevant path, until `limit`
    /// are found or a commit is older than `since`.
    public func selectFromBranch<E: Error>(
        next: () throws(E) -> GitCommitCandidate?, changedPaths: (String) throws(E) -> [String]
    ) throws(E) -> [DiscoveredCommit] {
        var selected: [DiscoveredCommit] = []
        while selected.count < limit, let commit = try next() {
            if let since, commit.commitDate < since { break }
            if filtersPaths, !matchesPaths(try changedPaths(commit.id)) { continue }
            selected.append(discovered(commit, tag: nil, date: commit.commitDate))
        }
        return selected
    }

    /// `selectFromBranch` over a list (newest first), for callers that already hold the history.
    public func selectFromBranch(_ history: [GitCommitCandidate],
                                 changedPaths: [String: [String]] = [:]) -> [DiscoveredCommit] {
        var iterator = history.makeIterator()
        return selectFromBranch(next: { () -> GitCommitCandidate? in iterator.next() },
                                changedPaths: { changedPaths[$0] ?? [] })
    }

    /// `selectTags` with the changed paths given up front.
    public func selectTags(_ tags: [GitTagCandidate], changedPaths: [String: [String]]) -> [DiscoveredCommit] {
        selectTags(tags, changedPaths: { changedPaths[$0] ?? [] })
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
