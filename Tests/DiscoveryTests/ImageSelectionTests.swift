import Pipeline
import Testing
@testable import Discovery

/// The pure part of image discovery: which tags, in which order (Kargo's selectors).
@Suite struct ImageSelectionTests {
    static let tags = ["1.0.0", "1.2.0", "1.2.5", "1.3.0-rc.1", "2.0.0", "v2.1.0", "2.1", "latest", "0.9.0", "abc123"]

    @Test(arguments: [
        ("", ["v2.1.0", "2.0.0", "1.3.0-rc.1", "1.2.5", "1.2.0", "1.0.0", "0.9.0"]),
        ("^1.2.0", ["1.2.5", "1.2.0"]),
        ("~1.2", ["1.2.5", "1.2.0"]),
        (">=1.0.0, <2.0.0", ["1.2.5", "1.2.0", "1.0.0"]),
        ("1.0.0 - 1.2.0", ["1.2.0", "1.0.0"]),
        ("^1.0 || ^2.0", ["v2.1.0", "2.0.0", "1.2.5", "1.2.0", "1.0.0"]),
        (">=1.3.0-0", ["v2.1.0", "2.0.0", "1.3.0-rc.1"]),
        ("1.2.x", ["1.2.5", "1.2.0"]),
        ("<0.1.0", []),
    ])
    func semVerConstraints(constraint: String, expected: [String]) throws {
        let selection = try ImageSelection(subscription: ImageSubscription(repoURL: "r/app", constraint: constraint))
        #expect(selection.candidates(from: Self.tags) == expected)
    }

    @Test func semverConstraintIsTheOlderSpellingOfConstraint() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(repoURL: "r/app", semverConstraint: "^2"))
        #expect(selection.candidates(from: Self.tags) == ["v2.1.0", "2.0.0"])
    }

    @Test func looseSemversWhenNotStrict() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(repoURL: "r/app", strictSemvers: false, constraint: "^2"))
        // 2.1 is 2.1.0; equal precedence is ordered by text, greatest first.
        #expect(selection.candidates(from: Self.tags) == ["v2.1.0", "2.1", "2.0.0"])
    }

    @Test func lexicalIsByBytesGreatestFirst() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(
            repoURL: "r/app", imageSelectionStrategy: .lexical, allowTagsRegexes: [#"^nightly-\d{8}$"#]))
        let tags = ["nightly-20260105", "nightly-20251231", "nightly-20260101", "nightly-x", "Nightly-20270101", "release"]
        #expect(selection.candidates(from: tags) == ["nightly-20260105", "nightly-20260101", "nightly-20251231"])
    }

    @Test func ignoreWinsOverAllow() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(
            repoURL: "r/app", allowTagsRegexes: ["^1\\."], ignoreTags: ["1.2.0"], ignoreTagsRegexes: ["-rc"]))
        #expect(selection.candidates(from: Self.tags) == ["1.2.5", "1.0.0"])
    }

    @Test func newestBuildOrdersByBuildTimeThenTag() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(
            repoURL: "r/app", imageSelectionStrategy: .newestBuild, discoveryLimit: 3))
        let time = { (text: String) in Timestamp(rfc3339: text)! }
        let images = [
            DiscoveredImageReference(tag: "a", digest: "sha256:a", createdAt: time("2026-01-01T00:00:00Z")),
            DiscoveredImageReference(tag: "b", digest: "sha256:b", createdAt: time("2026-03-01T00:00:00Z")),
            DiscoveredImageReference(tag: "none", digest: "sha256:n", createdAt: nil),
            DiscoveredImageReference(tag: "c", digest: "sha256:c", createdAt: time("2026-01-01T00:00:00Z")),
        ]
        #expect(selection.ordered(images).map(\.tag) == ["b", "c", "a"])
    }

    @Test func digestFollowsTheTagInConstraint() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(
            repoURL: "r/app", imageSelectionStrategy: .digest, constraint: "latest"))
        #expect(selection.strategy == .digest(tag: "latest"))
        #expect(selection.candidates(from: Self.tags) == ["latest"])
        #expect(selection.followsMutableTag)
    }

    @Test func defaults() throws {
        let selection = try ImageSelection(subscription: ImageSubscription(repoURL: "r/app"))
        #expect(selection.strategy == .semVer(constraint: nil, strict: true))
        #expect(selection.discoveryLimit == 20)
        #expect(selection.platform == nil)
    }

    @Test(arguments: [
        (ImageSubscription(repoURL: "r/app", constraint: "^^1"), "constraint"),
        (ImageSubscription(repoURL: "r/app", imageSelectionStrategy: .digest), "constraint"),
        (ImageSubscription(repoURL: "r/app", allowTagsRegexes: ["(?=x)"]), "allowTagsRegexes"),
        (ImageSubscription(repoURL: "r/app", ignoreTagsRegexes: ["(unclosed"]), "ignoreTagsRegexes"),
        (ImageSubscription(repoURL: "r/app", platform: "linux"), "platform"),
    ])
    func invalidSubscriptions(subscription: ImageSubscription, field: String) {
        #expect(throws: ImageSelectionError.self) { try ImageSelection(subscription: subscription) }
        do { _ = try ImageSelection(subscription: subscription) } catch { #expect(error.field == field) }
    }

    @Test func platforms() {
        #expect(ImagePlatform("linux/amd64") == ImagePlatform(os: "linux", architecture: "amd64"))
        #expect(ImagePlatform("linux/arm/v7")?.variant == "v7")
        #expect(ImagePlatform("linux/arm/v7")?.description == "linux/arm/v7")
        #expect(ImagePlatform("linux") == nil)
        #expect(ImagePlatform("/amd64") == nil)
    }

    @Test(arguments: [
        ("localhost:5000/demo/app", "localhost:5000", "demo/app", true),
        ("127.0.0.1:5000/app", "127.0.0.1:5000", "app", true),
        ("ghcr.io/org/app", "ghcr.io", "org/app", false),
        ("nginx", "registry-1.docker.io", "library/nginx", false),
        ("bitnami/redis", "registry-1.docker.io", "bitnami/redis", false),
        ("docker.io/nginx", "registry-1.docker.io", "library/nginx", false),
        ("GHCR.io/Org/App", "ghcr.io", "org/app", false),
    ])
    func repositoryReferences(repoURL: String, host: String, repository: String, plainHTTP: Bool) throws {
        let reference = try #require(ImageRepositoryReference(repoURL: repoURL))
        #expect(reference.host == host)
        #expect(reference.repository == repository)
        #expect(reference.plainHTTP == plainHTTP)
    }

    @Test func repositoryReferencesRejectTagsAndDigests() {
        #expect(ImageRepositoryReference(repoURL: "ghcr.io/org/app:1.0") == nil)
        #expect(ImageRepositoryReference(repoURL: "ghcr.io/org/app@sha256:abc") == nil)
        #expect(ImageRepositoryReference(repoURL: "") == nil)
        #expect(ImageRepositoryReference(repoURL: "ghcr.io/org/app", insecureSkipTLSVerify: true)?.plainHTTP == true)
    }

    @Test func challenges() throws {
        let bearer = try #require(RegistryChallenge(header: #"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull""#))
        #expect(bearer.scheme == "bearer")
        #expect(bearer.parameters == ["realm": "https://auth.example/token", "service": "registry.example", "scope": "repository:app:pull"])
        #expect(RegistryChallenge(header: #"Basic realm="x""#)?.scheme == "basic")
        #expect(RegistryLink.next(#"</v2/app/tags/list?n=2&last=b>; rel="next""#, origin: "http://h")
            == "http://h/v2/app/tags/list?n=2&last=b")
    }
}
