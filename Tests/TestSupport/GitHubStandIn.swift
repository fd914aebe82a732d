import FlyingFox
import Foundation

/// A stand-in for GitHub's REST API (real GitHub cannot be reached from tests), speaking the
/// documented issue-comment endpoints on a free loopback port:
///
/// - `GET  {prefix}/repos/{owner}/{repo}/issues/{n}/comments` (`per_page` default 30, at most
///   100; `page` from 1; `Link` headers with `next`, `last`, `first`, `prev` as GitHub sends)
/// - `POST {prefix}/repos/{owner}/{repo}/issues/{n}/comments` (`{"body": …}` → 201)
/// - `PATCH {prefix}/repos/{owner}/{repo}/issues/comments/{id}` (`{"body": …}` → 200)
///
/// Every request must carry `Authorization: Bearer TOKEN` (or `token TOKEN`), else 401
/// `{"message":"Bad credentials"}`. Comments live in memory; every request is recorded
/// (method, path, query, headers, body) for tests to assert on. `prefix` is empty for
/// github.com's shape, `/api/v3` for GitHub Enterprise Server's.
public final class GitHubStandIn: @unchecked Sendable {
    public struct RecordedRequest: Sendable, Hashable {
        public var method: String
        public var path: String
        public var query: [String: String]
        /// Names lowercased.
        public var headers: [String: String]
        public var body: String
    }

    public struct Comment: Sendable, Hashable {
        public var id: Int64
        public var repository: String
        public var issue: Int
        public var body: String
        public var author: String
    }

    /// The API base URL to hand to the client: `http://127.0.0.1:PORT{prefix}`.
    public let apiURL: String
    /// The token requests must carry.
    public let token: String
    /// The login recorded as author of the comments the client creates.
    public let botLogin = "github-actions[bot]"

    private let http: LoopbackHTTPServer
    private let prefix: String
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var stored: [Comment] = []
    private var nextID: Int64 = 1_000_000_001

    /// Starts listening on 127.0.0.1 on a free port.
    public static func start(token: String = "ghs_standin\(UUID().uuidString.prefix(8))", prefix: String = "")
        async throws -> GitHubStandIn {
        let reference = LoopbackHTTPServer.WeakReference<GitHubStandIn>()
        let http = try await LoopbackHTTPServer.start(name: "github-stand-in") { request in
            let body = try await request.bodyData
            guard let standIn = reference.object else { return GitHubStandIn.json(503, ["message": "stopping"]) }
            return standIn.respond(to: request, body: body)
        }
        let standIn = GitHubStandIn(http: http, token: token, prefix: prefix)
        reference.object = standIn
        return standIn
    }

    /// Runs `body` with a started stand-in and stops it afterwards, whatever happens.
    public static func with<T>(token: String = "ghs_standin\(UUID().uuidString.prefix(8))", prefix: String = "",
                               _ body: (GitHubStandIn) async throws -> T) async throws -> T {
        try await LoopbackHTTPServer.run(start(token: token, prefix: prefix), stop: { await $0.stop() }, body)
    }

    private init(http: LoopbackHTTPServer, token: String, prefix: String) {
        self.http = http
        self.token = token
        self.prefix = prefix
        apiURL = http.baseURL + prefix
    }

    public func stop() async {
        await http.stop()
    }

    // MARK: what tests set up and read

    /// Adds comments to an issue (oldest first), as if people had written them; returns their ids.
    @discardableResult
    public func seed(repository: String, issue: Int, bodies: [String], author: String = "octocat") -> [Int64] {
        lock.withLock { bodies.map { insert(repository: repository, issue: issue, body: $0, author: author).id } }
    }

    /// The comments of an issue, oldest first.
    public func comments(repository: String, issue: Int) -> [Comment] {
        lock.withLock { stored.filter { $0.repository == repository && $0.issue == issue } }
    }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    public func forgetRequests() { lock.withLock { recorded.removeAll() } }

    // MARK: serving

    private func respond(to request: FlyingFox.HTTPRequest, body: Data) -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        var query: [String: String] = [:]
        for item in request.query { query[item.name] = item.value }
        let method = request.method.rawValue.uppercased()
        lock.withLock {
            recorded.append(RecordedRequest(method: method, path: request.path, query: query, headers: headers,
                                            body: String(decoding: body, as: UTF8.self)))
        }
        let authorization = headers["authorization"] ?? ""
        guard authorization == "Bearer \(token)" || authorization == "token \(token)" else {
            return Self.json(401, ["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"])
        }
        guard request.path.hasPrefix(prefix + "/repos/") else { return Self.notFound }
        let parts = request.path.dropFirst(prefix.count + "/repos/".count).split(separator: "/").map(String.init)
        // owner, repo, "issues", n, "comments"  |  owner, repo, "issues", "comments", id
        guard parts.count == 5, parts[2] == "issues" else { return Self.notFound }
        let repository = parts[0] + "/" + parts[1]
        if parts[4] == "comments", let issue = Int(parts[3]) {
            switch method {
            case "GET": return list(repository: repository, issue: issue, query: query)
            case "POST":
                guard let text = Self.commentBody(body) else { return Self.invalid }
                guard text.unicodeScalars.count <= Self.bodyLimit else { return Self.tooLong }
                let comment = lock.withLock { insert(repository: repository, issue: issue, body: text, author: botLogin) }
                return Self.json(201, representation(comment))
            default: return Self.json(405, ["message": "Method Not Allowed"])
            }
        }
        if parts[3] == "comments", let id = Int64(parts[4]) {
            guard method == "PATCH" else { return Self.json(405, ["message": "Method Not Allowed"]) }
            guard let text = Self.commentBody(body) else { return Self.invalid }
            guard text.unicodeScalars.count <= Self.bodyLimit else { return Self.tooLong }
            let updated: Comment? = lock.withLock {
                guard let index = stored.firstIndex(where: { $0.id == id && $0.repository == repository }) else { return nil }
                stored[index].body = text
                return stored[index]
            }
            return updated.map { Self.json(200, representation($0)) } ?? Self.notFound
        }
        return Self.notFound
    }

    private func list(repository: String, issue: Int, query: [String: String]) -> FlyingFox.HTTPResponse {
        let perPage = min(100, max(1, query["per_page"].flatMap(Int.init) ?? 30))
        let page = max(1, query["page"].flatMap(Int.init) ?? 1)
        let all = comments(repository: repository, issue: issue)
        let lastPage = max(1, (all.count + perPage - 1) / perPage)
        let slice = all.dropFirst((page - 1) * perPage).prefix(perPage)
        let base = "\(apiURL)/repos/\(repository)/issues/\(issue)/comments"
        func link(_ page: Int, _ relation: String) -> String { "<\(base)?per_page=\(perPage)&page=\(page)>; rel=\"\(relation)\"" }
        var links: [String] = []
        if page > 1 { links += [link(page - 1, "prev"), link(1, "first")] }
        if page < lastPage { links += [link(page + 1, "next"), link(lastPage, "last")] }
        var response = Self.json(200, slice.map(representation))
        if !links.isEmpty { response.headers[HTTPHeader("Link")] = links.joined(separator: ", ") }
        return response
    }

    /// Call with the lock held.
    private func insert(repository: String, issue: Int, body: String, author: String) -> Comment {
        let comment = Comment(id: nextID, repository: repository, issue: issue, body: body, author: author)
        nextID += 1
        stored.append(comment)
        return comment
    }

    private func representation(_ comment: Comment) -> [String: Any] {
        [
            "id": comment.id,
            "node_id": "IC_\(comment.id)",
            "url": "\(apiURL)/repos/\(comment.repository)/issues/comments/\(comment.id)",
            "html_url": "https://github.com/\(comment.repository)/pull/\(comment.issue)#issuecomment-\(comment.id)",
            "issue_url": "\(apiURL)/repos/\(comment.repository)/issues/\(comment.issue)",
            "body": comment.body,
            "user": ["login": comment.author, "type": comment.author.hasSuffix("[bot]") ? "Bot" : "User"],
            "created_at": "2026-11-23T09:00:00Z",
            "updated_at": "2026-11-23T09:00:00Z",
            "author_association": "NONE",
        ]
    }

    private static func commentBody(_ data: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["body"] as? String
    }

    private static var notFound: FlyingFox.HTTPResponse {
        json(404, ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"])
    }

    /// GitHub refuses longer comment bodies with 422.
    public static let bodyLimit = 65_536

    private static var tooLong: FlyingFox.HTTPResponse {
        json(422, ["message": "Validation Failed",
                   "errors": [["resource": "IssueComment", "code": "custom", "field": "body",
                               "message": "body is too long (maximum is 65536 characters)"]]])
    }

    private static var invalid: FlyingFox.HTTPResponse {
        json(422, ["message": "Invalid request.\n\n\"body\" wasn't supplied."])
    }

    private static func json(_ status: Int, _ value: Any) -> FlyingFox.HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)),
                                      headers: [.contentType: "application/json; charset=utf-8"], body: data)
    }

    private static func phrase(_ status: Int) -> String {
        [200: "OK", 201: "Created", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
         422: "Unprocessable Entity", 503: "Service Unavailable"][status] ?? "Status"
    }
}
