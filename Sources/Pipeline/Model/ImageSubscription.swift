/// A subscription to a container image repository. `constraint` is the current field for
/// strategy-specific constraints; `semverConstraint` is its older spelling, still found in repositories.
public struct ImageSubscription: Codable, Sendable, Hashable {
    public var repoURL: String
    public var imageSelectionStrategy: ImageSelectionStrategy?
    public var strictSemvers: Bool?
    public var constraint: String?
    public var semverConstraint: String?
    public var allowTags: String?
    public var allowTagsRegexes: [String]?
    public var ignoreTags: [String]?
    public var ignoreTagsRegexes: [String]?
    public var platform: String?
    public var insecureSkipTLSVerify: Bool?
    public var discoveryLimit: Int64?
    public var cacheByTag: Bool?

    public init(
        repoURL: String,
        imageSelectionStrategy: ImageSelectionStrategy? = nil,
        strictSemvers: Bool? = nil,
        constraint: String? = nil,
        semverConstraint: String? = nil,
        allowTags: String? = nil,
        allowTagsRegexes: [String]? = nil,
        ignoreTags: [String]? = nil,
        ignoreTagsRegexes: [String]? = nil,
        platform: String? = nil,
        insecureSkipTLSVerify: Bool? = nil,
        discoveryLimit: Int64? = nil,
        cacheByTag: Bool? = nil
    ) {
        self.repoURL = repoURL
        self.imageSelectionStrategy = imageSelectionStrategy
        self.strictSemvers = strictSemvers
        self.constraint = constraint
        self.semverConstraint = semverConstraint
        self.allowTags = allowTags
        self.allowTagsRegexes = allowTagsRegexes
        self.ignoreTags = ignoreTags
        self.ignoreTagsRegexes = ignoreTagsRegexes
        self.platform = platform
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.discoveryLimit = discoveryLimit
        self.cacheByTag = cacheByTag
    }
}

/// How an image subscription picks the newest image (Kargo's default is `SemVer`).
public enum ImageSelectionStrategy: String, Codable, Sendable, CaseIterable {
    case digest = "Digest"
    case lexical = "Lexical"
    case newestBuild = "NewestBuild"
    case semVer = "SemVer"
}
