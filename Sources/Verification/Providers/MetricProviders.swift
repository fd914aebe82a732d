import HTTPSupport
import Pipeline

/// The providers Freightline runs, and which one measures a metric: Argo Rollouts'
/// precedence (prometheus, job, kayenta, web, datadog, …) picks the first provider a
/// metric sets; web, prometheus and job are run, any other is an error naming it.
public struct MetricProviders: MetricProviding {
    public var web: WebMetricProvider
    public var prometheus: PrometheusMetricProvider
    public var job: JobMetricProvider

    public init(web: WebMetricProvider, prometheus: PrometheusMetricProvider, job: JobMetricProvider) {
        self.web = web
        self.prometheus = prometheus
        self.job = job
    }

    /// The providers configured from a process environment: `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`
    /// (the default Prometheus address) and `FREIGHTLINE_CONTAINER_RUNTIME` (run jobs in
    /// containers); `PATH` and `HOME` are passed on to jobs.
    public init(transport: any HTTPTransport, environment: [String: String]) {
        self.init(
            web: WebMetricProvider(transport: transport),
            prometheus: PrometheusMetricProvider(
                transport: transport, defaultAddress: environment[PrometheusMetricProvider.addressEnvironmentVariable]),
            job: JobMetricProvider(containerRuntime: environment[JobMetricProvider.runtimeEnvironmentVariable],
                                   environment: environment)
        )
    }

    /// The provider that measures `metric`.
    public func provider(for metric: Metric) throws(MeasurementError) -> any MetricProviding {
        guard let kind = Self.kind(of: metric) else {
            throw MeasurementError("metric '\(metric.name)' has no provider")
        }
        switch kind {
        case "prometheus": return prometheus
        case "job": return job
        case "web": return web
        default:
            throw MeasurementError("metric '\(metric.name)' uses the \(kind) provider; Freightline runs web, prometheus and job metrics only")
        }
    }

    public func measure(_ metric: Metric) async throws(MeasurementError) -> ProviderReading {
        try await provider(for: metric).measure(metric)
    }

    /// The provider a metric uses, by Argo Rollouts' precedence, in its YAML spelling.
    static func kind(of metric: Metric) -> String? {
        guard let provider = metric.provider else { return nil }
        if provider.prometheus != nil { return "prometheus" }
        if provider.job != nil { return "job" }
        if provider.kayenta != nil { return "kayenta" }
        if provider.web != nil { return "web" }
        if provider.datadog != nil { return "datadog" }
        if provider.wavefront != nil { return "wavefront" }
        if provider.newRelic != nil { return "newRelic" }
        if provider.cloudWatch != nil { return "cloudWatch" }
        if provider.graphite != nil { return "graphite" }
        if provider.influxdb != nil { return "influxdb" }
        if provider.skywalking != nil { return "skywalking" }
        if provider.plugin != nil { return "plugin" }
        return nil
    }
}
