import Foundation
import HTTPSupport
import Pipeline
import TestSupport
import Testing
@testable import Verification

private func webMetric(_ web: WebMetric) -> Metric {
    Metric(name: "web-check", provider: MetricProvider(web: web))
}

private let statusDocument = """
{"status": "ok", "name": "<a&b>", "data": {"ok": true, "ratio": 0.99, "items": [{"value": 5}, {"value": 7}]}, "empty": []}
"""

/// The web provider against a real HTTP server: nginx serving static files, with basic auth
/// under /private (scripts/services.sh start helm, which is exactly that).
@Suite(.enabled(if: HelmRepositoryAvailability.available,
                "needs nginx and openssl or htpasswd (scripts/install-deps.sh); CI=true fails instead"))
struct WebMetricProviderServerTests {
    let provider = WebMetricProvider(transport: URLSessionTransport())

    @Test func jsonPathSelectsFromARealAnswer() async throws {
        let server = try HelmRepositoryServer()
        try Data(statusDocument.utf8).write(to: URL(fileURLWithPath: server.folder + "/status.json"))
        let url = server.url + "/status.json"
        let cases: [(String?, JSONValue, String)] = [
            ("{$.status}", .string("ok"), #""ok""#),
            ("{$.data.ok}", .bool(true), "true"),
            ("{$.data.ratio}", .double(0.99), "0.99"),
            ("{$.data.items[1].value}", .int(7), "7"),
            ("{.data.items[0]}", .object(["value": .int(5)]), #"{"value":5}"#),
            ("{$.name}", .string("<a&b>"), #""\u003ca\u0026b\u003e""#),
        ]
        for (path, result, text) in cases {
            let reading = try await provider.measure(webMetric(WebMetric(url: url, jsonPath: path)))
            #expect(reading == ProviderReading(result: result, text: text), "\(path ?? "default")")
        }
        // No jsonPath: the whole document, marshalled with sorted keys as Go does.
        let whole = try await provider.measure(webMetric(WebMetric(url: url)))
        #expect(whole.text == #"{"data":{"items":[{"value":5},{"value":7}],"ok":true,"ratio":0.99},"#
            + #""empty":[],"name":"\u003ca\u0026b\u003e","status":"ok"}"#)
        #expect(whole.result["data"]?["ratio"] == .double(0.99))
        #expect(whole.phase == nil)
    }

    @Test func aPathThatFindsNothingIsAnError() async throws {
        let server = try HelmRepositoryServer()
        try Data(statusDocument.utf8).write(to: URL(fileURLWithPath: server.folder + "/status.json"))
        let url = server.url + "/status.json"
        let missing = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: url, jsonPath: "{$.data.nope}")))
        }
        #expect(missing == "could not find JSONPath {$.data.nope} in body: nope is not found")
        let outOfRange = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: url, jsonPath: "{$.data.items[2]}")))
        }
        #expect(outOfRange == "could not find JSONPath {$.data.items[2]} in body: array index out of bounds: index 2, length 2")
        let nothing = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: url, jsonPath: "{$.empty[*]}")))
        }
        #expect(nothing == "result of web metric produced no value")
    }

    @Test func aBodyThatIsNotJSONIsTheResultAsText() async throws {
        let server = try HelmRepositoryServer()
        try Data("all good: 42 requests\n".utf8).write(to: URL(fileURLWithPath: server.folder + "/health.txt"))
        let reading = try await provider.measure(webMetric(WebMetric(url: server.url + "/health.txt", jsonPath: "{$.ignored}")))
        #expect(reading == ProviderReading(result: .string("all good: 42 requests\n"), text: "all good: 42 requests\n"))
    }

    @Test func aNon2xxAnswerIsAnError() async throws {
        let server = try HelmRepositoryServer()
        let message = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: server.url + "/missing.json")))
        }
        #expect(message == "received non 2xx response code: 404")
    }

    @Test func basicAuthReachesTheServer() async throws {
        let server = try HelmRepositoryServer()
        try Data(#"{"ok": true}"#.utf8).write(to: URL(fileURLWithPath: server.folder + "/private/secret.json"))
        let url = server.privateURL + "/secret.json"
        let right = MetricAuthentication(basicAuth: BasicAuth(username: server.username, password: server.password))
        let reading = try await provider.measure(webMetric(WebMetric(url: url, jsonPath: "{$.ok}", authentication: right)))
        #expect(reading.result == .bool(true))
        #expect(server.requests(for: "/private/secret.json").map(\.user) == [server.username])

        let wrong = MetricAuthentication(basicAuth: BasicAuth(username: server.username, password: "not-" + server.password))
        let refused = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: url, authentication: wrong)))
        }
        #expect(refused == "received non 2xx response code: 401")
        let anonymous = await measurementError { () async throws(MeasurementError) in
            try await provider.measure(webMetric(WebMetric(url: url)))
        }
        #expect(anonymous == "received non 2xx response code: 401")
        #expect(!(refused ?? "").contains(server.password))
    }
}

/// The web provider's requests as built (a recording transport), and its refusals.
struct WebMetricProviderRequestTests {
    @Test func aJSONBodyIsPostedAsJSON() async throws {
        let transport = RecordingTransport(body: #"{"accepted": 3}"#)
        let web = WebMetric(url: "https://metrics.example.com/query?team=a", method: "POST",
                            headers: [WebMetricHeader(key: "content-type", value: "text/plain"),
                                      WebMetricHeader(key: "X-Scope", value: "tenant-1")],
                            jsonBody: .object(["query": .string("rate(x[5m])"), "limit": .int(3), "flags": .array([.bool(true)])]),
                            jsonPath: "{$.accepted}", timeoutSeconds: 3)
        let reading = try await WebMetricProvider(transport: transport).measure(webMetric(web))
        #expect(reading == ProviderReading(result: .int(3), text: "3"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://metrics.example.com/query?team=a")
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == #"{"flags":[true],"limit":3,"query":"rate(x[5m])"}"#)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.headers.keys.filter { $0.lowercased() == "content-type" }.count == 1)
        #expect(request.header("X-Scope") == "tenant-1")
        #expect(request.timeout == 3)
    }

    @Test func aTextBodyIsSentAsWritten() async throws {
        let transport = RecordingTransport()
        let web = WebMetric(url: "http://127.0.0.1:8080/check", method: "put", body: "ratio=0.99&window=5m")
        _ = try await WebMetricProvider(transport: transport).measure(webMetric(web))
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.body == Array("ratio=0.99&window=5m".utf8))
        #expect(request.header("Content-Type") == nil)
        #expect(request.timeout == 10)
    }

    @Test func basicAuthIsAnAuthorizationHeader() async throws {
        let transport = RecordingTransport()
        let web = WebMetric(url: "http://127.0.0.1:8080/check",
                            authentication: MetricAuthentication(basicAuth: BasicAuth(username: "ci", password: "s3cret")))
        _ = try await WebMetricProvider(transport: transport).measure(webMetric(web))
        #expect(transport.requests.first?.header("Authorization") == "Basic Y2k6czNjcmV0")
        #expect(transport.requests.first?.method == "GET")
        #expect(transport.requests.first?.body == nil)
    }

    @Test(arguments: [
        (WebMetric(url: "http://x/", method: "POST", body: "a", jsonBody: .object([:])), "web metric: use either body or jsonBody, not both"),
        (WebMetric(url: "http://x/", body: "a"), "web metric: body and jsonBody can only be used with the POST or PUT method"),
        (WebMetric(url: "http://x/", method: "GET", jsonBody: .int(1)), "web metric: body and jsonBody can only be used with the POST or PUT method"),
        (WebMetric(url: "http://x/", method: "DELETE"), "web metric method must be GET, POST or PUT, not DELETE"),
        (WebMetric(), "web metric has no url"),
        (WebMetric(url: "/relative/path"), "web metric url is not an absolute http or https URL"),
        (WebMetric(url: "http://x/", jsonPath: "{$.a[?(@.b)]}"), "web metric jsonPath: filters in JSONPath {$.a[?(@.b)]} are not supported"),
        (WebMetric(url: "http://x/", authentication: MetricAuthentication(oauth2: OAuth2Config(tokenUrl: "https://t/", clientId: "c", clientSecret: "s"))),
         "web metric: oauth2 authentication is not supported by Freightline (use basicAuth or a header)"),
        (WebMetric(url: "http://x/", authentication: MetricAuthentication(sigv4: Sigv4Config(region: "eu-west-1"))),
         "web metric: sigv4 authentication is not supported by Freightline"),
    ] as [(WebMetric, String)])
    func invalidMetricsAreRefusedBeforeSending(web: WebMetric, message: String) async {
        let transport = RecordingTransport()
        let error = await measurementError { () async throws(MeasurementError) in
            try await WebMetricProvider(transport: transport).measure(webMetric(web))
        }
        #expect(error == message)
        #expect(transport.requests.isEmpty)
    }

    @Test func anUnreachableServerIsAnError() async throws {
        let error = await measurementError { () async throws(MeasurementError) in
            try await WebMetricProvider(transport: URLSessionTransport()).measure(webMetric(WebMetric(url: "http://127.0.0.1:1/health?token=t0ps3cret")))
        }
        #expect(error?.hasPrefix("cannot reach http://127.0.0.1:1/health") == true, "\(error ?? "")")
        #expect(error?.contains("t0ps3cret") == false)
    }
}
