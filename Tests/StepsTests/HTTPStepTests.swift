import Foundation
import HTTPSupport
import Pipeline
import TestSupport
import Testing
@testable import Steps

/// Answers every request with one response and keeps the requests it was sent.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    let response: HTTPResponse

    init(status: Int, headers: [String: String] = [:], body: String = "") {
        response = HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return response
    }
}

@Suite struct HTTPStepTests {
    private let json = ["content-type": "application/json; charset=utf-8", "x-request-id": "abc"]

    @Test func successExpressionOverStatusHeadersAndBodyGivesOutputs() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 200, headers: json, body: #"{"state":"ready","items":[{"id":7}]}"#)
        let result = try await HTTPStep(transport: transport).run(config: object([
            "url": "https://api.example.com/status",
            "successExpression": "response.status == 200 && response.body.state == 'ready' && response.headers['X-Request-Id'][0] == 'abc'",
            "outputs": [object(["name": "status", "fromExpression": "response.status"]),
                        object(["name": "first", "fromExpression": "response.body.items[0].id"]),
                        object(["name": "type", "fromExpression": "response.headers['Content-Type'][0]"])],
        ]), context: folder.context)
        #expect(result.status == .succeeded)
        #expect(result.output == ["status": .int(200), "first": .int(7), "type": "application/json; charset=utf-8"])
        #expect(transport.requests.map(\.method) == ["GET"])
        #expect(transport.requests.first?.timeout == 10)
    }

    @Test func failureExpressionFailsTerminallyWithTheErrorExpressionMessage() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 404, headers: json, body: #"{"message":"resource not found"}"#)
        await #expect(throws: StepError.terminal(#"http: HTTP (404) response met failure criteria: "resource not found""#)) {
            try await HTTPStep(transport: transport).run(config: object([
                "url": "https://api.example.com/x",
                "successExpression": "response.status == 200",
                "failureExpression": "response.status >= 400 && response.status < 500",
                "errorExpression": "response.body?.message ?? response.body?.error",
            ]), context: folder.context)
        }
    }

    @Test func failureTakesPrecedenceOverSuccess() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 200, headers: json, body: #"{"state":"failed"}"#)
        await #expect(throws: StepError.terminal("http: HTTP (200) response met failure criteria")) {
            try await HTTPStep(transport: transport).run(config: object([
                "url": "https://api.example.com/x",
                "successExpression": "response.status == 200",
                "failureExpression": "response.body.state == 'failed'",
            ]), context: folder.context)
        }
    }

    @Test func neitherConditionMetLeavesTheStepRunningWithoutOutputs() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 200, headers: json, body: #"{"state":"pending"}"#)
        let result = try await HTTPStep(transport: transport).run(config: object([
            "url": "https://api.example.com/x",
            "successExpression": "response.body.state == 'done'",
            "failureExpression": "response.body.state == 'failed'",
            "outputs": [object(["name": "state", "fromExpression": "response.body.state"])],
        ]), context: folder.context)
        #expect(result.status == .running)
        #expect(result.output.isEmpty)
        #expect(result.message == "HTTP (200) response met neither success nor failure criteria")
    }

    @Test func nonSuccessStatusWithoutExpressionsIsRetryable() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 503, body: "busy")
        await #expect(throws: StepError.retryable("http: GET https://api.example.com/x answered HTTP 503")) {
            try await HTTPStep(transport: transport).run(config: object([
                "url": "https://api.example.com/x?token=hidden",
            ]), context: folder.context)
        }
    }

    @Test func queryParamsHeadersMethodAndBodyAreSentAndSecretsStayOut() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 201, headers: ["content-type": "text/plain"], body: "created")
        let result = try await HTTPStep(transport: transport).run(config: object([
            "method": "POST",
            "url": "https://hooks.example.com/api?existing=1",
            "headers": [object(["name": "Authorization", "value": "Bearer s3cr3t"]),
                        object(["name": "Content-Type", "value": "application/json"])],
            "queryParams": [object(["name": "q", "value": "a b+c&d"])],
            "body": #"{"text":"hi"}"#,
            "timeout": "1m30s",
            "outputs": [object(["name": "text", "fromExpression": "response.body"])],
        ]), context: folder.context)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://hooks.example.com/api?existing=1&q=a%20b%2Bc%26d")
        #expect(request.headers == ["Authorization": "Bearer s3cr3t", "Content-Type": "application/json"])
        #expect(request.body == Array(#"{"text":"hi"}"#.utf8))
        #expect(request.timeout == 90)
        #expect(result.output == ["text": "created"])
        #expect(!"\(result)".contains("s3cr3t"))
    }

    @Test func onlyFailureExpressionSucceedsWhenNotMet() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 500)
        let result = try await HTTPStep(transport: transport).run(config: object([
            "url": "https://api.example.com/x", "failureExpression": "response.status == 404",
        ]), context: folder.context)
        #expect(result.status == .succeeded)
    }

    @Test func nonBooleanConditionAndProxyAreTerminal() async throws {
        let folder = try WorkFolder()
        let transport = RecordingTransport(status: 200)
        await #expect(throws: StepError.terminal("http: `successExpression` response.status gave a int, not a bool")) {
            try await HTTPStep(transport: transport).run(config: object([
                "url": "https://api.example.com/x", "successExpression": "response.status",
            ]), context: folder.context)
        }
        await #expect(throws: StepError.self) {
            try await HTTPStep(transport: transport).run(config: object([
                "url": "https://api.example.com/x", "proxy": "http://proxy:3128",
            ]), context: folder.context)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func theRegistryRunsItAsHttp() {
        #expect(StepRegistry.runner(named: "http") is HTTPStep)
    }
}

@Suite(.enabled(if: HelmRepositoryAvailability.available,
                "needs nginx (scripts/services.sh check helm)"))
struct HTTPStepServerTests {
    @Test func readsJSONFromARealServerAndNeedsCredentialsForThePrivateFolder() async throws {
        let server = try HelmRepositoryServer()
        let document = #"{"state":"ready","version":"1.4.2"}"#
        try Data(document.utf8).write(to: URL(fileURLWithPath: server.folder + "/status.json"))
        try FileManager.default.createDirectory(atPath: server.folder + "/private", withIntermediateDirectories: true)
        try Data(document.utf8).write(to: URL(fileURLWithPath: server.folder + "/private/status.json"))
        let folder = try WorkFolder()
        let step = HTTPStep()

        let result = try await step.run(config: object([
            "url": .string(server.url + "/status.json"),
            "queryParams": [object(["name": "probe", "value": "1"])],
            "successExpression": "response.status == 200 && response.body.state == 'ready'",
            "outputs": [object(["name": "version", "fromExpression": "response.body.version"]),
                        object(["name": "type", "fromExpression": "response.headers['Content-Type'][0]"])],
        ]), context: folder.context)
        // This nginx has no mime.types: the body is parsed by the JSON fallback for unknown types.
        #expect(result.output == ["version": "1.4.2", "type": "application/octet-stream"])
        #expect(server.requests(for: "/status.json?probe=1").map(\.method) == ["GET"])

        await #expect(throws: StepError.retryable("http: GET \(server.privateURL)/status.json answered HTTP 401")) {
            try await step.run(config: object(["url": .string(server.privateURL + "/status.json")]), context: folder.context)
        }
        let basic = Data("\(server.username):\(server.password)".utf8).base64EncodedString()
        let authorized = try await step.run(config: object([
            "url": .string(server.privateURL + "/status.json"),
            "headers": [object(["name": "Authorization", "value": .string("Basic " + basic)])],
            "outputs": [object(["name": "state", "fromExpression": "response.body.state"])],
        ]), context: folder.context)
        #expect(authorized.output == ["state": "ready"])
        #expect(!"\(authorized)".contains(server.password))
    }
}
