import FlyingFox
import Foundation

/// A stand-in for the pull-request APIs of GitHub, GitLab and Gitea (none of them can be
/// reached from tests), all three on one free loopback port, each under its own prefix:
///
/// - GitHub REST v3 under `/api/v3` (Enterprise Server's shape): `GET|POST /repos/{o}/{r}/pulls`
///   (`state`, `head=owner:branch`, `base`), `GET /repos/{o}/{r}/pulls/{n}`,
///   `PUT /repos/{o}/{r}/pulls/{n}/merge` (`merge_method`, `sha`),
///   `POST /repos/{o}/{r}/issues/{n}/labels`. Token: `Authorization: Bearer|token TOKEN`.
/// - GitLab REST v4 under `/api/v4`: `GET|POST /projects/{id}/merge_requests` (`state`,
///   `source_branch`, `target_branch`), `GET|PUT /projects/{id}/merge_requests/{iid}`
///   (`add_labels`), `PUT …/{iid}/merge` (`squash`, `sha`); `{id}` is the URL-encoded project
///   path. Token: `PRIVATE-TOKEN: TOKEN`.
/// - Gitea REST v1 under `/api/v1`: `GET|POST /repos/{o}/{r}/pulls` (`state`, `limit`,
///   `page`, `Link` headers), `GET /repos/{o}/{r}/pulls/{n}`, `POST …/pulls/{n}/merge`
///   (`{"Do": …, "head_commit_id": …}`, empty 200). Token: `Authorization: token TOKEN`.
///
/// Pull requests live in memory, numbered per repository from 1, shared by the three APIs.
/// With a bare repository attached (`attach(repository:bare:)`), creating one checks that the
/// source has commits the target lacks, and merging really moves the target branch on disk
/// (a merge commit, a squash commit or a fast-forward), so later steps see the merged branch.
/// Every request is recorded (API, method, raw path, query, headers, body); faults can be
/// injected for the next requests.
public final class GitHostingStandIn: @unchecked Sendable {
    public enum API: String, Sendable, Hashable, CaseIterable {
        case github, gitlab, gitea

        /// Where the API is mounted on the stand-in.
        public var prefix: String {
            switch self {
            case .github: "/api/v3"
            case .gitlab: "/api/v4"
            case .gitea: "/api/v1"
            }
        }
    }

    public struct RecordedRequest: Sendable, Hashable {
        public var api: API?
        public var method: String
        /// As sent, percent-encoding kept (`/api/v4/projects/acme%2Fgitops/merge_requests`).
        public var path: String
        public var query: [String: String]
        /// Names lowercased.
        public var headers: [String: String]
        public var body: String

        /// The body as a JSON object, for assertions.
        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        }
    }

    public enum State: String, Sendable, Hashable {
        case open, closed, merged
    }

    public struct PullRequest: Sendable, Hashable {
        public var repository: String
        public var number: Int
        public var source: String
        public var target: String
        public var title: String
        public var description: String
        public var labels: [String]
        public var state: State
        public var mergeable = true
        /// Why not mergeable, in the API's words (GitHub `mergeable_state`, GitLab
        /// `detailed_merge_status`); nil: the API's usual one.
        public var blocker: String?
        public var mergeCommitSHA: String?
        /// The head commit when no bare repository is attached.
        public var fixedHeadSHA: String
        /// The merge method the API was asked for.
        public var mergedWith: String?
    }

    /// An answer given instead of the real one.
    public struct Fault: Sendable {
        public var status: Int
        public var message: String?
        public var headers: [String: String]
        /// Only requests with this method fail; nil: any.
        public var method: String?
        public var remaining: Int
    }

    /// `http://127.0.0.1:PORT`: the host of the repository URLs (`repoURL(_:)`).
    public let baseURL: String
    public let token: String

    private let http: LoopbackHTTPServer
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var stored: [PullRequest] = []
    private var bares: [String: String] = [:]
    private var faults: [Fault] = []

    /// Starts listening on 127.0.0.1 on a free port.
    public static func start(token: String = "glpat-standin\(UUID().uuidString.prefix(8))") async throws
        -> GitHostingStandIn {
        let reference = LoopbackHTTPServer.WeakReference<GitHostingStandIn>()
        let http = try await LoopbackHTTPServer.start(name: "git-hosting-stand-in") { request in
            let body = try await request.bodyData
            guard let standIn = reference.object else { return GitHostingStandIn.json(503, ["message": "stopping"]) }
            return standIn.respond(to: request, body: body)
        }
        let standIn = GitHostingStandIn(http: http, token: token)
        reference.object = standIn
        return standIn
    }

    /// Runs `body` with a started stand-in and stops it afterwards, whatever happens.
    public static func with<T>(token: String = "glpat-standin\(UUID().uuidString.prefix(8))",
                               _ body: (GitHostingStandIn) async throws -> T) async throws -> T {
        try await LoopbackHTTPServer.run(start(token: token), stop: { await $0.stop() }, body)
    }

    private init(http: LoopbackHTTPServer, token: String) {
        self.http = http
        self.token = token
        baseURL = http.baseURL
    }

    public func stop() async {
        await http.stop()
    }

    // MARK: what tests set up and read

    /// The API base URL a client of `api` uses.
    public func apiURL(_ api: API) -> String { baseURL + api.prefix }

    /// The clone URL of `repository` on this host (from which `/api/vN` is derived).
    public func repoURL(_ repository: String = "acme/gitops") -> String { "\(baseURL)/\(repository).git" }

    /// Backs `repository` by the bare repository at `bare`: branches are checked and merges
    /// move them there.
    public func attach(repository: String, bare: String) {
        lock.withLock { bares[repository] = bare }
    }

    /// Every pull request of `repository`, by number.
    public func pullRequests(repository: String = "acme/gitops") -> [PullRequest] {
        lock.withLock { stored.filter { $0.repository == repository } }
    }

    /// Opens a pull request as if someone had; returns its number.
    @discardableResult
    public func seed(repository: String = "acme/gitops", source: String, target: String, title: String = "seeded",
                     labels: [String] = []) -> Int {
        lock.withLock { insert(repository: repository, source: source, target: target, title: title, description: "",
                               labels: labels).number }
    }

    /// Merges pull request `number` as someone clicking the button would; returns the merge commit.
    @discardableResult
    public func merge(_ number: Int, repository: String = "acme/gitops", method: String = "merge") throws -> String {
        try lock.withLock {
            guard let index = index(repository, number) else { throw StandInError("no pull request #\(number)") }
            switch performMerge(at: index, method: method) {
            case .success(let sha): return sha
            case .failure(let refusal): throw StandInError(refusal.message)
            }
        }
    }

    /// Closes pull request `number` without merging it.
    public func close(_ number: Int, repository: String = "acme/gitops") {
        lock.withLock {
            guard let index = index(repository, number) else { return }
            stored[index].state = .closed
        }
    }

    /// Whether the API would merge pull request `number`; `blocker` is the reason shown
    /// (GitHub's `blocked`/`behind` keep `mergeable: true`, as GitHub does for protections).
    public func setMergeable(_ number: Int, _ mergeable: Bool, blocker: String? = nil, repository: String = "acme/gitops") {
        lock.withLock {
            guard let index = index(repository, number) else { return }
            stored[index].mergeable = mergeable
            stored[index].blocker = blocker
        }
    }

    /// The next `count` requests (with `method`, if given) get `status` instead of their
    /// answer, with `message` in the API's error body and `headers` (`Retry-After`…).
    public func failNext(_ status: Int, count: Int = 1, message: String? = nil, headers: [String: String] = [:],
                         method: String? = nil) {
        lock.withLock {
            faults.append(Fault(status: status, message: message, headers: headers, method: method, remaining: count))
        }
    }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    public func forgetRequests() { lock.withLock { recorded.removeAll() } }

    public struct StandInError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: serving

    /// What one request asks, parsed once.
    private struct Incoming {
        var api: API
        var method: String
        /// Path segments after the API prefix, percent-decoded one by one.
        var segments: [String]
        var query: [String: String]
        var headers: [String: String]
        var body: [String: Any]
    }

    private func respond(to request: FlyingFox.HTTPRequest, body: Data) -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        var query: [String: String] = [:]
        for item in request.query { query[item.name] = item.value }
        let method = request.method.rawValue.uppercased()
        let rawPath = request.target.path()
        let api = API.allCases.first { rawPath.hasPrefix($0.prefix + "/") }
        return lock.withLock {
            recorded.append(RecordedRequest(api: api, method: method, path: rawPath, query: query, headers: headers,
                                            body: String(decoding: body, as: UTF8.self)))
            guard let api else { return Self.json(404, ["message": "Not Found"]) }
            if let fault = takeFault(method: method) { return faultResponse(fault, api: api) }
            guard authorized(api, headers) else { return unauthorized(api) }
            let segments = rawPath.dropFirst(api.prefix.count + 1).split(separator: "/")
                .map { String($0).removingPercentEncoding ?? String($0) }
            let object = body.isEmpty ? [:] : ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
            let incoming = Incoming(api: api, method: method, segments: segments, query: query, headers: headers, body: object)
            switch api {
            case .github: return gitHub(incoming)
            case .gitlab: return gitLab(incoming)
            case .gitea: return gitea(incoming)
            }
        }
    }

    // MARK: GitHub

    private func gitHub(_ request: Incoming) -> FlyingFox.HTTPResponse {
        // repos, owner, name, rest...
        let parts = request.segments
        guard parts.count >= 4, parts[0] == "repos" else { return notFound(.github) }
        let repository = parts[1] + "/" + parts[2]
        let rest = Array(parts.dropFirst(3))
        switch (request.method, rest.count, rest.first) {
        case ("GET", 1, "pulls"):
            let head = request.query["head"]
            let open = stored.filter {
                $0.repository == repository && (request.query["state"] != "open" || $0.state == .open)
                    && (head == nil || head == "\(parts[1]):\($0.source)")
                    && (request.query["base"] == nil || request.query["base"] == $0.target)
            }
            return Self.json(200, open.map { gitHubPull($0) })
        case ("POST", 1, "pulls"):
            guard let title = request.body["title"] as? String, let head = request.body["head"] as? String,
                  let base = request.body["base"] as? String
            else { return validation(.github, "Invalid request: title, head and base are required") }
            if let existing = stored.first(where: { $0.repository == repository && $0.state == .open && $0.source == head && $0.target == base }) {
                return validation(.github, "A pull request already exists for \(parts[1]):\(existing.source).")
            }
            if let refusal = creationRefusal(repository, source: head, target: base) {
                return validation(.github, refusal == .noChanges ? "No commits between \(base) and \(head)"
                                                                : "\(refusal.field) invalid: branch does not exist")
            }
            let created = insert(repository: repository, source: head, target: base, title: title,
                                 description: request.body["body"] as? String ?? "", labels: [])
            return Self.json(201, gitHubPull(created))
        case ("GET", 2, "pulls"):
            guard let index = index(repository, rest[1]) else { return notFound(.github) }
            return Self.json(200, gitHubPull(stored[index]))
        case ("PUT", 3, "pulls") where rest[2] == "merge":
            guard let index = index(repository, rest[1]) else { return notFound(.github) }
            let method = request.body["merge_method"] as? String ?? "merge"
            guard ["merge", "squash", "rebase"].contains(method) else {
                return validation(.github, "Invalid request: merge_method \(method) is not one of merge, squash, rebase")
            }
            if let sha = request.body["sha"] as? String, sha != headSHA(stored[index]) {
                return Self.json(409, ["message": "Head branch was modified. Review and try the merge again."])
            }
            switch performMerge(at: index, method: method) {
            case .success(let sha):
                return Self.json(200, ["sha": sha, "merged": true, "message": "Pull Request successfully merged"])
            case .failure:
                return Self.json(405, ["message": "Pull Request is not mergeable"])
            }
        case ("POST", 3, "issues") where rest[2] == "labels":
            guard let index = index(repository, rest[1]) else { return notFound(.github) }
            let labels = request.body["labels"] as? [String] ?? []
            for label in labels where !stored[index].labels.contains(label) { stored[index].labels.append(label) }
            return Self.json(200, stored[index].labels.map { ["name": $0] })
        default:
            return notFound(.github)
        }
    }

    private func gitHubPull(_ pull: PullRequest) -> [String: Any] {
        let (mergeable, mergeableState): (Any, String) = switch (pull.mergeable, pull.blocker) {
        case (true, _): (true, "clean")
        case (false, let blocker?) where ["blocked", "behind"].contains(blocker): (true, blocker)
        case (false, let blocker): (false, blocker ?? "dirty")
        }
        return [
            "number": pull.number,
            "url": "\(apiURL(.github))/repos/\(pull.repository)/pulls/\(pull.number)",
            "html_url": "\(baseURL)/\(pull.repository)/pull/\(pull.number)",
            "state": pull.state == .open ? "open" : "closed",
            "title": pull.title,
            "body": pull.description,
            "merged": pull.state == .merged,
            "merged_at": pull.state == .merged ? "2026-11-23T12:00:00Z" : NSNull(),
            "mergeable": pull.state == .open ? mergeable : NSNull(),
            "mergeable_state": pull.state == .open ? mergeableState : "unknown",
            // Before the merge GitHub reports a test merge commit here.
            "merge_commit_sha": pull.mergeCommitSHA ?? Self.fakeSHA("test-merge-\(pull.repository)-\(pull.number)"),
            "head": ["ref": pull.source, "sha": headSHA(pull), "label": "\(owner(pull.repository)):\(pull.source)"],
            "base": ["ref": pull.target, "label": "\(owner(pull.repository)):\(pull.target)"],
            "labels": pull.labels.map { ["name": $0] },
            "draft": false,
        ]
    }

    // MARK: GitLab

    private func gitLab(_ request: Incoming) -> FlyingFox.HTTPResponse {
        // projects, id, merge_requests, rest...
        let parts = request.segments
        guard parts.count >= 3, parts[0] == "projects", parts[2] == "merge_requests" else { return notFound(.gitlab) }
        let repository = parts[1]
        guard repository.contains("/") else { return Self.json(404, ["message": "404 Project Not Found"]) }
        let rest = Array(parts.dropFirst(3))
        switch (request.method, rest.count) {
        case ("GET", 0):
            let state = request.query["state"]
            let found = stored.filter {
                $0.repository == repository && (state == nil || state == "all" || state == Self.gitLabState($0.state))
                    && (request.query["source_branch"] == nil || request.query["source_branch"] == $0.source)
                    && (request.query["target_branch"] == nil || request.query["target_branch"] == $0.target)
            }
            return Self.json(200, found.map { gitLabRequest($0) })
        case ("POST", 0):
            guard let source = request.body["source_branch"] as? String, let target = request.body["target_branch"] as? String,
                  let title = request.body["title"] as? String
            else { return Self.json(400, ["error": "source_branch, target_branch, title are missing"]) }
            if let existing = stored.first(where: { $0.repository == repository && $0.state == .open && $0.source == source && $0.target == target }) {
                return Self.json(409, ["message": ["Another open merge request already exists for this source branch: !\(existing.number)"]])
            }
            if let refusal = creationRefusal(repository, source: source, target: target), refusal != .noChanges {
                return Self.json(422, ["message": ["\(refusal.field == "head" ? "Source" : "Target") branch does not exist"]])
            }
            let labels = (request.body["labels"] as? String).map { $0.split(separator: ",").map(String.init) } ?? []
            let created = insert(repository: repository, source: source, target: target, title: title,
                                 description: request.body["description"] as? String ?? "", labels: labels)
            return Self.json(201, gitLabRequest(created))
        case ("GET", 1):
            guard let index = index(repository, rest[0]) else { return Self.json(404, ["message": "404 Not found"]) }
            return Self.json(200, gitLabRequest(stored[index]))
        case ("PUT", 1):
            guard let index = index(repository, rest[0]) else { return Self.json(404, ["message": "404 Not found"]) }
            for label in (request.body["add_labels"] as? String ?? "").split(separator: ",").map(String.init)
            where !stored[index].labels.contains(label) {
                stored[index].labels.append(label)
            }
            return Self.json(200, gitLabRequest(stored[index]))
        case ("PUT", 2) where rest[1] == "merge":
            guard let index = index(repository, rest[0]) else { return Self.json(404, ["message": "404 Not found"]) }
            if let sha = request.body["sha"] as? String, sha != headSHA(stored[index]) {
                return Self.json(409, ["message": "SHA does not match HEAD of source branch: \(headSHA(stored[index]))"])
            }
            let method = (request.body["squash"] as? Bool) == true ? "squash" : "merge"
            switch performMerge(at: index, method: method) {
            case .success: return Self.json(200, gitLabRequest(stored[index]))
            case .failure: return Self.json(405, ["message": "405 Method Not Allowed"])
            }
        default:
            return notFound(.gitlab)
        }
    }

    private static func gitLabState(_ state: State) -> String {
        switch state {
        case .open: "opened"
        case .closed: "closed"
        case .merged: "merged"
        }
    }

    private func gitLabRequest(_ pull: PullRequest) -> [String: Any] {
        let squashed = pull.mergedWith == "squash"
        let status = pull.state != .open ? "not_open" : pull.mergeable ? "mergeable" : (pull.blocker ?? "ci_must_pass")
        return [
            "id": 1000 + pull.number,
            "iid": pull.number,
            "project_id": 7,
            "title": pull.title,
            "description": pull.description,
            "state": Self.gitLabState(pull.state),
            "web_url": "\(baseURL)/\(pull.repository)/-/merge_requests/\(pull.number)",
            "source_branch": pull.source,
            "target_branch": pull.target,
            "sha": headSHA(pull),
            "merge_commit_sha": pull.state == .merged && !squashed ? (pull.mergeCommitSHA ?? NSNull()) as Any : NSNull(),
            "squash_commit_sha": pull.state == .merged && squashed ? (pull.mergeCommitSHA ?? NSNull()) as Any : NSNull(),
            "detailed_merge_status": status,
            "merge_status": pull.mergeable ? "can_be_merged" : "cannot_be_merged",
            "labels": pull.labels,
            "has_conflicts": !pull.mergeable && pull.blocker == "conflict",
        ]
    }

    // MARK: Gitea

    private func gitea(_ request: Incoming) -> FlyingFox.HTTPResponse {
        let parts = request.segments
        guard parts.count >= 4, parts[0] == "repos", parts[3] == "pulls" else { return notFound(.gitea) }
        let repository = parts[1] + "/" + parts[2]
        let rest = Array(parts.dropFirst(4))
        switch (request.method, rest.count) {
        case ("GET", 0):
            let state = request.query["state"] ?? "open"
            let all = stored.filter {
                $0.repository == repository && (state == "all" || (state == "open") == ($0.state == .open))
            }
            let limit = min(50, max(1, request.query["limit"].flatMap(Int.init) ?? 30))
            let page = max(1, request.query["page"].flatMap(Int.init) ?? 1)
            let lastPage = max(1, (all.count + limit - 1) / limit)
            var response = Self.json(200, all.dropFirst((page - 1) * limit).prefix(limit).map { giteaPull($0) })
            if page < lastPage {
                let base = "\(apiURL(.gitea))/repos/\(repository)/pulls?state=\(state)&limit=\(limit)"
                response.headers[HTTPHeader("Link")] = "<\(base)&page=\(page + 1)>; rel=\"next\",<\(base)&page=\(lastPage)>; rel=\"last\""
            }
            response.headers[HTTPHeader("X-Total-Count")] = String(all.count)
            return response
        case ("POST", 0):
            guard let head = request.body["head"] as? String, let base = request.body["base"] as? String else {
                return Self.json(422, ["message": "[Head]: Required; [Base]: Required", "url": "\(baseURL)/api/swagger"])
            }
            if head == base || creationRefusal(repository, source: head, target: base) == .noChanges {
                return Self.json(422, ["message": "Invalid PullRequest: There are no changes between the head and the base",
                                       "url": "\(baseURL)/api/swagger"])
            }
            if let existing = stored.first(where: { $0.repository == repository && $0.state == .open && $0.source == head && $0.target == base }) {
                return Self.json(409, ["message": "pull request already exists for these targets [id: \(existing.number), head_branch: \(head), base_branch: \(base)]",
                                       "url": "\(baseURL)/api/swagger"])
            }
            if creationRefusal(repository, source: head, target: base) != nil {
                return Self.json(404, ["message": "The target couldn't be found.", "errors": []])
            }
            let created = insert(repository: repository, source: head, target: base,
                                 title: request.body["title"] as? String ?? "", description: request.body["body"] as? String ?? "",
                                 labels: [])
            return Self.json(201, giteaPull(created))
        case ("GET", 1):
            guard let index = index(repository, rest[0]) else { return notFound(.gitea) }
            return Self.json(200, giteaPull(stored[index]))
        case ("POST", 2) where rest[1] == "merge":
            guard let index = index(repository, rest[0]) else { return notFound(.gitea) }
            let method = request.body["Do"] as? String ?? ""
            let methods = ["merge", "rebase", "rebase-merge", "squash", "fast-forward-only", "manually-merged"]
            guard methods.contains(method) else {
                return Self.json(422, ["message": "[Do]: In", "url": "\(baseURL)/api/swagger"])
            }
            if let sha = request.body["head_commit_id"] as? String, sha != headSHA(stored[index]) {
                return Self.json(409, ["message": "head out of date", "url": "\(baseURL)/api/swagger"])
            }
            switch performMerge(at: index, method: method) {
            case .success: return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(200, phrase: "OK"), body: Data())
            case .failure: return Self.json(405, ["message": "Please try again later", "url": "\(baseURL)/api/swagger"])
            }
        default:
            return notFound(.gitea)
        }
    }

    private func giteaPull(_ pull: PullRequest) -> [String: Any] {
        [
            "id": 5000 + pull.number,
            "number": pull.number,
            "url": "\(baseURL)/\(pull.repository)/pulls/\(pull.number)",
            "html_url": "\(baseURL)/\(pull.repository)/pulls/\(pull.number)",
            "state": pull.state == .open ? "open" : "closed",
            "title": pull.title,
            "body": pull.description,
            "merged": pull.state == .merged,
            "merged_at": pull.state == .merged ? "2026-11-23T12:00:00Z" : NSNull(),
            "mergeable": pull.mergeable,
            "merge_commit_sha": pull.mergeCommitSHA ?? NSNull(),
            "head": ["ref": pull.source, "sha": headSHA(pull), "label": pull.source],
            "base": ["ref": pull.target, "label": pull.target],
            "labels": pull.labels.map { ["name": $0] },
        ]
    }

    // MARK: shared behaviour (call with the lock held)

    private func authorized(_ api: API, _ headers: [String: String]) -> Bool {
        switch api {
        case .github: headers["authorization"] == "Bearer \(token)" || headers["authorization"] == "token \(token)"
        case .gitlab: headers["private-token"] == token
        case .gitea: headers["authorization"] == "token \(token)"
        }
    }

    private func unauthorized(_ api: API) -> FlyingFox.HTTPResponse {
        switch api {
        case .github: Self.json(401, ["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"])
        case .gitlab: Self.json(401, ["message": "401 Unauthorized"])
        case .gitea: Self.json(401, ["message": "invalid username, password or token", "url": "\(baseURL)/api/swagger"])
        }
    }

    private func notFound(_ api: API) -> FlyingFox.HTTPResponse {
        switch api {
        case .github: Self.json(404, ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"])
        case .gitlab: Self.json(404, ["message": "404 Not found"])
        case .gitea: Self.json(404, ["message": "The target couldn't be found.", "errors": [String]()])
        }
    }

    private func validation(_ api: API, _ message: String) -> FlyingFox.HTTPResponse {
        Self.json(422, ["message": "Validation Failed",
                        "errors": [["resource": "PullRequest", "code": "custom", "message": message]],
                        "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"])
    }

    private func takeFault(method: String) -> Fault? {
        guard let index = faults.firstIndex(where: { $0.method == nil || $0.method == method }) else { return nil }
        let fault = faults[index]
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    private func faultResponse(_ fault: Fault, api: API) -> FlyingFox.HTTPResponse {
        let message = fault.message ?? Self.phrase(fault.status)
        var body: [String: Any] = ["message": message]
        if fault.status == 422 && api == .github {
            body = ["message": "Validation Failed", "errors": [["resource": "PullRequest", "code": "custom", "message": message]]]
        }
        var response = Self.json(fault.status, body)
        for (name, value) in fault.headers { response.headers[HTTPHeader(name)] = value }
        return response
    }

    private enum CreationRefusal: Equatable {
        case noChanges
        case missing(String)

        var field: String {
            switch self {
            case .noChanges: "head"
            case .missing(let field): field
            }
        }
    }

    /// Why a pull request cannot be opened, when a bare repository can tell.
    private func creationRefusal(_ repository: String, source: String, target: String) -> CreationRefusal? {
        if source == target { return .noChanges }
        guard let bare = bares[repository] else { return nil }
        guard let sourceSHA = try? GitCLI.run(["rev-parse", "--verify", "refs/heads/\(source)"], in: bare) else {
            return .missing("head")
        }
        guard let targetSHA = try? GitCLI.run(["rev-parse", "--verify", "refs/heads/\(target)"], in: bare) else {
            return .missing("base")
        }
        let ahead = (try? GitCLI.run(["rev-list", "--count", "\(targetSHA)..\(sourceSHA)"], in: bare)) ?? "0"
        return ahead == "0" ? .noChanges : nil
    }

    private func insert(repository: String, source: String, target: String, title: String, description: String,
                        labels: [String]) -> PullRequest {
        let number = (stored.filter { $0.repository == repository }.map(\.number).max() ?? 0) + 1
        let pull = PullRequest(repository: repository, number: number, source: source, target: target, title: title,
                               description: description, labels: labels, state: .open,
                               fixedHeadSHA: Self.fakeSHA("head-\(repository)-\(number)"))
        stored.append(pull)
        return pull
    }

    private func index(_ repository: String, _ number: String) -> Int? {
        Int(number).flatMap { index(repository, $0) }
    }

    private func index(_ repository: String, _ number: Int) -> Int? {
        stored.firstIndex { $0.repository == repository && $0.number == number }
    }

    private func headSHA(_ pull: PullRequest) -> String {
        guard let bare = bares[pull.repository],
              let sha = try? GitCLI.run(["rev-parse", "--verify", "refs/heads/\(pull.source)"], in: bare)
        else { return pull.fixedHeadSHA }
        return sha
    }

    private func owner(_ repository: String) -> String { String(repository.split(separator: "/").first ?? "") }

    private struct Refusal: Error {
        var message: String
    }

    /// Merges the pull request at `index`: on disk when a bare repository is attached.
    private func performMerge(at index: Int, method: String) -> Result<String, Refusal> {
        let pull = stored[index]
        guard pull.state == .open else { return .failure(Refusal(message: "pull request #\(pull.number) is \(pull.state)")) }
        guard pull.mergeable else { return .failure(Refusal(message: "pull request #\(pull.number) is not mergeable")) }
        let sha: String
        if let bare = bares[pull.repository] {
            do {
                sha = try Self.mergeOnDisk(bare, pull: pull, method: method)
            } catch {
                return .failure(Refusal(message: "\(error)"))
            }
        } else {
            sha = Self.fakeSHA("merge-\(pull.repository)-\(pull.number)-\(method)")
        }
        stored[index].state = .merged
        stored[index].mergeCommitSHA = sha
        stored[index].mergedWith = method
        return .success(sha)
    }

    /// A merge commit (`merge`, `rebase-merge`), a one-parent commit (`squash`), or a
    /// fast-forward (`rebase`, `fast-forward-only`) of the target branch, moved with
    /// `update-ref` guarded by its old value.
    private static func mergeOnDisk(_ bare: String, pull: PullRequest, method: String) throws -> String {
        let source = try GitCLI.run(["rev-parse", "--verify", "refs/heads/\(pull.source)"], in: bare)
        let target = try GitCLI.run(["rev-parse", "--verify", "refs/heads/\(pull.target)"], in: bare)
        let fastForward = (try? GitCLI.run(["merge-base", "--is-ancestor", target, source], in: bare)) != nil
        let tree = fastForward
            ? try GitCLI.run(["rev-parse", "\(source)^{tree}"], in: bare)
            : try GitCLI.run(["merge-tree", "--write-tree", target, source], in: bare)
                .split(separator: "\n").first.map(String.init) ?? ""
        let new: String
        switch method {
        case "manually-merged":
            return source
        case "rebase" where fastForward, "fast-forward-only" where fastForward:
            new = source
        case "fast-forward-only":
            throw StandInError("\(pull.source) is not a fast-forward of \(pull.target)")
        case "squash", "rebase":
            new = try GitCLI.run(["commit-tree", tree, "-p", target, "-m", "\(pull.title) (#\(pull.number))"], in: bare)
        default:
            new = try GitCLI.run(["commit-tree", tree, "-p", target, "-p", source,
                                  "-m", "Merge pull request #\(pull.number) from \(pull.source)"], in: bare)
        }
        try GitCLI.run(["update-ref", "refs/heads/\(pull.target)", new, target], in: bare)
        return new
    }

    /// A stable 40-hex-digit stand-in for a commit id.
    private static func fakeSHA(_ seed: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var text = ""
        for round in 0..<3 {
            for byte in (seed + "\(round)").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            text += String(format: "%016llx", hash)
        }
        return String(text.prefix(40))
    }

    private static func json(_ status: Int, _ value: Any) -> FlyingFox.HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)),
                                      headers: [.contentType: "application/json; charset=utf-8"], body: data)
    }

    private static func phrase(_ status: Int) -> String {
        [200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
         405: "Method Not Allowed", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests",
         500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"][status] ?? "Status"
    }
}
