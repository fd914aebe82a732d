import Foundation
import Pipeline
import Testing
@testable import Verification

/// Which provider measures a metric.
struct MetricProvidersTests {
    private let providers = MetricProviders(transport: RecordingTransport(), environment: [:])

    @Test(arguments: [
        (MetricProvider(web: WebMetric(url: "http://x/")), "web"),
        (MetricProvider(prometheus: PrometheusMetric(query: "up")), "prometheus"),
        (MetricProvider(job: JobMetric()), "job"),
        // Argo Rollouts' precedence when a metric sets more than one.
        (MetricProvider(web: WebMetric(url: "http://x/"), prometheus: PrometheusMetric(query: "up")), "prometheus"),
        (MetricProvider(web: WebMetric(url: "http://x/"), job: JobMetric()), "job"),
        (MetricProvider(web: WebMetric(url: "http://x/"), kayenta: .object([:])), "kayenta"),
        (MetricProvider(datadog: .object([:]), newRelic: .object([:])), "datadog"),
        (MetricProvider(plugin: .object(["argoproj-labs/sample": .object([:])])), "plugin"),
    ] as [(MetricProvider, String)])
    func precedenceFollowsArgoRollouts(provider: MetricProvider, kind: String) {
        #expect(MetricProviders.kind(of: Metric(name: "m", provider: provider)) == kind)
    }

    @Test func webPrometheusAndJobAreRun() throws {
        #expect(try providers.provider(for: Metric(name: "w", provider: MetricProvider(web: WebMetric()))) is WebMetricProvider)
        #expect(try providers.provider(for: Metric(name: "p", provider: MetricProvider(prometheus: PrometheusMetric()))) is PrometheusMetricProvider)
        #expect(try providers.provider(for: Metric(name: "j", provider: MetricProvider(job: JobMetric()))) is JobMetricProvider)
    }

    @Test func otherProvidersAreNamedInTheError() {
        #expect(throws: MeasurementError("metric 'error-rate' uses the newRelic provider; Freightline runs web, prometheus and job metrics only")) {
            try providers.provider(for: Metric(name: "error-rate", provider: MetricProvider(newRelic: .object(["query": .string("x")]))))
        }
        #expect(throws: MeasurementError("metric 'bare' has no provider")) {
            try providers.provider(for: Metric(name: "bare"))
        }
        #expect(throws: MeasurementError("metric 'empty' has no provider")) {
            try providers.provider(for: Metric(name: "empty", provider: MetricProvider()))
        }
    }

    @Test func theEnvironmentSetsPrometheusAddressAndContainerRuntime() async throws {
        let transport = RecordingTransport(body: #"{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}"#)
        let providers = MetricProviders(transport: transport, environment: [
            "ARGO_ROLLOUTS_PROMETHEUS_ADDRESS": "http://prometheus.monitoring:9090",
            "FREIGHTLINE_CONTAINER_RUNTIME": "freightline-no-such-runtime",
            "PATH": "/usr/bin:/bin",
        ])
        let reading = try await providers.measure(Metric(name: "p", provider: MetricProvider(prometheus: PrometheusMetric(query: "vector(1)"))))
        #expect(reading.text == "1")
        #expect(transport.requests.first?.url.absoluteString.hasPrefix("http://prometheus.monitoring:9090/api/v1/query?") == true)

        let job = Metric(name: "j", provider: MetricProvider(job: JobMetric(spec: .object(["template": .object(["spec": .object([
            "containers": .array([.object(["name": .string("c"), "image": .string("busybox"), "command": .array([.string("true")])])]),
        ])])]))))
        await #expect(throws: MeasurementError("container runtime 'freightline-no-such-runtime' (FREIGHTLINE_CONTAINER_RUNTIME) not found on PATH")) {
            try await providers.measure(job)
        }
    }
}
