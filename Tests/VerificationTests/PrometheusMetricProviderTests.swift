import Foundation
import HTTPSupport
import Pipeline
import TestSupport
import Testing
@testable import Verification

private func prometheusMetric(_ prometheus: PrometheusMetric) -> Metric {
    Metric(name: "prometheus-check", provider: MetricProvider(prometheus: prometheus))
}

/// The list of numbers a reading's result holds.
private func numbers(_ reading: ProviderReading) -> [Double]? {
    reading.result.arrayValue?.compactMap { if case .double(let value) = $0 { value } else { nil } }
}

/// The Prometheus provider against a real Prometheus (scripts/services.sh start prometheus),
/// which scrapes itself and a static exporter the tests write.
@Suite(.enabled(if: PrometheusAvailability.available,
                "needs prometheus, nginx and curl (scripts/install-deps.sh); CI=true fails instead"))
struct PrometheusMetricProviderServerTests {
    @Test func queriesOfPrometheusItself() async throws {
        let server = try PrometheusServer()
        let provider = PrometheusMetricProvider(transport: URLSessionTransport())
        func measure(_ query: String) async throws(MeasurementError) -> ProviderReading {
            try await provider.measure(prometheusMetric(PrometheusMetric(address: server.url, query: query)))
        }

        let vector = try await measure(#"up{job="prometheus"}"#)
        #expect(vector == ProviderReading(result: .array([.double(1)]), text: "[1]"))
        // Two series, one per scrape target (a scrape that times out under load reads 0).
        let both = try await measure("up")
        #expect(numbers(both)?.count == 2 && numbers(both)?.allSatisfy { $0 == 0 || $0 == 1 } == true, "\(both.text)")
        let build = try await measure(#"count(prometheus_build_info{version=~"2\\..*"})"#)
        #expect(build.text == "[1]")

        let scalar = try await measure(#"scalar(up{job="prometheus"}) + 0.5"#)
        #expect(scalar == ProviderReading(result: .double(1.5), text: "1.5"))
        let notANumber = try await measure("0/0")
        #expect(notANumber.text == "NaN")
        if case .double(let value) = notANumber.result { #expect(value.isNaN) } else { Issue.record("\(notANumber.result)") }
        let infinite = try await measure("vector(1/0)")
        #expect(infinite == ProviderReading(result: .array([.double(.infinity)]), text: "[+Inf]"))

        // A range vector is a matrix: every sample of every series, flattened.
        let matrix = try await measure(#"up{job="prometheus"}[10s]"#)
        let samples = try #require(numbers(matrix))
        // A self-scrape slower than its 1s timeout (a loaded machine) records a 0.
        #expect(!samples.isEmpty && samples.allSatisfy { $0 == 0 || $0 == 1 } && samples.contains(1), "\(matrix.text)")
        #expect(matrix.text == "[" + samples.map { $0 == 1 ? "1" : "0" }.joined(separator: ",") + "]")

        let text = await measurementError { () async throws(MeasurementError) in try await measure(#""just text""#) }
        #expect(text == "Prometheus metric type not supported")
    }

    @Test func aBadQueryCarriesPrometheusMessage() async throws {
        let server = try PrometheusServer()
        let provider = PrometheusMetricProvider(transport: URLSessionTransport())
        let message = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(prometheusMetric(PrometheusMetric(address: server.url, query: "sum(up")))
        }
        #expect(message?.hasPrefix("bad_data: ") == true, "\(message ?? "")")
        #expect(message?.contains("parse error") == true, "\(message ?? "")")
    }

    @Test func exporterValuesAreWhatTheTestPublished() async throws {
        let server = try PrometheusServer()
        // The address comes from ARGO_ROLLOUTS_PROMETHEUS_ADDRESS (handed in) when the metric names none.
        let provider = PrometheusMetricProvider(transport: URLSessionTransport(), defaultAddress: server.url + "/")
        let metric = prometheusMetric(PrometheusMetric(query: "freightline_demo_success_ratio"))

        try await server.publish(["freightline_demo_success_ratio": 0.99])
        #expect(try await provider.measure(metric) == ProviderReading(result: .array([.double(0.99)]), text: "[0.99]"))
        // `+` in PromQL must reach Prometheus as a plus, not a space.
        let sum = try await provider.measure(prometheusMetric(PrometheusMetric(query: "freightline_demo_success_ratio + 1")))
        #expect(sum.text == "[1.99]")

        try await server.publish(["freightline_demo_success_ratio": 0.5, #"freightline_demo_errors{code="500"}"#: 3])
        #expect(try await provider.measure(metric).text == "[0.5]")
        let errors = try await provider.measure(prometheusMetric(PrometheusMetric(query: #"freightline_demo_errors{code="500"}"#)))
        #expect(errors.result == .array([.double(3)]))

        try await server.publish(["freightline_demo_success_ratio": .nan])
        let missing = try await provider.measure(metric)
        #expect(missing.text == "[NaN]")
        #expect(numbers(missing)?.first?.isNaN == true)

        let none = try await provider.measure(prometheusMetric(PrometheusMetric(query: "freightline_demo_absent")))
        #expect(none == ProviderReading(result: .array([]), text: "[]"))
    }
}

/// Failures that need no server, and the API answers a real Prometheus rarely gives.
struct PrometheusMetricProviderTests {
    @Test func anUnreachableAddressIsAnError() async {
        let provider = PrometheusMetricProvider(transport: URLSessionTransport())
        let message = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(prometheusMetric(PrometheusMetric(address: "http://127.0.0.1:1", query: "up")))
        }
        #expect(message?.hasPrefix("cannot reach http://127.0.0.1:1/api/v1/query") == true, "\(message ?? "")")
    }

    @Test func theRequestIsAnEncodedInstantQuery() async throws {
        let transport = RecordingTransport(body: #"{"status":"success","data":{"resultType":"vector","result":[]}}"#)
        let query = #"sum(rate(http_requests_total{code=~"5.."}[5m])) / 2 + 1 & x # y"#
        let metric = prometheusMetric(PrometheusMetric(
            address: "https://prom.example.com:9443/tenant/a/", query: query, timeout: 7,
            headers: [WebMetricHeader(key: "X-Scope-OrgID", value: "team-a")],
            authentication: MetricAuthentication(basicAuth: BasicAuth(username: "grafana", password: "token"))))
        _ = try await PrometheusMetricProvider(transport: transport).measure(metric)
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        let components = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false))
        #expect(components.host == "prom.example.com" && components.port == 9443)
        #expect(components.path == "/tenant/a/api/v1/query")
        #expect(components.queryItems == [URLQueryItem(name: "query", value: query)])
        #expect(components.percentEncodedQuery?.contains("+") == false)
        #expect(request.timeout == 7)
        #expect(request.header("X-Scope-OrgID") == "team-a")
        #expect(request.header("Authorization") == "Basic Z3JhZmFuYTp0b2tlbg==")
    }

    @Test func theMetricsOwnAuthorizationHeaderWins() async throws {
        let transport = RecordingTransport(body: #"{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}"#)
        let metric = prometheusMetric(PrometheusMetric(
            address: "http://prom:9090", query: "vector(2)",
            headers: [WebMetricHeader(key: "authorization", value: "Bearer abc")],
            authentication: MetricAuthentication(basicAuth: BasicAuth(username: "u", password: "p"))))
        let reading = try await PrometheusMetricProvider(transport: transport).measure(metric)
        #expect(reading == ProviderReading(result: .double(2), text: "2"))
        #expect(transport.requests.first?.headers == ["authorization": "Bearer abc"])
        #expect(transport.requests.first?.timeout == 30)
    }

    @Test(arguments: [
        (PrometheusMetric(query: "up"), nil,
         "prometheus address is not configured (set the metric's address or ARGO_ROLLOUTS_PROMETHEUS_ADDRESS)"),
        (PrometheusMetric(address: "prom:9090", query: "up"), nil, "prometheus address is not an absolute http or https URL"),
        (PrometheusMetric(query: "up"), "not a url", "prometheus address is not an absolute http or https URL"),
        (PrometheusMetric(address: "http://prom:9090"), nil, "prometheus metric has no query"),
        (PrometheusMetric(address: "http://prom:9090", query: "up", timeout: -1), nil, "prometheus timeout should not be negative"),
        (PrometheusMetric(address: "http://prom:9090", query: "up", rangeQuery: PrometheusRangeQueryArgs(start: "now() - duration('1h')", end: "now()", step: "1m")),
         nil, "prometheus rangeQuery is not supported yet; use an instant query over a range, such as avg_over_time(…[5m])"),
        (PrometheusMetric(address: "http://prom:9090", query: "up", authentication: MetricAuthentication(basicAuth: BasicAuth(password: "p"))),
         nil, "missing mandatory parameter in metric for basic auth setup: username"),
        (PrometheusMetric(address: "http://prom:9090", query: "up", authentication: MetricAuthentication(basicAuth: BasicAuth(username: "u"))),
         nil, "missing mandatory parameter in metric for basic auth setup: password"),
        (PrometheusMetric(address: "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/w", query: "up",
                          authentication: MetricAuthentication(sigv4: Sigv4Config(region: "eu-west-1"))),
         nil, "prometheus metric: sigv4 authentication is not supported by Freightline"),
    ] as [(PrometheusMetric, String?, String)])
    func invalidMetricsAreRefusedBeforeSending(prometheus: PrometheusMetric, defaultAddress: String?, message: String) async {
        let transport = RecordingTransport()
        let error = await measurementError { () async throws(MeasurementError) in
            try await PrometheusMetricProvider(transport: transport, defaultAddress: defaultAddress)
                .measure(prometheusMetric(prometheus))
        }
        #expect(error == message)
        #expect(transport.requests.isEmpty)
    }

    @Test(arguments: [
        (200, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"+Inf"]},{"metric":{},"value":[1,"-Inf"]},{"metric":{},"value":[1,"1e-7"]}]}}"#,
         "[+Inf,-Inf,0.0000001]"),
        (200, #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[1,"1"],[2,"2"]]},{"metric":{"a":"2"},"values":[[1,"3"]]}]}}"#,
         "[1,2,3]"),
        (200, #"{"status":"success","data":{"resultType":"scalar","result":[1,"12345678901234567890"]}}"#,
         "12345678901234567000"),
    ] as [(Int, String, String)])
    func samplesAreFormattedAsPrometheusFormatsThem(status: Int, body: String, text: String) throws {
        let reading = try PrometheusMetricProvider.reading(from: HTTPResponse(status: status, headers: [:], body: Array(body.utf8)))
        #expect(reading.text == text)
    }

    @Test func warningsAreKeptInMetadata() throws {
        let body = #"{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["partial response","slow"]}"#
        let reading = try PrometheusMetricProvider.reading(from: HTTPResponse(status: 200, headers: [:], body: Array(body.utf8)))
        #expect(reading.metadata == ["warnings": #""partial response", "slow""#])
    }

    @Test(arguments: [
        (422, #"{"status":"error","errorType":"execution","error":"query processing would load too many samples"}"#,
         "execution: query processing would load too many samples"),
        (503, #"{"status":"error","errorType":"unavailable","error":"not ready"}"#, "unavailable: not ready"),
        (400, #"{"status":"success","data":{"resultType":"vector","result":[]}}"#, "bad_response: inconsistent body for response code 400"),
        (502, "<html>Bad Gateway</html>", "server_error: server error: 502"),
        (404, "not found", "client_error: client error: 404"),
        (200, "<html>login</html>", "bad_response: the answer (HTTP 200) is not Prometheus API JSON"),
        (200, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"2"}]}]}}"#,
         "prometheus returned native histogram samples, which are not supported"),
    ] as [(Int, String, String)])
    func errorAnswersBecomeMeasurementErrors(status: Int, body: String, message: String) {
        #expect(throws: MeasurementError(message)) {
            try PrometheusMetricProvider.reading(from: HTTPResponse(status: status, headers: [:], body: Array(body.utf8)))
        }
    }
}
