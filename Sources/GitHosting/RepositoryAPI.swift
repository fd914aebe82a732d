import Foundation
import HTTPSupport

/// The hosting API as one repository's pull-request calls see it: `HostingAPIClient` plus the
/// provider and repository every `GitHostingError` names, so the three providers share the
/// sending, decoding and error mapping and keep only what differs.
package struct RepositoryAPI: Sendable {
    package var client: HostingAPIClient
    package var provider: GitHostingProviderKind
    package var repository: String

    package init(client: HostingAPIClient, provider: GitHostingProviderKind, repository: String) {
        self.client = client
        self.provider = provider
        self.repository = repository
    }

    /// Sends `request`, mapping every failure by status.
    @discardableResult
    package func send(_ request: HTTPRequest) async throws(GitHostingError) -> HTTPResponse {
        do throws(HostingAPIFailure) {
            return try await client.send(request)
        } catch {
            throw self.error(error)
        }
    }

    /// Sends `request` and decodes its JSON answer.
    package func json<Value: Decodable>(_ request: HTTPRequest, as type: Value.Type) async throws(GitHostingError) -> Value {
        try decode(type, from: try await send(request), for: request)
    }

    package func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, for request: HTTPRequest)
        throws(GitHostingError) -> Value {
        do throws(HostingAPIFailure) {
            return try client.decode(type, from: response, for: request)
        } catch {
            throw self.error(error)
        }
    }

    /// Every item of a list endpoint, following `Link` pages (at most `pageLimit`).
    package func list<Item: Decodable>(_ first: HTTPRequest, of type: Item.Type, pageLimit: Int = 20)
        async throws(GitHostingError) -> [Item] {
        var items: [Item] = []
        var request = first
        for _ in 0..<pageLimit {
            let response = try await send(request)
            items += try decode([Item].self, from: response, for: request)
            let next: URL?
            do throws(HostingAPIFailure) {
                next = try client.nextPage(after: response, for: request)
            } catch {
                throw self.error(error)
            }
            guard let next else { return items }
            request.url = next
        }
        return items
    }

    package func error(_ failure: HostingAPIFailure) -> GitHostingError {
        GitHostingError(failure, provider: provider, repository: repository)
    }

    package func call(_ request: HTTPRequest) -> GitHostingError.Call {
        GitHostingError.Call(provider: provider, repository: repository, request: HostingAPIClient.shown(request))
    }
}
