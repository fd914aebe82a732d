import Foundation
@testable import GitHosting
import HTTPSupport
import Testing
import TestSupport

/// `GitHubClient` against the FlyingFox stand-in that speaks GitHub's documented endpoints.
@Suite struct GitHubClientTests {
    static let repository = GitHubRepository(owner: "acme", name: "gitops")
    static let issue = GitHubIssue(repository: repository, number: 7)

    static func client(_ standIn: GitHubStandIn, token: String? = nil) throws -> GitHubClient {
        GitHubClient(apiURL: try GitHubClient.apiURL(parsing: standIn.apiURL), token: GitHubToken(token ?? standIn.token),
                     userAgent: "freightline/test")
    }

    @Test func everyRequestCarriesGitHubsHeaders() async throws {
        try await GitHubStandIn.with { standIn in
            let client = try Self.client(standIn)
            let created = try await client.createComment(on: Self.issue, body: "hello")
            _ = try await client.updateComment(created.id, in: Self.repository, body: "hello again")
            _ = try await client.comments(of: Self.issue)
            let requests = standIn.requests
            #expect(requests.map(\.method) == ["POST", "PATCH", "GET"])
            #expect(requests.map(\.path) == ["/repos/acme/gitops/issues/7/comments",
                                             "/repos/acme/gitops/issues/comments/\(created.id)",
                                             "/repos/acme/gitops/issues/7/comments"])
            for request in requests {
                #expect(request.headers["authorization"] == "Bearer \(standIn.token)")
                #expect(request.headers["accept"] == "application/vnd.github+json")
                #expect(request.headers["x-github-api-version"] == "2022-11-28")
                #expect(request.headers["user-agent"] == "freightline/test")
            }
            #expect(requests[0].headers["content-type"] == "application/json")
            #expect(requests[0].body == #"{"body":"hello"}"#)
            #expect(standIn.comments(repository: "acme/gitops", issue: 7).map(\.body) == ["hello again"])
            #expect(created.htmlURL == "https://github.com/acme/gitops/pull/7#issuecomment-\(created.id)")
            #expect(created.author == standIn.botLogin)
        }
    }

    @Test func listingFollowsTheNextLinksToTheLastPage() async throws {
        try await GitHubStandIn.with { standIn in
            standIn.seed(repository: "acme/gitops", issue: 7, bodies: (1...250).map { "comment \($0)" })
            let comments = try await Self.client(standIn).comments(of: Self.issue)
            #expect(comments.map(\.body) == (1...250).map { "comment \($0)" })
            let pages = standIn.requests.map { $0.query["page"] ?? "1" }
            #expect(pages == ["1", "2", "3"])
            #expect(standIn.requests.allSatisfy { $0.query["per_page"] == "100" })
        }
    }

    @Test func enterpriseBaseURLKeepsItsPathPrefix() async throws {
        try await GitHubStandIn.with(prefix: "/api/v3") { standIn in
            standIn.seed(repository: "acme/gitops", issue: 7, bodies: (1...120).map { "c\($0)" })
            let comments = try await Self.client(standIn).comments(of: Self.issue)
            #expect(comments.count == 120)
            #expect(standIn.requests.map(\.path) == ["/api/v3/repos/acme/gitops/issues/7/comments",
                                                     "/api/v3/repos/acme/gitops/issues/7/comments"])
        }
    }

    @Test func aWrongTokenIsUnauthorizedWithGitHubsMessageAndNoToken() async throws {
        try await GitHubStandIn.with { standIn in
            let client = try Self.client(standIn, token: "ghp_wrongwrongwrong")
            let error = await #expect(throws: GitHubError.self) { try await client.comments(of: Self.issue) }
            guard case .unauthorized(let request, let message)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(message == "Bad credentials")
            #expect(request == "GET \(standIn.apiURL)/repos/acme/gitops/issues/7/comments")
            #expect(!"\(error!)".contains("ghp_wrongwrongwrong"))
        }
    }

    @Test func anUnknownCommentIsNotFound() async throws {
        try await GitHubStandIn.with { standIn in
            let error = await #expect(throws: GitHubError.self) {
                try await Self.client(standIn).updateComment(42, in: Self.repository, body: "x")
            }
            guard case .notFound(_, let message)? = error else {
                Issue.record("expected notFound, got \(String(describing: error))")
                return
            }
            #expect(message == "Not Found")
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        // A stand-in that has stopped leaves its port closed.
        let standIn = try await GitHubStandIn.start()
        let client = try Self.client(standIn)
        await standIn.stop()
        let error = await #expect(throws: GitHubError.self) { try await client.comments(of: Self.issue) }
        guard case .unreachable? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
    }

    @Test func aNextLinkToAnotherHostIsNotFollowed() async throws {
        let transport = CannedTransport(status: 200, headers: ["link": #"<https://evil.example/steal?page=2>; rel="next""#], body: "[]")
        let client = GitHubClient(token: GitHubToken("ghp_tokentoken"), transport: transport)
        let error = await #expect(throws: GitHubError.self) { try await client.comments(of: Self.issue) }
        guard case .malformedResponse? = error else {
            Issue.record("expected malformedResponse, got \(String(describing: error))")
            return
        }
        #expect(transport.requests.map(\.url.host) == ["api.github.com"])
    }

    @Test func aServerEchoingTheTokenGetsItRedacted() async throws {
        let transport = CannedTransport(status: 403, headers: [:], body: #"{"message":"token ghp_tokentoken lacks scope"}"#)
        let client = GitHubClient(token: GitHubToken("ghp_tokentoken"), transport: transport)
        let error = await #expect(throws: GitHubError.self) { try await client.createComment(on: Self.issue, body: "x") }
        #expect(error == .forbidden(request: "POST https://api.github.com/repos/acme/gitops/issues/7/comments",
                                    message: "token [redacted] lacks scope"))
    }

    @Test func publishingCreatesThenUpdatesThenLeavesAlone() async throws {
        try await GitHubStandIn.with { standIn in
            let client = try Self.client(standIn)
            standIn.seed(repository: "acme/gitops", issue: 7, bodies: ["first!"])
            let first = try await client.publish(try MarkedComment(text: "plan v1"), on: Self.issue)
            let second = try await client.publish(try MarkedComment(text: "plan v2"), on: Self.issue)
            let third = try await client.publish(try MarkedComment(text: "plan v2"), on: Self.issue)
            #expect([first.outcome, second.outcome, third.outcome] == [.created, .updated, .unchanged])
            #expect(first.comment.id == second.comment.id && second.comment.id == third.comment.id)
            #expect(standIn.comments(repository: "acme/gitops", issue: 7).map(\.body)
                    == ["first!", "<!-- freightline:plan -->\nplan v2"])
            #expect(standIn.requests.map(\.method) == ["GET", "POST", "GET", "PATCH", "GET"])
        }
    }
}

/// Answers every request with one canned response and records what was sent.
final class CannedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    private let response: HTTPResponse

    init(status: Int, headers: [String: String], body: String) {
        response = HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return response
    }
}
