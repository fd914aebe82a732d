import Foundation
import HTTPSupport
import Pipeline

/// What the web and Prometheus providers share about building a request: case-insensitive
/// headers, basic credentials, the authentication Freightline cannot do, and turning a
/// transport failure into a measurement error.
enum MetricHTTP {
    /// Sets `name` to `value`, replacing any header of the same name in another case.
    static func setHeader(_ name: String, _ value: String, in headers: inout [String: String]) {
        for existing in headers.keys where existing.caseInsensitiveCompare(name) == .orderedSame {
            headers.removeValue(forKey: existing)
        }
        headers[name] = value
    }

    /// The metric's `headers`, set in order (a later one wins), after whatever is in `headers`.
    static func apply(_ list: [WebMetricHeader]?, to headers: inout [String: String], provider: String)
        throws(MeasurementError) {
        for (index, header) in (list ?? []).enumerated() {
            guard let key = header.key, !key.isEmpty else {
                throw MeasurementError("\(provider) metric header \(index) has no key")
            }
            setHeader(key, header.value ?? "", in: &headers)
        }
    }

    static func basicAuthorization(username: String, password: String) -> String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    /// oauth2 (client credentials) and sigv4 signing need token exchanges and AWS
    /// credentials that Freightline does not do; a metric that asks for them fails plainly
    /// instead of being sent without its credentials.
    static func rejectUnsupported(_ authentication: MetricAuthentication?, provider: String) throws(MeasurementError) {
        if let oauth2 = authentication?.oauth2, !(oauth2.tokenUrl ?? "").isEmpty {
            throw MeasurementError("\(provider) metric: oauth2 authentication is not supported by Freightline (use basicAuth or a header)")
        }
        if let sigv4 = authentication?.sigv4,
           !(sigv4.region ?? "").isEmpty || !(sigv4.profile ?? "").isEmpty || !(sigv4.roleArn ?? "").isEmpty {
            throw MeasurementError("\(provider) metric: sigv4 authentication is not supported by Freightline")
        }
    }

    /// An absolute http(s) URL with a host, or nil.
    static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    static func send(_ request: HTTPRequest, with transport: any HTTPTransport) async throws(MeasurementError) -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch {
            throw MeasurementError(error.description)
        }
    }
}
