import Expressions
import Foundation
import HTTPSupport
import Pipeline

/// `http`: one HTTP request whose response decides the step: `failureExpression` true fails
/// it for good, `successExpression` true (or, with neither expression, a 2xx) succeeds, and
/// anything else leaves it Running so the next run asks again — Kargo's polling semantics.
///
/// Expressions see `response.status`, `response.headers` (Go's `http.Header`: canonical
/// names such as `Content-Type`, each a list of values) and `response.body` (parsed JSON or
/// YAML, text for `text/plain`). Kargo's `response.header(name)` function is not offered.
/// `insecureSkipTLSVerify` is accepted but cannot be honoured: `URLSession` on Linux has no
/// hook to accept an untrusted certificate, so certificates are always verified. `proxy`
/// is refused for the same reason (no per-request proxy).
public struct HTTPStep: PromotionStepRunner {
    public static let name = "http"
    /// One session for every run of the step, so connections are reused.
    static let sharedTransport = URLSessionTransport()

    let transport: any HTTPTransport

    public init() { self.init(transport: Self.sharedTransport) }

    /// For tests: a transport that records or answers requests itself.
    public init(transport: any HTTPTransport) { self.transport = transport }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        var config = try StepConfig.decode(HTTPStepConfig.self, from: config, step: Self.name)
        // As in Kargo, an empty expression is no expression.
        if config.successExpression?.isEmpty == true { config.successExpression = nil }
        if config.failureExpression?.isEmpty == true { config.failureExpression = nil }
        let request = try config.request(context: context)
        let shown = URLSessionTransport.redacted(request.url)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .retryable("\(Self.name): \(error)")
        }
        let environment = HTTPResponseEnvironment(response, contentType: config.responseContentType)
        let evaluation = HTTPExpressionEvaluation(environment: environment.value, now: context.now)

        let failed = try config.failureExpression.map { expression throws(StepError) in
            try evaluation.condition(expression, field: "failureExpression")
        } ?? false
        if failed {
            var message = "\(Self.name): HTTP (\(response.status)) response met failure criteria"
            if let expression = config.errorExpression, !expression.isEmpty,
               let detail = try evaluation.errorMessage(expression) {
                message += ": \"\(detail.replacingOccurrences(of: "\"", with: "\\\""))\""
            }
            throw .terminal(message)
        }
        let succeeded: Bool
        switch (config.successExpression, config.failureExpression) {
        case (nil, nil):
            guard (200..<300).contains(response.status) else {
                throw .retryable("\(Self.name): \(request.method) \(shown) answered HTTP \(response.status)")
            }
            succeeded = true
        case (nil, .some):
            // Only failure criteria given: everything that does not meet them succeeds.
            succeeded = true
        case (.some(let expression), _):
            succeeded = try evaluation.condition(expression, field: "successExpression")
        }
        guard succeeded else {
            return StepResult(status: .running,
                              message: "HTTP (\(response.status)) response met neither success nor failure criteria")
        }
        var output: [String: JSONValue] = [:]
        for rule in config.outputs ?? [] {
            output[rule.name] = try evaluation.value(rule.fromExpression, field: "output `\(rule.name)`")
        }
        return StepResult(output: output)
    }
}
