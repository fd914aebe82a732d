/// A Git commit carried by Freight.
public struct GitCommit: Codable, Sendable, Hashable {
    public var repoURL: String?
    public var id: String?
    public var branch: String?
    public var tag: String?
    public var message: String?
    public var author: String?
    public var committer: String?
    public var subscriptionName: String?

    public init(
        repoURL: String? = nil,
        id: String? = nil,
        branch: String? = nil,
        tag: String? = nil,
        message: String? = nil,
        author: String? = nil,
        committer: String? = nil,
        subscriptionName: String? = nil
    ) {
        self.repoURL = repoURL
        self.id = id
        self.branch = branch
        self.tag = tag
        self.message = message
        self.author = author
        self.committer = committer
        self.subscriptionName = subscriptionName
    }
}

/// A container image carried by Freight (tag and digest).
public struct Image: Codable, Sendable, Hashable {
    public var repoURL: String?
    public var tag: String?
    public var digest: String?
    public var annotations: [String: String]?
    public var subscriptionName: String?

    public init(
        repoURL: String? = nil,
        tag: String? = nil,
        digest: String? = nil,
        annotations: [String: String]? = nil,
        subscriptionName: String? = nil
    ) {
        self.repoURL = repoURL
        self.tag = tag
        self.digest = digest
        self.annotations = annotations
        self.subscriptionName = subscriptionName
    }
}

/// A Helm chart version carried by Freight.
public struct Chart: Codable, Sendable, Hashable {
    public var repoURL: String?
    public var name: String?
    public var version: String?
    public var subscriptionName: String?

    public init(
        repoURL: String? = nil,
        name: String? = nil,
        version: String? = nil,
        subscriptionName: String? = nil
    ) {
        self.repoURL = repoURL
        self.name = name
        self.version = version
        self.subscriptionName = subscriptionName
    }
}
