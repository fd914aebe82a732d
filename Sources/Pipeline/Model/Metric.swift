/// One metric of an analysis: how often and how many times to measure (`interval`, `count`), how to judge
/// each measurement and how many failures, inconclusive results or errors are tolerated.
public struct Metric: Codable, Sendable, Hashable {
    public var name: String
    public var interval: String?
    public var initialDelay: String?
    public var count: IntOrString?
    public var successCondition: String?
    public var failureCondition: String?
    public var failureLimit: IntOrString?
    public var inconclusiveLimit: IntOrString?
    public var consecutiveErrorLimit: IntOrString?
    public var consecutiveSuccessLimit: IntOrString?
    public var provider: MetricProvider?

    public init(
        name: String,
        interval: String? = nil,
        initialDelay: String? = nil,
        count: IntOrString? = nil,
        successCondition: String? = nil,
        failureCondition: String? = nil,
        failureLimit: IntOrString? = nil,
        inconclusiveLimit: IntOrString? = nil,
        consecutiveErrorLimit: IntOrString? = nil,
        consecutiveSuccessLimit: IntOrString? = nil,
        provider: MetricProvider? = nil
    ) {
        self.name = name
        self.interval = interval
        self.initialDelay = initialDelay
        self.count = count
        self.successCondition = successCondition
        self.failureCondition = failureCondition
        self.failureLimit = failureLimit
        self.inconclusiveLimit = inconclusiveLimit
        self.consecutiveErrorLimit = consecutiveErrorLimit
        self.consecutiveSuccessLimit = consecutiveSuccessLimit
        self.provider = provider
    }
}

/// Where a metric's measurements come from. Freightline runs `web`, `prometheus` and `job`; the other
/// providers are kept untyped so templates that use them still load.
public struct MetricProvider: Codable, Sendable, Hashable {
    public var web: WebMetric?
    public var prometheus: PrometheusMetric?
    public var job: JobMetric?
    public var cloudWatch: JSONValue?
    public var datadog: JSONValue?
    public var graphite: JSONValue?
    public var influxdb: JSONValue?
    public var kayenta: JSONValue?
    public var newRelic: JSONValue?
    public var plugin: JSONValue?
    public var skywalking: JSONValue?
    public var wavefront: JSONValue?

    public init(
        web: WebMetric? = nil,
        prometheus: PrometheusMetric? = nil,
        job: JobMetric? = nil,
        cloudWatch: JSONValue? = nil,
        datadog: JSONValue? = nil,
        graphite: JSONValue? = nil,
        influxdb: JSONValue? = nil,
        kayenta: JSONValue? = nil,
        newRelic: JSONValue? = nil,
        plugin: JSONValue? = nil,
        skywalking: JSONValue? = nil,
        wavefront: JSONValue? = nil
    ) {
        self.web = web
        self.prometheus = prometheus
        self.job = job
        self.cloudWatch = cloudWatch
        self.datadog = datadog
        self.graphite = graphite
        self.influxdb = influxdb
        self.kayenta = kayenta
        self.newRelic = newRelic
        self.plugin = plugin
        self.skywalking = skywalking
        self.wavefront = wavefront
    }
}

/// An HTTP request whose (optionally `jsonPath`-selected) response is the measurement.
public struct WebMetric: Codable, Sendable, Hashable {
    public var url: String?
    public var method: String?
    public var headers: [WebMetricHeader]?
    public var body: String?
    public var jsonBody: JSONValue?
    public var jsonPath: String?
    public var timeoutSeconds: Int64?
    public var insecure: Bool?
    public var authentication: MetricAuthentication?

    public init(
        url: String? = nil,
        method: String? = nil,
        headers: [WebMetricHeader]? = nil,
        body: String? = nil,
        jsonBody: JSONValue? = nil,
        jsonPath: String? = nil,
        timeoutSeconds: Int64? = nil,
        insecure: Bool? = nil,
        authentication: MetricAuthentication? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.jsonBody = jsonBody
        self.jsonPath = jsonPath
        self.timeoutSeconds = timeoutSeconds
        self.insecure = insecure
        self.authentication = authentication
    }
}

/// An HTTP header sent with a web or Prometheus metric request.
public struct WebMetricHeader: Codable, Sendable, Hashable {
    public var key: String?
    public var value: String?

    public init(key: String? = nil, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// A PromQL query (instant, or over `rangeQuery`) whose result is the measurement; `timeout` in seconds.
public struct PrometheusMetric: Codable, Sendable, Hashable {
    public var address: String?
    public var query: String?
    public var timeout: Int64?
    public var insecure: Bool?
    public var headers: [WebMetricHeader]?
    public var rangeQuery: PrometheusRangeQueryArgs?
    public var authentication: MetricAuthentication?

    public init(
        address: String? = nil,
        query: String? = nil,
        timeout: Int64? = nil,
        insecure: Bool? = nil,
        headers: [WebMetricHeader]? = nil,
        rangeQuery: PrometheusRangeQueryArgs? = nil,
        authentication: MetricAuthentication? = nil
    ) {
        self.address = address
        self.query = query
        self.timeout = timeout
        self.insecure = insecure
        self.headers = headers
        self.rangeQuery = rangeQuery
        self.authentication = authentication
    }
}

/// The range of a Prometheus range query (expressions for start and end, and a step).
public struct PrometheusRangeQueryArgs: Codable, Sendable, Hashable {
    public var start: String?
    public var end: String?
    public var step: String?

    public init(start: String? = nil, end: String? = nil, step: String? = nil) {
        self.start = start
        self.end = end
        self.step = step
    }
}

/// How a web or Prometheus metric authenticates.
public struct MetricAuthentication: Codable, Sendable, Hashable {
    public var basicAuth: BasicAuth?
    public var oauth2: OAuth2Config?
    public var sigv4: Sigv4Config?

    public init(
        basicAuth: BasicAuth? = nil,
        oauth2: OAuth2Config? = nil,
        sigv4: Sigv4Config? = nil
    ) {
        self.basicAuth = basicAuth
        self.oauth2 = oauth2
        self.sigv4 = sigv4
    }
}

/// HTTP basic credentials.
public struct BasicAuth: Codable, Sendable, Hashable {
    public var username: String?
    public var password: String?

    public init(username: String? = nil, password: String? = nil) {
        self.username = username
        self.password = password
    }
}

/// OAuth 2 client-credentials settings.
public struct OAuth2Config: Codable, Sendable, Hashable {
    public var tokenUrl: String?
    public var clientId: String?
    public var clientSecret: String?
    public var scopes: [String]?

    public init(
        tokenUrl: String? = nil,
        clientId: String? = nil,
        clientSecret: String? = nil,
        scopes: [String]? = nil
    ) {
        self.tokenUrl = tokenUrl
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
    }
}

/// AWS SigV4 signing settings.
public struct Sigv4Config: Codable, Sendable, Hashable {
    public var region: String?
    public var profile: String?
    public var roleArn: String?

    public init(region: String? = nil, profile: String? = nil, roleArn: String? = nil) {
        self.region = region
        self.profile = profile
        self.roleArn = roleArn
    }
}

/// A Kubernetes Job whose success or failure is the measurement. Its `spec` is a full Job spec, kept
/// untyped.
public struct JobMetric: Codable, Sendable, Hashable {
    public var metadata: JobMetadata?
    public var spec: JSONValue?

    public init(metadata: JobMetadata? = nil, spec: JSONValue? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// Labels and annotations for a metric's Job.
public struct JobMetadata: Codable, Sendable, Hashable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}
