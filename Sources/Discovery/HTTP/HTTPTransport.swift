import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, as discovery needs it: registries (OCI distribution API) and Helm
/// repositories. A protocol so tests can count requests; the real one is `URLSessionTransport`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    /// Header names as sent; compare case-insensitively.
    public var headers: [String: String]
    public var timeout: Double

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], timeout: Double = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The request could not be completed at all (no HTTP status): unreachable host, refused
/// connection, timeout. Never carries a credential.
public struct DiscoveryNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public var url: String
    public var reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "cannot reach \(url): \(reason)" }
}

/// `URLSession` from Foundation: no redirects to other hosts carry our `Authorization`
/// header (URLSession drops it on cross-host redirects), no cookies, no cache.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let shown = Self.redacted(request.url)
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw DiscoveryNetworkError(url: shown, reason: "not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
        } catch let error as DiscoveryNetworkError {
            throw error
        } catch {
            throw DiscoveryNetworkError(url: shown, reason: error.localizedDescription)
        }
    }

    /// The URL without user info or query (where tokens sometimes travel).
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the registry" }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "the registry"
    }
}
