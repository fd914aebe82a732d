@testable import Pipeline
import Testing

/// Freight names and FreightCollection ids against values computed by Kargo's Go code
/// (`GenerateFreightID`, `UpdateOrPush`), including every case of `freight_test.go`.
@Suite struct FreightIdentityTests {
    private let warehouseApp = FreightOrigin(kind: .warehouse, name: "app")
    private let longID = "abc123def456abc123def456abc123def456abc123"

    @Test func kargoReferenceVector() {
        let name = FreightIdentity.name(
            origin: warehouseApp,
            commits: [GitCommit(repoURL: "https://github.com/Example/App.git", id: "abc")],
            images: [], charts: [], artifacts: []
        )
        #expect(name == "955c6f52cfec90b905496cd4de67d4c5be451884")
    }

    @Test func nameOfFreightUsesContentNotMetadata() {
        let freight = Freight(
            metadata: ObjectMeta(name: "whatever"), alias: "some-alias", origin: warehouseApp,
            commits: [GitCommit(repoURL: "https://github.com/Example/App.git", id: "abc", message: "ignored")]
        )
        #expect(FreightIdentity.name(of: freight) == "955c6f52cfec90b905496cd4de67d4c5be451884")
    }

    /// `TestGenerateFreightID`: stable, and changed by a different commit (origin `fake-kind`).
    @Test func generateFreightIDVector() {
        func parts(commitID: String) -> [String] {
            [
                FreightIdentity.part(GitCommit(repoURL: "fake-git-repo", id: commitID)),
                FreightIdentity.part(Image(repoURL: "fake-image-repo", tag: "fake-image-tag")),
                FreightIdentity.part(Chart(repoURL: "fake-chart-repo", name: "fake-chart", version: "fake-chart-version")),
            ]
        }
        let id = FreightIdentity.name(originString: "fake-kind/fake-name", parts: parts(commitID: "fake-commit-id"))
        #expect(id == "2ef94c8c7020aa65825be992e9525f7703d15990")
        for _ in 0..<100 {
            #expect(FreightIdentity.name(originString: "fake-kind/fake-name", parts: parts(commitID: "fake-commit-id")) == id)
        }
        let changed = FreightIdentity.name(originString: "fake-kind/fake-name", parts: parts(commitID: "a-different-fake-commit"))
        #expect(changed == "3798c04f40053ff2ab244201e4c6e80f0283bd6f")
    }

    /// `TestSubscriptionNameAffectsFreightID` (empty origin, which Go renders as `/`).
    @Test("subscription names change the ID", arguments: [
        (FreightIdentity.part(GitCommit(repoURL: "https://github.com/example/repo", id: "abc123def456abc123def456abc123def456abc123")),
         "cec5af9136e19ddbd5c9f71717f1905c0e301800",
         FreightIdentity.part(GitCommit(repoURL: "https://github.com/example/repo", id: "abc123def456abc123def456abc123def456abc123", subscriptionName: "my-sub")),
         "c6987bf2f7416e2e3124df611089af1604ded4c6"),
        (FreightIdentity.part(Image(repoURL: "example.com/myimage", tag: "v1.2.3", digest: "sha256:deadbeef")),
         "d9bedaec1a51d3202e2e53b06e87f1a65e882a2e",
         FreightIdentity.part(Image(repoURL: "example.com/myimage", tag: "v1.2.3", digest: "sha256:deadbeef", subscriptionName: "img-sub")),
         "cc37a6e5ce4b56e5232aaccdc6f946e30f3f5f10"),
        (FreightIdentity.part(Chart(repoURL: "https://charts.example.com", name: "mychart", version: "1.0.0")),
         "ab9075822c9fcf0645639bf6d0f9248feb7f4209",
         FreightIdentity.part(Chart(repoURL: "https://charts.example.com", name: "mychart", version: "1.0.0", subscriptionName: "chart-sub")),
         "2d1886ad002183cc621aa5133bb35a20f3469cc3"),
    ])
    func subscriptionName(base: String, baseID: String, named: String, namedID: String) {
        #expect(FreightIdentity.name(originString: "/", parts: [base]) == baseID)
        #expect(FreightIdentity.name(originString: "/", parts: [named]) == namedID)
        #expect(FreightIdentity.name(originString: "/", parts: [named]) == FreightIdentity.name(originString: "/", parts: [named]))
    }

    @Test("parts are built as Kargo builds them", arguments: [
        (FreightIdentity.part(GitCommit(repoURL: "git@github.com:Org/Repo.git", id: "c0ffee", tag: "v1.0.0")),
         "ssh://git@github.com/org/repo:v1.0.0:c0ffee"),
        (FreightIdentity.part(GitCommit(repoURL: "https://github.com/a/b", id: "1", subscriptionName: "s")),
         "https://github.com/a/b:1:s"),
        (FreightIdentity.part(Image(repoURL: "Docker.io/Nginx", tag: "1.25")), "Docker.io/Nginx:1.25@"),
        (FreightIdentity.part(Chart(repoURL: "https://charts.example.com", name: "mychart", version: "1.0.0")),
         "https:/charts.example.com/mychart:1.0.0"),
        (FreightIdentity.part(Chart(repoURL: "oci://ghcr.io/Org/charts/app", version: "2.0.0")), "ghcr.io/org/charts/app:2.0.0"),
        (FreightIdentity.part(Chart(version: "1")), ":1"),
        (FreightIdentity.part(ArtifactReference(artifactType: "s3", subscriptionName: "bucket", version: "v7")), "s3:bucket:v7"),
    ])
    func parts(part: String, expected: String) {
        #expect(part == expected)
    }

    @Test func mixedArtifactsMatchGo() {
        let name = FreightIdentity.name(
            origin: FreightOrigin(kind: .warehouse, name: "w"),
            commits: [GitCommit(repoURL: "git@github.com:Org/Repo.git", id: "c0ffee", tag: "v1.0.0")],
            images: [Image(repoURL: "docker.io/library/nginx", tag: "1.25", digest: "sha256:" + String(repeating: "ab", count: 32))],
            charts: [Chart(repoURL: "oci://ghcr.io/Org/charts", name: "app", version: "2.0.0")],
            artifacts: [ArtifactReference(artifactType: "s3", subscriptionName: "bucket", version: "v7")]
        )
        #expect(name == "ca3df4e7195f3a349fdb31a06aed522b8755602a")
        let empty = FreightIdentity.name(origin: FreightOrigin(kind: .warehouse, name: "w"), commits: [], images: [], charts: [], artifacts: [])
        #expect(empty == "27fe6a4d90176761691f906e1a4775e8ed991924")
        let emptyChart = FreightIdentity.name(
            origin: FreightOrigin(kind: .warehouse, name: "w"), commits: [], images: [], charts: [Chart(repoURL: "", name: "", version: "1")], artifacts: []
        )
        #expect(emptyChart == "c2cf3cf3c4d5f4d084468d9f672dccb511439a89")
    }

    @Test func artifactOrderDoesNotMatter() {
        let commits = (0..<4).map { GitCommit(repoURL: "https://github.com/org/repo\($0)", id: "id\($0)") }
        let images = (0..<3).map { Image(repoURL: "ghcr.io/org/img\($0)", tag: "v\($0)", digest: "sha256:\($0)") }
        let charts = (0..<3).map { Chart(repoURL: "oci://ghcr.io/org", name: "chart\($0)", version: "1.\($0).0") }
        let artifacts = (0..<2).map { ArtifactReference(artifactType: "t", subscriptionName: "s\($0)", version: "\($0)") }
        let expected = FreightIdentity.name(origin: warehouseApp, commits: commits, images: images, charts: charts, artifacts: artifacts)
        let shuffled = FreightIdentity.name(
            origin: warehouseApp, commits: commits.reversed(), images: [images[1], images[2], images[0]],
            charts: charts.reversed(), artifacts: artifacts.reversed()
        )
        #expect(shuffled == expected)
        let otherOrigin = FreightIdentity.name(
            origin: FreightOrigin(kind: .warehouse, name: "other"), commits: commits, images: images, charts: charts, artifacts: artifacts
        )
        #expect(otherOrigin != expected)
    }

    @Test func collectionID() {
        #expect(FreightIdentity.collectionID(["aaa", "bbb"]) == "b0696a9485397a32e74fc7d20eb458c2420b2ddc")
        #expect(FreightIdentity.collectionID(["bbb", "aaa"]) == "b0696a9485397a32e74fc7d20eb458c2420b2ddc")
        #expect(FreightIdentity.collectionID([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test("path.Clean as Go computes it", arguments: [
        ("https://charts.example.com/mychart", "https:/charts.example.com/mychart"),
        ("a/../b", "b"), ("/../a", "/a"), ("../../x/./y/", "../../x/y"), ("a//b/", "a/b"),
        ("", "."), ("./", "."), ("/", "/"), ("a/b/../../..", ".."), ("x/..", "."), ("https://h/a/../c", "https:/h/c"),
    ])
    func pathClean(input: String, expected: String) {
        #expect(FreightIdentity.goPathClean(input) == expected)
    }
}
