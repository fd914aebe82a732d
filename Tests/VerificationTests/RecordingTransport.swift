import Foundation
import HTTPSupport

/// An `HTTPTransport` that records every request and answers each with the same canned
/// response: for checking the request a provider builds (method, body, headers) where no
/// real server here can receive it.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    private let response: HTTPResponse

    init(status: Int = 200, body: String = "{}") {
        response = HTTPResponse(status: status, headers: [:], body: Array(body.utf8))
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return response
    }
}

extension HTTPRequest {
    /// The value of header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
