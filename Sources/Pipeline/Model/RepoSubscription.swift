/// One Warehouse subscription; exactly one of `git`, `image`, `chart` or `subscription` is set.
public struct RepoSubscription: Codable, Sendable, Hashable {
    public var name: String?
    public var git: GitSubscription?
    public var image: ImageSubscription?
    public var chart: ChartSubscription?
    public var subscription: Subscription?

    public init(
        name: String? = nil,
        git: GitSubscription? = nil,
        image: ImageSubscription? = nil,
        chart: ChartSubscription? = nil,
        subscription: Subscription? = nil
    ) {
        self.name = name
        self.git = git
        self.image = image
        self.chart = chart
        self.subscription = subscription
    }
}

/// A subscription to some other kind of artifact source, configured by untyped `config`.
public struct Subscription: Codable, Sendable, Hashable {
    public var subscriptionType: String?
    public var config: JSONValue?
    public var discoveryLimit: Int32?

    public init(
        subscriptionType: String? = nil,
        config: JSONValue? = nil,
        discoveryLimit: Int32? = nil
    ) {
        self.subscriptionType = subscriptionType
        self.config = config
        self.discoveryLimit = discoveryLimit
    }
}
