import Foundation
import Pipeline
import TestSupport
import Testing
@testable import Discovery

private typealias Chart = HelmRepositoryServer.ChartVersion

private let published = [
    Chart("app", "0.9.0"), Chart("app", "1.0.0"), Chart("app", "1.1.0"), Chart("app", "1.2.0-rc.1"),
    Chart("app", "1.2.0"), Chart("app", "2.0.0"), Chart("other", "5.0.0"),
]

private func discoverer(budget: RequestBudget = RequestBudget(limitPerHost: 100)) -> ChartDiscoverer {
    ChartDiscoverer(transport: BudgetedTransport(base: URLSessionTransport(), budget: budget, attempts: 1), timeout: 10)
}

private func expectError(
    _ reason: (DiscoveryError.Reason) -> Bool, _ work: () async throws(DiscoveryError) -> ChartDiscovery,
    sourceLocation: SourceLocation = #_sourceLocation
) async -> DiscoveryError? {
    do {
        let discovery = try await work()
        Issue.record("expected an error, got \(discovery.result.versions ?? [])", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(reason(error.reason), "\(error)", sourceLocation: sourceLocation)
        return error
    }
}

/// Chart discovery against a real classic Helm repository (nginx, scripts/services.sh start helm).
@Suite(.enabled(if: HelmRepositoryAvailability.available,
                "needs nginx and openssl or htpasswd (scripts/install-deps.sh); CI=true fails instead"))
struct ChartDiscoveryTests {
    @Test func selectsVersionsByConstraintHighestFirst() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let cases: [(String?, Int64?, [String])] = [
            (nil, nil, ["2.0.0", "1.2.0", "1.2.0-rc.1", "1.1.0", "1.0.0", "0.9.0"]),
            ("^1.0.0", nil, ["1.2.0", "1.1.0", "1.0.0"]),
            ("~1.1", nil, ["1.1.0"]),
            (">= 0.9, < 1.2.0", nil, ["1.1.0", "1.0.0", "0.9.0"]),
            ("^0.9 || ^2", nil, ["2.0.0", "0.9.0"]),
            (">= 1.2.0-0, < 1.3", nil, ["1.2.0", "1.2.0-rc.1"]),
            ("*", 2, ["2.0.0", "1.2.0"]),
        ]
        for (constraint, limit, expected) in cases {
            let subscription = ChartSubscription(repoURL: server.url, name: "app", semverConstraint: constraint, discoveryLimit: limit)
            let discovery = try await discoverer().discover(subscription)
            #expect(discovery.result == ChartDiscoveryResult(repoURL: server.url, name: "app",
                                                              semverConstraint: constraint, versions: expected))
            #expect(discovery.downloadedIndex)
        }
    }

    @Test func anUnchangedIndexIsNotDownloadedAgain() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let budget = RequestBudget(limitPerHost: 100)
        let subscription = ChartSubscription(repoURL: server.url + "/", name: "app", semverConstraint: "^1")
        let first = try await discoverer(budget: budget).discover(subscription)
        let snapshot = try #require(first.snapshot)
        #expect(snapshot.etag != nil)
        #expect(snapshot.lastModified != nil)
        #expect(snapshot.versions == ["0.9.0", "1.0.0", "1.1.0", "1.2.0-rc.1", "1.2.0", "2.0.0"])

        let second = try await discoverer(budget: budget).discover(subscription, snapshot: snapshot)
        #expect(!second.downloadedIndex)
        #expect(second.result == first.result)
        #expect(second.snapshot == snapshot)

        // A changed constraint is answered from the snapshot too.
        var wider = subscription
        wider.semverConstraint = "*"
        let third = try await discoverer(budget: budget).discover(wider, snapshot: snapshot)
        #expect(!third.downloadedIndex)
        #expect(third.result.versions == ["2.0.0", "1.2.0", "1.1.0", "1.0.0", "0.9.0"])

        let log = server.requests(for: "/index.yaml")
        #expect(log.map(\.status) == [200, 304, 304])
        #expect(log[0].bodyBytes > 0)
        #expect(log[1].bodyBytes == 0 && log[2].bodyBytes == 0)
        #expect(await budget.total == 3)
    }

    @Test func aChangedIndexIsDownloadedAndYieldsTheNewVersions() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let subscription = ChartSubscription(repoURL: server.url, name: "app", semverConstraint: "^1")
        let first = try await discoverer().discover(subscription)
        #expect(first.result.versions == ["1.2.0", "1.1.0", "1.0.0"])

        try server.publish(published + [Chart("app", "1.3.0"), Chart("app", "1.2.1")])
        let second = try await discoverer().discover(subscription, snapshot: first.snapshot)
        #expect(second.downloadedIndex)
        #expect(second.result.versions == ["1.3.0", "1.2.1", "1.2.0", "1.1.0", "1.0.0"])
        #expect(second.snapshot?.etag != first.snapshot?.etag)

        let third = try await discoverer().discover(subscription, snapshot: second.snapshot)
        #expect(!third.downloadedIndex)
        #expect(third.result.versions == second.result.versions)
        #expect(server.requests(for: "/index.yaml").map(\.status) == [200, 200, 304])
    }

    @Test func aSnapshotOfAnotherChartIsNotUsed() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let app = try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "app"))
        let other = try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "other"), snapshot: app.snapshot)
        #expect(other.downloadedIndex)
        #expect(other.result.versions == ["5.0.0"])
    }

    @Test func basicAuthWithTheRightPasswordReadsThePrivateRepository() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published, private: true)
        let subscription = ChartSubscription(repoURL: server.privateURL, name: "app", semverConstraint: "~1.1")
        let credentials = ChartCredentials(username: server.username, password: server.password)
        let first = try await discoverer().discover(subscription, credentials: credentials)
        #expect(first.result.versions == ["1.1.0"])
        let second = try await discoverer().discover(subscription, credentials: credentials, snapshot: first.snapshot)
        #expect(!second.downloadedIndex)
        let log = server.requests(for: "/private/index.yaml")
        #expect(log.map(\.status) == [200, 304])
        #expect(log.allSatisfy { $0.user == server.username })
    }

    /// A 401 must come back as an answer (on Linux URLSession would otherwise hang on it;
    /// `URLSessionTransport` declines the challenge itself).
    @Test
    func aWrongOrMissingPasswordIsUnauthorizedAndNeverShown() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published, private: true)
        let subscription = ChartSubscription(repoURL: server.privateURL, name: "app")
        let wrong = ChartCredentials(username: server.username, password: "not-\(server.password)")
        let error = await expectError({ $0 == .unauthorized }) { () async throws(DiscoveryError) in
            try await discoverer().discover(subscription, credentials: wrong)
        }
        let shown = "\(String(describing: error)) \(String(reflecting: error)) \(wrong) \(String(reflecting: wrong))"
        #expect(!shown.contains(server.password))
        #expect(!shown.contains(wrong.password))
        #expect(error?.isRetryable == false)
        _ = await expectError({ $0 == .unauthorized }) { () async throws(DiscoveryError) in
            try await discoverer().discover(subscription)
        }
    }

    @Test func aMissingIndexIsNotFound() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let error = await expectError({ $0 == .notFound }) { () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: server.url + "/nothing-here", name: "app"))
        }
        #expect(error?.repository == server.url + "/nothing-here")
    }

    @Test func aMalformedIndexSaysWhereItBreaks() async throws {
        let server = try HelmRepositoryServer()
        try server.writeIndex("apiVersion: v1\nentries:\n  app:\n  - name: app\n    version: [1.0.0\n")
        let error = await expectError({
            if case .malformed(_, let location?) = $0 { return location.file == server.url + "/index.yaml" }
            return false
        }) { () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "app"))
        }
        if case .malformed(_, let location?)? = error?.reason { #expect(location.line >= 5) }

        try server.writeIndex("apiVersion: v1\nentries:\n  app: 1.0.0\n")
        let shape = await expectError({
            if case .malformed(let why, let location?) = $0 { return location.line == 3 && why.contains("entries.app") }
            return false
        }) { () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "app"))
        }
        #expect(shape?.description.contains("index.yaml:3:") == true)
    }

    @Test func nothingMatchingIsAnErrorThatSaysWhatThereIs() async throws {
        let server = try HelmRepositoryServer()
        try server.publish(published)
        let missing = await expectError({ if case .noMatchingVersions = $0 { true } else { false } }) {
            () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "ap"))
        }
        #expect(missing?.description.contains("\"app\", \"other\"") == true)
        let none = await expectError({ if case .noMatchingVersions = $0 { true } else { false } }) {
            () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: server.url, name: "app", semverConstraint: "^7"))
        }
        #expect(none?.description.contains("highest: 2.0.0, 1.2.0, 1.2.0-rc.1") == true)
    }

    @Test func anUnreachablePortIsRetryable() async throws {
        // Start a server to learn a free port, then stop it: nothing listens there now.
        var url = ""
        do {
            let server = try HelmRepositoryServer()
            url = server.url
        }
        let error = await expectError({ if case .unreachable = $0 { true } else { false } }) {
            () async throws(DiscoveryError) in
            try await discoverer().discover(ChartSubscription(repoURL: url, name: "app"))
        }
        #expect(error?.isRetryable == true)
        #expect(error?.repository == url)
    }
}

/// Subscriptions that cannot be discovered, refused before any request.
@Suite struct ChartSubscriptionRefusalTests {
    final class NoTransport: HTTPTransport, @unchecked Sendable {
        func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
            Issue.record("no request expected, got \(request.url)")
            return HTTPResponse(status: 500, headers: [:], body: [])
        }
    }

    @Test(arguments: [
        ChartSubscription(repoURL: "https://charts.example.com"),
        ChartSubscription(repoURL: "oci://ghcr.io/org/app", name: "app"),
        ChartSubscription(repoURL: "ftp://charts.example.com", name: "app"),
        ChartSubscription(repoURL: "https://charts.example.com", name: "app", semverConstraint: "^^1"),
    ])
    func refused(_ subscription: ChartSubscription) async {
        do {
            _ = try await ChartDiscoverer(transport: NoTransport()).discover(subscription)
            Issue.record("expected a refusal")
        } catch {
            guard case .invalidSubscription = error.reason else { Issue.record("\(error)"); return }
            #expect(!error.isRetryable)
        }
    }
}

/// OCI tag listing through a registry's bearer-token challenge and paging, over a scripted
/// transport (the real registry is the image discovery's service).
@Suite struct ChartOCITagTests {
    final class Registry: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var seen: [HTTPRequest] = []

        func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
            lock.withLock { seen.append(request) }
            let url = request.url.absoluteString
            let auth = request.headers["Authorization"]
            if url.hasPrefix("http://127.0.0.1:5000/token") {
                let expected = "Basic " + Data("user:secret".utf8).base64EncodedString()
                guard auth == expected, url.contains("scope=repository:charts/app:pull") else {
                    return HTTPResponse(status: 401, headers: [:], body: [])
                }
                return HTTPResponse(status: 200, headers: [:], body: Array(#"{"token":"t0k"}"#.utf8))
            }
            guard auth == "Bearer t0k" else {
                return HTTPResponse(status: 401, headers: [
                    "www-authenticate": #"Bearer realm="http://127.0.0.1:5000/token",service="reg",scope="repository:charts/app:pull""#,
                ], body: [])
            }
            if url.contains("last=") {
                return HTTPResponse(status: 200, headers: [:], body: Array(#"{"name":"charts/app","tags":["1.2.0","2.0.0-rc.1"]}"#.utf8))
            }
            return HTTPResponse(status: 200, headers: ["link": #"</v2/charts/app/tags/list?last=1.1.0&n=1000>; rel="next""#],
                                body: Array(#"{"name":"charts/app","tags":["1.0.0","1.1.0_b.7","latest"]}"#.utf8))
        }
    }

    @Test func listsTagsWithATokenAcrossPages() async throws {
        let registry = Registry()
        let discovery = try await ChartDiscoverer(transport: registry).discover(
            ChartSubscription(repoURL: "oci://127.0.0.1:5000/charts/app", semverConstraint: "^1"),
            credentials: ChartCredentials(username: "user", password: "secret"))
        #expect(discovery.result == ChartDiscoveryResult(repoURL: "oci://127.0.0.1:5000/charts/app", name: nil,
                                                          semverConstraint: "^1", versions: ["1.2.0", "1.1.0+b.7", "1.0.0"]))
        #expect(discovery.snapshot == nil)
        #expect(registry.seen.first?.url.absoluteString == "http://127.0.0.1:5000/v2/charts/app/tags/list?n=1000")
    }

    @Test func aRefusedTokenIsUnauthorized() async {
        do {
            _ = try await ChartDiscoverer(transport: Registry()).discover(
                ChartSubscription(repoURL: "oci://127.0.0.1:5000/charts/app"),
                credentials: ChartCredentials(username: "user", password: "pw-7f3a9c"))
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .unauthorized)
            #expect(!"\(error)".contains("pw-7f3a9c"))
        }
    }
}
