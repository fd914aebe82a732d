import Foundation
import Pipeline
import Testing
@testable import Discovery

/// A registry that wants bearer tokens, in memory: docker-registry's `auth: token` needs a
/// signing certificate and a token service, so the client side of the challenge flow is
/// checked against this stand-in, which speaks the distribution token protocol.
final class BearerRegistryStandIn: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [String] = []
    let username = "robot"
    let password = "s3cret-pw"

    var requests: [String] { lock.withLock { log } }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
        let authorization = request.headers["Authorization"]
        lock.withLock { log.append("\(components.host ?? "") \(components.path) \(authorization?.split(separator: " ").first ?? "-")") }
        if components.host == "auth.example" {
            let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
            let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
            guard authorization == expected, query["service"] == "registry.example",
                  let scope = query["scope"], scope.hasPrefix("repository:") else { return Self.json(401, "{}") }
            let repository = scope.dropFirst("repository:".count).split(separator: ":").first ?? ""
            return Self.json(200, #"{"token":"token-for-\#(repository)"}"#)
        }
        let path = components.path
        let repository = path.dropFirst("/v2/".count).components(separatedBy: "/tags/list").first ?? ""
        guard authorization == "Bearer token-for-\(repository)" else {
            return HTTPResponse(status: 401, headers: [
                "www-authenticate": #"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:\#(repository):pull""#,
            ], body: [])
        }
        return Self.json(200, #"{"name":"\#(repository)","tags":["1.0.0"]}"#)
    }

    private static func json(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json"], body: Array(text.utf8))
    }
}

@Suite struct ImageBearerAuthTests {
    @Test func aTokenIsFetchedOncePerRepositoryForTheRun() async throws {
        let standIn = BearerRegistryStandIn()
        let credentials = RegistryCredentials(username: standIn.username, password: standIn.password)
        let authorizations = RegistryAuthorizations()
        let reference = try #require(ImageRepositoryReference(repoURL: "registry.example/team/app"))
        let client = RegistryClient(reference: reference, repoURL: "registry.example/team/app", transport: standIn,
                                    credentials: credentials, authorizations: authorizations)
        #expect(try await client.tags() == ["1.0.0"])
        #expect(try await client.tags() == ["1.0.0"])
        #expect(standIn.requests == [
            "registry.example /v2/team/app/tags/list -",
            "auth.example /token Basic",
            "registry.example /v2/team/app/tags/list Bearer",
            "registry.example /v2/team/app/tags/list Bearer",
        ])

        // Another repository has its own scope, so its own token.
        let other = RegistryClient(reference: try #require(ImageRepositoryReference(repoURL: "registry.example/team/other")),
                                   repoURL: "registry.example/team/other", transport: standIn,
                                   credentials: credentials, authorizations: authorizations)
        #expect(try await other.tags() == ["1.0.0"])
        #expect(standIn.requests.filter { $0.hasPrefix("auth.example") }.count == 2)
    }

    @Test func aRefusedTokenIsUnauthorizedWithoutThePassword() async throws {
        let standIn = BearerRegistryStandIn()
        let wrong = RegistryCredentials(username: standIn.username, password: "wrong-pw-123")
        let reference = try #require(ImageRepositoryReference(repoURL: "registry.example/team/app"))
        let client = RegistryClient(reference: reference, repoURL: "registry.example/team/app", transport: standIn, credentials: wrong)
        do {
            _ = try await client.tags()
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .unauthorized)
            #expect(error.repository == "registry.example/team/app")
            #expect(!"\(error)".contains("wrong-pw-123"))
        }
    }
}
