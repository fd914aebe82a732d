import Foundation
import Expressions
import HTTPSupport
import Pipeline

/// Argo Rollouts' `web` provider: one HTTP request whose JSON answer, narrowed by
/// `jsonPath` (default `{$}`), is the measurement; an answer that is not JSON is the
/// result as text.
///
/// `method` is GET (default), POST or PUT; `body` or `jsonBody` (not both, not with GET),
/// `jsonBody` adding `Content-Type: application/json`; `headers`; `timeoutSeconds`
/// (default 10); `authentication.basicAuth`. `insecure: true` is accepted but does not
/// turn off certificate checks: Foundation's URLSession on Linux cannot skip them.
/// `authentication.oauth2` and `sigv4` are refused.
public struct WebMetricProvider: MetricProviding {
    public static let defaultTimeoutSeconds: Int64 = 10
    public static let defaultJSONPath = "{$}"

    private let transport: any HTTPTransport

    public init(transport: any HTTPTransport) {
        self.transport = transport
    }

    public func measure(_ metric: Metric) async throws(MeasurementError) -> ProviderReading {
        guard let web = metric.provider?.web else {
            throw MeasurementError("metric '\(metric.name)' has no web provider")
        }
        let request = try Self.request(for: web)
        let query = try Self.query(for: web)
        let response = try await MetricHTTP.send(request, with: transport)
        return try Self.reading(from: response, query: query)
    }

    /// The request `web` describes, or why it cannot be sent.
    static func request(for web: WebMetric) throws(MeasurementError) -> HTTPRequest {
        guard let text = web.url, !text.isEmpty else { throw MeasurementError("web metric has no url") }
        guard let url = MetricHTTP.httpURL(text) else {
            throw MeasurementError("web metric url is not an absolute http or https URL")
        }
        let method = (web.method ?? "").isEmpty ? "GET" : web.method!.uppercased()
        guard ["GET", "POST", "PUT"].contains(method) else {
            throw MeasurementError("web metric method must be GET, POST or PUT, not \(web.method!)")
        }
        let body = web.body ?? ""
        if !body.isEmpty, web.jsonBody != nil {
            throw MeasurementError("web metric: use either body or jsonBody, not both")
        }
        if !body.isEmpty || web.jsonBody != nil, method == "GET" {
            throw MeasurementError("web metric: body and jsonBody can only be used with the POST or PUT method")
        }
        try MetricHTTP.rejectUnsupported(web.authentication, provider: "web")

        var headers: [String: String] = [:]
        if let basic = web.authentication?.basicAuth {
            let username = basic.username ?? "", password = basic.password ?? ""
            if !username.isEmpty || !password.isEmpty {
                headers["Authorization"] = MetricHTTP.basicAuthorization(username: username, password: password)
            }
        }
        try MetricHTTP.apply(web.headers, to: &headers, provider: "web")
        var payload: [UInt8]?
        if let json = web.jsonBody {
            payload = Array(GoFormatting.json(json).utf8)
            MetricHTTP.setHeader("Content-Type", "application/json", in: &headers)
        } else if !body.isEmpty {
            payload = Array(body.utf8)
        }
        let seconds = (web.timeoutSeconds ?? 0) > 0 ? web.timeoutSeconds! : defaultTimeoutSeconds
        return HTTPRequest(method: method, url: url, headers: headers, timeout: Double(seconds), body: payload)
    }

    static func query(for web: WebMetric) throws(MeasurementError) -> JSONPathQuery {
        let template = (web.jsonPath ?? "").isEmpty ? defaultJSONPath : web.jsonPath!
        do {
            return try JSONPathQuery(template)
        } catch {
            throw MeasurementError("web metric jsonPath: \(error.message)")
        }
    }

    /// What a response means: a non-2xx status is an error; a JSON body is narrowed by
    /// `query` and recorded as Go's `json.Marshal` prints it; any other body is the result
    /// as it is.
    static func reading(from response: HTTPResponse, query: JSONPathQuery) throws(MeasurementError) -> ProviderReading {
        guard (200..<300).contains(response.status) else {
            throw MeasurementError("received non 2xx response code: \(response.status)")
        }
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)) else {
            let text = String(decoding: response.body, as: UTF8.self)
            return ProviderReading(result: .string(text), text: text)
        }
        let value: JSONValue?
        do {
            value = try query.firstValue(in: document)
        } catch {
            throw MeasurementError("could not find JSONPath \(query.template) in body: \(error.message)")
        }
        guard let value else { throw MeasurementError("result of web metric produced no value") }
        return ProviderReading(result: value, text: GoFormatting.json(value))
    }
}
