import Foundation
import Pipeline
import Testing
import TestSupport
@testable import Discovery

/// Wraps a transport and records every request's path and query, for counting.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    let base: any HTTPTransport
    private let lock = NSLock()
    private var sent: [String] = []

    init(base: any HTTPTransport = URLSessionTransport()) {
        self.base = base
    }

    var requests: [String] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        lock.withLock { sent.append((components?.path ?? "") + (components?.query.map { "?" + $0 } ?? "")) }
        return try await base.send(request)
    }
}

/// docker-registry 2.8 answers `tags/list` with every tag whatever `n` says (distribution
/// paginates tag lists only from v3), so this stands in for a paginating registry: it
/// asks the real one for the whole list and serves the page `n` and `last` ask for, with
/// the `Link` header the distribution spec prescribes.
struct PaginatingTransport: HTTPTransport {
    let base: any HTTPTransport

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        guard var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false),
              components.path.hasSuffix("/tags/list") else { return try await base.send(request) }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
        components.queryItems = nil
        var whole = request
        whole.url = components.url!
        var response = try await base.send(whole)
        guard response.status == 200,
              let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let all = object["tags"] as? [String] else { return response }
        let sorted = all.sorted()
        let n = query["n"].flatMap(Int.init) ?? sorted.count
        let after = query["last"].map { last in sorted.filter { $0 > last } } ?? sorted
        let page = Array(after.prefix(n))
        response.body = Array(try! JSONSerialization.data(withJSONObject: ["name": object["name"] ?? "", "tags": page]))
        response.headers["content-length"] = nil
        if page.count < after.count, let last = page.last {
            response.headers["link"] = "<\(components.path)?n=\(n)&last=\(last)>; rel=\"next\""
        }
        return response
    }
}

@Suite(.enabled(if: RegistryServerAvailability.available, "needs docker-registry and skopeo (scripts/install-deps.sh)"))
struct ImageRegistryTests {
    private func discoverer(_ transport: any HTTPTransport = URLSessionTransport(), pageSize: Int = 1000) -> ImageDiscoverer {
        ImageDiscoverer(transport: transport, timeout: 10, pageSize: pageSize)
    }

    private func tags(_ result: ImageDiscoveryResult) -> [String] { (result.references ?? []).compactMap(\.tag) }

    @Test func semVerStrategyWithConstraints() async throws {
        let registry = try RegistryServer()
        var digests: [String: String] = [:]
        for tag in ["1.0.0", "1.2.0", "1.2.5", "1.3.0-rc.1", "2.0.0", "v2.1.0", "2.1", "latest", "0.9.0"] {
            digests[tag] = try registry.push(repository: "demo/app", tag: tag, created: "2026-02-01T10:00:00Z")
        }
        let repoURL = "\(registry.host)/demo/app"
        let cases: [(String?, [String])] = [
            (nil, ["v2.1.0", "2.0.0", "1.3.0-rc.1", "1.2.5", "1.2.0", "1.0.0", "0.9.0"]),
            ("^1.2.0", ["1.2.5", "1.2.0"]),
            ("~1.2", ["1.2.5", "1.2.0"]),
            (">=1.0.0 <2.0.0", ["1.2.5", "1.2.0", "1.0.0"]),
            ("^1.0 || ^2.0", ["v2.1.0", "2.0.0", "1.2.5", "1.2.0", "1.0.0"]),
            (">=1.3.0-0", ["v2.1.0", "2.0.0", "1.3.0-rc.1"]),
        ]
        for (constraint, expected) in cases {
            let result = try await discoverer().discover(ImageSubscription(repoURL: repoURL, constraint: constraint))
            #expect(tags(result) == expected, "constraint \(constraint ?? "none")")
            #expect(result.repoURL == repoURL)
            for reference in result.references ?? [] {
                #expect(reference.digest == digests[reference.tag ?? ""])
                #expect(reference.createdAt == Timestamp(rfc3339: "2026-02-01T10:00:00Z"))
            }
        }
        let loose = try await discoverer().discover(ImageSubscription(repoURL: repoURL, strictSemvers: false, constraint: "^2"))
        #expect(tags(loose) == ["v2.1.0", "2.1", "2.0.0"])
    }

    @Test func lexicalStrategyWithAllowAndIgnore() async throws {
        let registry = try RegistryServer()
        for tag in ["nightly-20260105", "nightly-20251231", "nightly-20260101", "nightly-broken", "release-1"] {
            try registry.push(repository: "nightly", tag: tag)
        }
        let result = try await discoverer().discover(ImageSubscription(
            repoURL: "\(registry.host)/nightly", imageSelectionStrategy: .lexical,
            allowTagsRegexes: [#"^nightly-"#], ignoreTagsRegexes: ["broken", "20251231"]))
        #expect(tags(result) == ["nightly-20260105", "nightly-20260101"])
    }

    @Test func newestBuildStrategyOrdersByCreated() async throws {
        let registry = try RegistryServer()
        try registry.push(repository: "builds", tag: "b", created: "2026-01-01T00:00:00Z")
        try registry.push(repository: "builds", tag: "a", created: "2026-03-01T00:00:00Z")
        try registry.push(repository: "builds", tag: "c", created: "2026-02-01T12:30:00.5Z")
        try registry.push(repository: "builds", tag: "stamped", created: "2020-01-01T00:00:00Z",
                          annotations: ["org.opencontainers.image.created": "2026-04-01T00:00:00Z"])
        let result = try await discoverer().discover(ImageSubscription(
            repoURL: "\(registry.host)/builds", imageSelectionStrategy: .newestBuild, discoveryLimit: 3))
        #expect(tags(result) == ["stamped", "a", "c"])
        #expect(result.references?.map(\.createdAt) == [
            Timestamp(rfc3339: "2026-04-01T00:00:00Z"), Timestamp(rfc3339: "2026-03-01T00:00:00Z"),
            Timestamp(rfc3339: "2026-02-01T12:30:00.5Z"),
        ])
        #expect(result.references?.first?.annotations?["org.opencontainers.image.created"] == "2026-04-01T00:00:00Z")
    }

    @Test func digestStrategyFollowsARepushedTag() async throws {
        let registry = try RegistryServer()
        let first = try registry.push(repository: "mutable", tag: "latest", created: "2026-01-01T00:00:00Z")
        let subscription = ImageSubscription(repoURL: "\(registry.host)/mutable", imageSelectionStrategy: .digest, constraint: "latest")
        let before = try await discoverer().discover(subscription)
        #expect(before.references == [DiscoveredImageReference(tag: "latest", digest: first, createdAt: Timestamp(rfc3339: "2026-01-01T00:00:00Z"))])

        let second = try registry.push(repository: "mutable", tag: "latest", created: "2026-01-02T00:00:00Z")
        #expect(first != second)
        // What is known about the tag is asked again: it is mutable.
        let known = Dictionary(uniqueKeysWithValues: (before.references ?? []).map { ($0.tag!, $0) })
        let after = try await discoverer().discover(subscription, known: known)
        #expect(after.references?.map(\.digest) == [second])

        let missing = try await discoverer().discover(ImageSubscription(
            repoURL: "\(registry.host)/mutable", imageSelectionStrategy: .digest, constraint: "stable"))
        #expect(missing.references == [])
    }

    @Test func platformFromAMultiArchIndex() async throws {
        let registry = try RegistryServer()
        let multi = try registry.push(repository: "multi", tag: "1.0.0", created: "2026-01-01T00:00:00Z",
                                      platforms: [.amd64, .arm64])
        try registry.push(repository: "multi", tag: "1.1.0", platforms: [.amd64])
        let armOnly = try registry.push(repository: "multi", tag: "1.2.0", created: "2026-01-03T00:00:00Z", platforms: [.arm64])
        let variant = try registry.push(repository: "multi", tag: "1.3.0", platforms: [.amd64, RegistryServer.Platform(architecture: "arm", variant: "v7")])

        let arm = try await discoverer().discover(ImageSubscription(repoURL: "\(registry.host)/multi", platform: "linux/arm64"))
        #expect(tags(arm) == ["1.2.0", "1.0.0"])
        #expect(arm.platform == "linux/arm64")
        #expect(arm.references?.map(\.digest) == [armOnly, multi])
        #expect(arm.references?.last?.createdAt == Timestamp(rfc3339: "2026-01-01T00:00:00Z"))

        let v7 = try await discoverer().discover(ImageSubscription(repoURL: "\(registry.host)/multi", platform: "linux/arm/v7"))
        #expect(v7.references?.map(\.digest) == [variant])

        let any = try await discoverer().discover(ImageSubscription(repoURL: "\(registry.host)/multi"))
        #expect(tags(any) == ["1.3.0", "1.2.0", "1.1.0", "1.0.0"])
    }

    @Test func discoveryLimitStopsReadingManifests() async throws {
        let registry = try RegistryServer()
        for minor in 0..<6 { try registry.push(repository: "limited", tag: "1.\(minor).0") }
        let counting = CountingTransport()
        let result = try await discoverer(counting).discover(ImageSubscription(repoURL: "\(registry.host)/limited", discoveryLimit: 2))
        #expect(tags(result) == ["1.5.0", "1.4.0"])
        // The listing, then a manifest and a config blob for each of the two.
        #expect(counting.requests.count == 5)
        #expect(counting.requests.filter { $0.contains("/manifests/") } == ["/v2/limited/manifests/1.5.0", "/v2/limited/manifests/1.4.0"])
    }

    @Test func tagListingFollowsPages() async throws {
        let registry = try RegistryServer()
        let pushed = (0..<7).map { "0.\($0).0" }
        for tag in pushed { try registry.push(repository: "paged", tag: tag) }
        let counting = CountingTransport(base: PaginatingTransport(base: URLSessionTransport()))
        let result = try await discoverer(counting, pageSize: 3).discover(ImageSubscription(
            repoURL: "\(registry.host)/paged", imageSelectionStrategy: .lexical))
        #expect(tags(result) == pushed.reversed())
        #expect(counting.requests.filter { $0.contains("/tags/list") } == [
            "/v2/paged/tags/list?n=3", "/v2/paged/tags/list?n=3&last=0.2.0", "/v2/paged/tags/list?n=3&last=0.5.0",
        ])
    }

    @Test func basicAuthWithTheRightAndWrongPassword() async throws {
        let registry = try RegistryServer()
        let digest = try registry.push(repository: "private/app", tag: "1.0.0")
        let subscription = ImageSubscription(repoURL: "\(registry.authHost)/private/app")
        let right = RegistryCredentials(username: registry.username, password: registry.password)
        let counting = CountingTransport()
        let result = try await discoverer(counting).discover(subscription, credentials: right)
        #expect(result.references?.map(\.digest) == [digest])
        // One challenge for the run: the listing is retried, later requests authorize at once.
        #expect(counting.requests.count == 4)

        let wrong = RegistryCredentials(username: registry.username, password: "not-" + registry.password)
        let error = await #expect(throws: DiscoveryError.self) {
            try await discoverer().discover(subscription, credentials: wrong)
        }
        #expect(error?.reason == .unauthorized)
        #expect(error?.repository == subscription.repoURL)
        #expect(error.map { !"\($0)".contains(wrong.password) && !"\($0)".contains(registry.password) } == true)
        #expect(!"\(wrong)".contains(wrong.password))

        let anonymous = await #expect(throws: DiscoveryError.self) { try await discoverer().discover(subscription) }
        #expect(anonymous?.reason == .unauthorized)
    }

    @Test func missingRepositoryIsNotFound() async throws {
        let registry = try RegistryServer()
        let error = await #expect(throws: DiscoveryError.self) {
            try await discoverer().discover(ImageSubscription(repoURL: "\(registry.host)/no/such"))
        }
        #expect(error?.reason == .notFound)
        #expect(error?.isRetryable == false)
    }

    @Test func unreachablePortAndSpentBudget() async throws {
        let refused = await #expect(throws: DiscoveryError.self) {
            try await discoverer().discover(ImageSubscription(repoURL: "127.0.0.1:1/demo/app"))
        }
        guard case .unreachable = refused?.reason else { Issue.record("expected unreachable, got \(String(describing: refused))"); return }
        #expect(refused?.isRetryable == true)

        let registry = try RegistryServer()
        try registry.push(repository: "budget", tag: "1.0.0")
        let budget = RequestBudget(limitPerHost: 1)
        let spent = await #expect(throws: DiscoveryError.self) {
            try await discoverer(BudgetedTransport(base: URLSessionTransport(), budget: budget))
                .discover(ImageSubscription(repoURL: "\(registry.host)/budget"))
        }
        guard case .budgetSpent(let why) = spent?.reason else { Issue.record("expected budgetSpent, got \(String(describing: spent))"); return }
        #expect(why.contains("budget"))
        #expect(spent?.isRetryable == true)
    }

    @Test(arguments: [ImageSelectionStrategy.semVer, .newestBuild])
    func knownTagsCostNoRequests(strategy: ImageSelectionStrategy) async throws {
        let registry = try RegistryServer()
        for (tag, created) in [("1.0.0", "2026-01-01T00:00:00Z"), ("1.1.0", "2026-01-02T00:00:00Z")] {
            try registry.push(repository: "cached", tag: tag, created: created)
        }
        try registry.push(repository: "cached", tag: "1.2.0", created: "2026-01-03T00:00:00Z", platforms: [.amd64, .arm64])
        let subscription = ImageSubscription(repoURL: "\(registry.host)/cached", imageSelectionStrategy: strategy)
        let firstCount = CountingTransport()
        let first = try await discoverer(firstCount).discover(subscription)
        #expect(tags(first) == ["1.2.0", "1.1.0", "1.0.0"])
        #expect(firstCount.requests.count > 1)

        // The Warehouse's state hands back what was learned, by tag.
        let known = Dictionary(uniqueKeysWithValues: (first.references ?? []).map { ($0.tag!, $0) })
        let secondCount = CountingTransport()
        let second = try await discoverer(secondCount).discover(subscription, known: known)
        #expect(second == first)
        #expect(secondCount.requests == ["/v2/cached/tags/list?n=1000"])

        // A new tag costs only its own requests.
        try registry.push(repository: "cached", tag: "1.3.0", created: "2026-01-04T00:00:00Z")
        let thirdCount = CountingTransport()
        let third = try await discoverer(thirdCount).discover(subscription, known: known)
        #expect(tags(third) == ["1.3.0", "1.2.0", "1.1.0", "1.0.0"])
        #expect(thirdCount.requests == ["/v2/cached/tags/list?n=1000", "/v2/cached/manifests/1.3.0",
                                        thirdCount.requests.last ?? ""])
        #expect(thirdCount.requests.last?.hasPrefix("/v2/cached/blobs/sha256:") == true)
    }
}
