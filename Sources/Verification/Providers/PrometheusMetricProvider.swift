import Foundation
import Expressions
import HTTPSupport
import Pipeline

/// Argo Rollouts' `prometheus` provider over Prometheus's HTTP API: an instant query
/// (`GET {address}/api/v1/query?query=…`) whose samples are the measurement.
///
/// A scalar is a number; a vector is a list of its sample values and a matrix the list of
/// all its series' values, in order; their text is Prometheus's own sample formatting
/// (`0.99`, `[1,0.5]`, `NaN`, `+Inf`). Warnings go to `metadata["warnings"]`. `address`
/// falls back to `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`, handed in as `defaultAddress`.
/// `rangeQuery`, oauth2 and sigv4 are refused; `insecure` does not turn off certificate
/// checks (Foundation on Linux cannot).
public struct PrometheusMetricProvider: MetricProviding {
    public static let addressEnvironmentVariable = "ARGO_ROLLOUTS_PROMETHEUS_ADDRESS"
    public static let defaultTimeoutSeconds: Int64 = 30

    private let transport: any HTTPTransport
    private let defaultAddress: String?

    /// `defaultAddress`: the address for metrics that name none (Argo Rollouts reads it
    /// from `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`).
    public init(transport: any HTTPTransport, defaultAddress: String? = nil) {
        self.transport = transport
        self.defaultAddress = defaultAddress
    }

    public func measure(_ metric: Metric) async throws(MeasurementError) -> ProviderReading {
        guard let prometheus = metric.provider?.prometheus else {
            throw MeasurementError("metric '\(metric.name)' has no prometheus provider")
        }
        let request = try Self.request(for: prometheus, defaultAddress: defaultAddress)
        let response = try await MetricHTTP.send(request, with: transport)
        return try Self.reading(from: response)
    }

    /// The query request `prometheus` describes, or why it cannot be sent.
    static func request(for prometheus: PrometheusMetric, defaultAddress: String?) throws(MeasurementError) -> HTTPRequest {
        let address: String
        if let own = prometheus.address, !own.isEmpty {
            address = own
        } else if let fallback = defaultAddress, !fallback.isEmpty {
            address = fallback
        } else {
            throw MeasurementError("prometheus address is not configured (set the metric's address or \(addressEnvironmentVariable))")
        }
        guard let base = MetricHTTP.httpURL(address),
              var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        else { throw MeasurementError("prometheus address is not an absolute http or https URL") }
        if prometheus.rangeQuery != nil {
            throw MeasurementError("prometheus rangeQuery is not supported yet; use an instant query over a range, such as avg_over_time(…[5m])")
        }
        guard let query = prometheus.query, !query.isEmpty else { throw MeasurementError("prometheus metric has no query") }
        let timeout = prometheus.timeout ?? 0
        if timeout < 0 { throw MeasurementError("prometheus timeout should not be negative") }
        try MetricHTTP.rejectUnsupported(prometheus.authentication, provider: "prometheus")

        var headers: [String: String] = [:]
        if let basic = prometheus.authentication?.basicAuth {
            let username = basic.username ?? "", password = basic.password ?? ""
            if !username.isEmpty || !password.isEmpty {
                if username.isEmpty {
                    throw MeasurementError("missing mandatory parameter in metric for basic auth setup: username")
                }
                if password.isEmpty {
                    throw MeasurementError("missing mandatory parameter in metric for basic auth setup: password")
                }
                headers["Authorization"] = MetricHTTP.basicAuthorization(username: username, password: password)
            }
        }
        // As in Argo Rollouts, the metric's own headers are set last and win.
        try MetricHTTP.apply(prometheus.headers, to: &headers, provider: "prometheus")

        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        components.percentEncodedPath = path + "/api/v1/query"
        components.percentEncodedQuery = "query=" + formEncoded(query)
        components.fragment = nil
        guard let url = components.url else { throw MeasurementError("prometheus address is not an absolute http or https URL") }
        return HTTPRequest(method: "GET", url: url, headers: headers,
                           timeout: Double(timeout > 0 ? timeout : defaultTimeoutSeconds))
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, so `+`, `&`, `=`
    /// and `#` in PromQL reach Prometheus as written.
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// What an API answer means, as Prometheus's Go client and Argo Rollouts read it.
    static func reading(from response: HTTPResponse) throws(MeasurementError) -> ProviderReading {
        let status = response.status
        // 400, 422 and 503 carry the API's own error object; other non-2xx answers do not.
        let carriesAPIError = [400, 422, 503].contains(status)
        if !(200..<300).contains(status), !carriesAPIError {
            if (500..<600).contains(status) { throw MeasurementError("server_error: server error: \(status)") }
            if (400..<500).contains(status) { throw MeasurementError("client_error: client error: \(status)") }
            throw MeasurementError("bad_response: bad response code \(status)")
        }
        guard let answer = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)), answer.objectValue != nil else {
            throw MeasurementError("bad_response: the answer (HTTP \(status)) is not Prometheus API JSON")
        }
        if answer["status"]?.stringValue == "error" {
            let type = answer["errorType"]?.stringValue ?? "unknown"
            throw MeasurementError("\(type): \(answer["error"]?.stringValue ?? "")")
        }
        if carriesAPIError { throw MeasurementError("bad_response: inconsistent body for response code \(status)") }
        guard answer["status"]?.stringValue == "success", let data = answer["data"],
              let resultType = data["resultType"]?.stringValue
        else { throw MeasurementError("bad_response: the answer has no data.resultType") }

        var reading: ProviderReading
        switch resultType {
        case "scalar":
            let value = try sampleValue(data["result"])
            reading = ProviderReading(result: .double(value), text: GoFormatting.plainFloat(value))
        case "vector":
            let values = try (data["result"]?.arrayValue ?? []).map { sample throws(MeasurementError) in
                try sampleValue(sample["value"], histogram: sample["histogram"] != nil)
            }
            reading = listReading(values)
        case "matrix":
            var all: [Double] = []
            for series in data["result"]?.arrayValue ?? [] {
                if series["histograms"] != nil, series["values"] == nil { _ = try sampleValue(nil, histogram: true) }
                for pair in series["values"]?.arrayValue ?? [] { all.append(try sampleValue(pair)) }
            }
            reading = listReading(all)
        default:
            throw MeasurementError("Prometheus metric type not supported")
        }
        let warnings = answer["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !warnings.isEmpty {
            reading.metadata["warnings"] = warnings.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        return reading
    }

    private static func listReading(_ values: [Double]) -> ProviderReading {
        ProviderReading(result: .array(values.map { .double($0) }),
                        text: "[" + values.map(GoFormatting.plainFloat).joined(separator: ",") + "]")
    }

    /// The value of a `[timestamp, "value"]` pair; `NaN`, `+Inf` and `-Inf` included.
    private static func sampleValue(_ pair: JSONValue?, histogram: Bool = false) throws(MeasurementError) -> Double {
        if histogram, pair == nil {
            throw MeasurementError("prometheus returned native histogram samples, which are not supported")
        }
        guard let items = pair?.arrayValue, items.count == 2, let text = items[1].stringValue else {
            throw MeasurementError("bad_response: a sample is not a [timestamp, \"value\"] pair")
        }
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let value = Double(text) else { throw MeasurementError("bad_response: sample value \(text) is not a number") }
            return value
        }
    }
}
