import Foundation
import HTTPSupport
import Pipeline

/// The `http` step's config (Kargo's `HTTPConfig` schema).
struct HTTPStepConfig: Decodable {
    struct NameValue: Decodable {
        var name: String
        var value: String
    }

    struct Output: Decodable {
        var name: String
        var fromExpression: String
    }

    var method: String?
    var url: String
    var headers: [NameValue]?
    var queryParams: [NameValue]?
    var body: String?
    var bodyFromFile: String?
    var insecureSkipTLSVerify: Bool?
    var proxy: String?
    var timeout: String?
    var pollInterval: String?
    var responseContentType: String?
    var successExpression: String?
    var failureExpression: String?
    var errorExpression: String?
    var outputs: [Output]?

    /// Kargo's default per-request timeout.
    static let defaultTimeout = 10.0

    /// The request the config describes. Header values never appear in an error.
    func request(context: StepContext) throws(StepError) -> HTTPRequest {
        let step = HTTPStep.name
        if let proxy, !proxy.isEmpty {
            throw .terminal("\(step): `proxy` is not supported by Freightline (no per-request proxy); use HTTPS_PROXY")
        }
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host != nil
        else { throw .terminal("\(step): `url` is not an absolute http(s) URL") }
        if let queryParams, !queryParams.isEmpty {
            components.queryItems = (components.queryItems ?? []) + queryParams.map { URLQueryItem(name: $0.name, value: $0.value) }
            // URLComponents leaves `+` alone, which servers read as a space.
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        guard let resolved = components.url else { throw .terminal("\(step): `url` with `queryParams` is not a valid URL") }
        var timeoutSeconds = Self.defaultTimeout
        if let timeout {
            let parsed: GoDuration
            do { parsed = try GoDuration(parsing: timeout) } catch {
                throw .terminal("\(step): `timeout` \(timeout): \(error)")
            }
            guard parsed.nanoseconds > 0 else { throw .terminal("\(step): `timeout` \(timeout) must be positive") }
            timeoutSeconds = parsed.seconds
        }
        var bodyBytes: [UInt8]?
        if let body, !body.isEmpty {
            if let bodyFromFile, !bodyFromFile.isEmpty {
                throw .terminal("\(step): `body` and `bodyFromFile` are mutually exclusive")
            }
            bodyBytes = Array(body.utf8)
        } else if let bodyFromFile, !bodyFromFile.isEmpty {
            let path = try context.workDirectory.resolve(bodyFromFile, field: "bodyFromFile")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .terminal("\(step): `bodyFromFile` \(bodyFromFile) cannot be read")
            }
            bodyBytes = Array(data)
        }
        var sentHeaders: [String: String] = [:]
        for header in headers ?? [] { sentHeaders[header.name] = header.value }
        return HTTPRequest(method: (method ?? "GET").uppercased(), url: resolved, headers: sentHeaders,
                           timeout: timeoutSeconds, body: bodyBytes)
    }
}
