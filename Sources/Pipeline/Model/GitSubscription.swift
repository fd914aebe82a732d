/// A subscription to a Git repository: which commits (branch head or tags) become candidates.
/// `allowTags` and `ignoreTags` are the deprecated forms of the `…Regexes` fields.
public struct GitSubscription: Codable, Sendable, Hashable {
    public var repoURL: String
    public var commitSelectionStrategy: CommitSelectionStrategy?
    public var branch: String?
    public var strictSemvers: Bool?
    public var semverConstraint: String?
    public var allowTags: String?
    public var allowTagsRegexes: [String]?
    public var ignoreTags: [String]?
    public var ignoreTagsRegexes: [String]?
    public var expressionFilter: String?
    public var insecureSkipTLSVerify: Bool?
    public var blobless: Bool?
    public var includePaths: [String]?
    public var excludePaths: [String]?
    public var discoveryLimit: Int64?
    public var since: Timestamp?

    public init(
        repoURL: String,
        commitSelectionStrategy: CommitSelectionStrategy? = nil,
        branch: String? = nil,
        strictSemvers: Bool? = nil,
        semverConstraint: String? = nil,
        allowTags: String? = nil,
        allowTagsRegexes: [String]? = nil,
        ignoreTags: [String]? = nil,
        ignoreTagsRegexes: [String]? = nil,
        expressionFilter: String? = nil,
        insecureSkipTLSVerify: Bool? = nil,
        blobless: Bool? = nil,
        includePaths: [String]? = nil,
        excludePaths: [String]? = nil,
        discoveryLimit: Int64? = nil,
        since: Timestamp? = nil
    ) {
        self.repoURL = repoURL
        self.commitSelectionStrategy = commitSelectionStrategy
        self.branch = branch
        self.strictSemvers = strictSemvers
        self.semverConstraint = semverConstraint
        self.allowTags = allowTags
        self.allowTagsRegexes = allowTagsRegexes
        self.ignoreTags = ignoreTags
        self.ignoreTagsRegexes = ignoreTagsRegexes
        self.expressionFilter = expressionFilter
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.blobless = blobless
        self.includePaths = includePaths
        self.excludePaths = excludePaths
        self.discoveryLimit = discoveryLimit
        self.since = since
    }
}

/// How a Git subscription picks commits (Kargo's default is `NewestFromBranch`).
public enum CommitSelectionStrategy: String, Codable, Sendable, CaseIterable {
    case newestFromBranch = "NewestFromBranch"
    case semVer = "SemVer"
    case lexical = "Lexical"
    case newestTag = "NewestTag"
}
