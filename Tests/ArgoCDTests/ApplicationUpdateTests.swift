import ArgoCD
import Pipeline
import Testing

/// The pure half of `argocd-update`: which source an entry updates, what it becomes, and
/// whether the Stage may touch the Application at all.
@Suite struct ApplicationUpdateTests {
    typealias Update = ApplicationUpdate
    typealias Source = ApplicationUpdate.SourceUpdate
    static let git = "https://github.com/acme/gitops.git"

    // MARK: targetRevision

    struct RevisionCase: CustomTestStringConvertible, Sendable {
        var update: Source
        var expected: String
        var testDescription: String { "update \(update.updateTargetRevision.map(String.init) ?? "nil") → \(expected)" }
    }

    @Test(arguments: [
        RevisionCase(update: Source(repoURL: git, desiredRevision: "abc123", updateTargetRevision: true), expected: "abc123"),
        RevisionCase(update: Source(repoURL: git, desiredRevision: "abc123", updateTargetRevision: false), expected: "main"),
        RevisionCase(update: Source(repoURL: git, desiredRevision: "abc123"), expected: "main"),
        // Kargo compares Git URLs in normalized form: case, `.git` and a trailing `/` do not matter.
        RevisionCase(update: Source(repoURL: "https://GitHub.com/acme/gitops/", desiredRevision: "v2", updateTargetRevision: true),
                     expected: "v2"),
    ])
    func targetRevision(_ example: RevisionCase) throws {
        let app = ApplicationFixture.application(source: ApplicationFixture.source(Self.git, targetRevision: "main"))
        let sources = try Update(name: "guestbook", sources: [example.update]).updatedSources(of: app)
        #expect(sources.count == 1)
        #expect(sources[0]["targetRevision"]?.stringValue == example.expected)
        #expect(sources[0]["repoURL"]?.stringValue == Self.git)
    }

    @Test func chartSourcesMatchOnRepositoryAndChartExactly() throws {
        let chartRepo = "https://charts.example.com"
        let app = ApplicationFixture.application(
            source: ApplicationFixture.source(chartRepo, chart: "guestbook", targetRevision: "1.0.0"))
        let update = Update(name: "guestbook", sources: [
            Source(repoURL: chartRepo, chart: "guestbook", desiredRevision: "1.1.0", updateTargetRevision: true),
        ])
        let patch = try #require(try update.specPatch(for: app))
        #expect(patch["spec"]?["source"]?["targetRevision"]?.stringValue == "1.1.0")
        #expect(patch["spec"]?["source"]?["chart"]?.stringValue == "guestbook")
        #expect(update.desiredRevisions(of: app) == ["1.1.0"])

        for wrong in [Source(repoURL: chartRepo, chart: "other"), Source(repoURL: chartRepo),
                      Source(repoURL: chartRepo + "/", chart: "guestbook")] {
            #expect(throws: ApplicationUpdateError.self) { try Update(sources: [wrong]).updatedSources(of: app) }
        }
    }

    // MARK: kustomize images

    struct ImageCase: CustomTestStringConvertible, Sendable {
        var name: String
        var current: [String]
        var images: [ApplicationUpdate.KustomizeImage]
        var expected: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        ImageCase(name: "tag added to an empty list", current: [],
                  images: [.init(repoURL: "ghcr.io/acme/web", tag: "1.25")], expected: ["ghcr.io/acme/web:1.25"]),
        ImageCase(name: "tag replaces the same image, others stay", current: ["ghcr.io/acme/web:1.24", "redis:7"],
                  images: [.init(repoURL: "ghcr.io/acme/web", tag: "1.25")], expected: ["ghcr.io/acme/web:1.25", "redis:7"]),
        ImageCase(name: "digest", current: ["ghcr.io/acme/web:1.24"],
                  images: [.init(repoURL: "ghcr.io/acme/web", digest: "sha256:0123abcd")],
                  expected: ["ghcr.io/acme/web@sha256:0123abcd"]),
        ImageCase(name: "digest wins over tag", current: [],
                  images: [.init(repoURL: "web", tag: "1", digest: "sha256:ff")], expected: ["web@sha256:ff"]),
        ImageCase(name: "newName", current: ["web=old.example.com/web:1.0"],
                  images: [.init(repoURL: "web", tag: "1.1", newName: "mirror.example.com/web")],
                  expected: ["web=mirror.example.com/web:1.1"]),
        ImageCase(name: "registry with a port", current: ["localhost:5000/app:1", "localhost:5000/other:1"],
                  images: [.init(repoURL: "localhost:5000/app", tag: "2")],
                  expected: ["localhost:5000/app:2", "localhost:5000/other:1"]),
        ImageCase(name: "two images", current: ["api:1"],
                  images: [.init(repoURL: "web", tag: "2"), .init(repoURL: "api", digest: "sha256:aa")],
                  expected: ["api@sha256:aa", "web:2"]),
    ])
    func kustomizeImages(_ example: ImageCase) throws {
        let kustomize: [String: JSONValue] = example.current.isEmpty ? [:]
            : ["kustomize": .object(["images": .array(example.current.map(JSONValue.string))])]
        let app = ApplicationFixture.application(source: ApplicationFixture.source(Self.git, extra: kustomize))
        let update = Update(name: "guestbook", sources: [Source(repoURL: Self.git, kustomize: .init(images: example.images))])
        let patch = try #require(try update.specPatch(for: app))
        let images = patch["spec"]?["source"]?["kustomize"]?["images"]?.arrayValue?.compactMap(\.stringValue)
        #expect(images == example.expected)
        // The rest of the source travels along unchanged (a merge patch replaces lists whole).
        #expect(patch["spec"]?["source"]?["targetRevision"]?.stringValue == "HEAD")
    }

    // MARK: helm parameters

    @Test func helmParametersAreSetByNameKeepingTheirOtherFields() throws {
        let helm: JSONValue = .object(["parameters": .array([
            .object(["name": .string("image.tag"), "value": .string("1.0"), "forceString": .bool(true)]),
            .object(["name": .string("replicas"), "value": .string("2")]),
        ]), "valueFiles": .array([.string("values.yaml")])])
        let app = ApplicationFixture.application(source: ApplicationFixture.source(Self.git, extra: ["helm": helm]))
        let update = Update(name: "guestbook", sources: [Source(repoURL: Self.git, helm: .init(images: [
            .init(key: "image.tag", value: "1.1"), .init(key: "image.repository", value: "ghcr.io/acme/web"),
        ]))])
        let patch = try #require(try update.specPatch(for: app))
        let newHelm = patch["spec"]?["source"]?["helm"]
        #expect(newHelm?["parameters"] == .array([
            .object(["name": .string("image.tag"), "value": .string("1.1"), "forceString": .bool(true)]),
            .object(["name": .string("replicas"), "value": .string("2")]),
            .object(["name": .string("image.repository"), "value": .string("ghcr.io/acme/web")]),
        ]))
        #expect(newHelm?["valueFiles"] == .array([.string("values.yaml")]))
    }

    // MARK: multi-source

    @Test func multiSourceApplicationsPatchTheirSourcesList() throws {
        let chartRepo = "https://charts.example.com"
        let app = ApplicationFixture.application(sources: [
            ApplicationFixture.source(chartRepo, chart: "web", targetRevision: "1.0.0"),
            ApplicationFixture.source(Self.git, targetRevision: "main"),
            ApplicationFixture.source("https://github.com/acme/values.git", targetRevision: "main"),
        ])
        #expect(app.hasMultipleSources)
        let update = Update(name: "guestbook", sources: [
            Source(repoURL: Self.git, desiredRevision: "c0ffee"),
            Source(repoURL: chartRepo, chart: "web", desiredRevision: "1.2.0", updateTargetRevision: true),
        ])
        let patch = try #require(try update.specPatch(for: app))
        #expect(patch["spec"]?["source"] == nil)
        let sources = try #require(patch["spec"]?["sources"]?.arrayValue)
        #expect(sources.map { $0["targetRevision"]?.stringValue } == ["1.2.0", "main", "main"])
        #expect(update.desiredRevisions(of: app) == ["1.2.0", "c0ffee", nil])
    }

    @Test func nothingToPatchWhenOnlyDesiredRevisionsAreGiven() throws {
        let app = ApplicationFixture.application()
        let update = Update(name: "guestbook", sources: [Source(repoURL: Self.git, desiredRevision: "abc")])
        #expect(try update.specPatch(for: app) == nil)
        #expect(try Update(name: "guestbook").specPatch(for: app) == nil)
        #expect(update.desiredRevisions(of: app) == ["abc"])
    }

    @Test func anEntryMatchingNoSourceNamesTheApplicationAndWhatItHas() {
        let app = ApplicationFixture.application(name: "web", namespace: "apps")
        let update = Update(name: "web", sources: [Source(repoURL: "https://github.com/acme/other.git", updateTargetRevision: false)])
        #expect(throws: ApplicationUpdateError.noMatchingSource(
            application: "apps/web", repoURL: "https://github.com/acme/other.git", chart: nil, available: [Self.git])) {
            try update.specPatch(for: app)
        }
        let message = ApplicationUpdateError.noMatchingSource(application: "apps/web", repoURL: "https://x", chart: "c",
                                                              available: []).description
        #expect(message == "no source of Application apps/web matches repoURL https://x and chart c (it has no sources)")
    }

    // MARK: authorization

    struct AuthorizationCase: CustomTestStringConvertible, Sendable {
        var annotation: String?
        var allowed: Bool
        var testDescription: String { "\(annotation ?? "no annotation") → \(allowed ? "allowed" : "denied")" }
    }

    @Test(arguments: [
        AuthorizationCase(annotation: "demo:test", allowed: true),
        AuthorizationCase(annotation: "demo:prod,demo:test", allowed: true),
        AuthorizationCase(annotation: " demo : test , other:uat ", allowed: true),
        AuthorizationCase(annotation: "demo:test,", allowed: true),
        AuthorizationCase(annotation: "demo:prod", allowed: false),
        AuthorizationCase(annotation: "other:test", allowed: false),
        AuthorizationCase(annotation: "demo:testing", allowed: false),
        AuthorizationCase(annotation: nil, allowed: false),
    ])
    func authorization(_ example: AuthorizationCase) {
        let annotations = example.annotation.map { [ApplicationUpdate.authorizedStageAnnotation: $0] } ?? [:]
        let app = ApplicationFixture.application(annotations: annotations)
        let outcome = Result { () throws(ApplicationUpdateError) in
            try ApplicationUpdate.authorize(app, project: "demo", stage: "test")
        }
        switch outcome {
        case .success: #expect(example.allowed)
        case .failure(let error):
            #expect(!example.allowed)
            #expect(error == .notAuthorized(application: "argocd/guestbook", stage: "demo:test", current: example.annotation))
        }
    }

    @Test func aRefusalSaysWhichAnnotationValueWouldAuthorize() {
        let absent = ApplicationUpdateError.notAuthorized(application: "argocd/web", stage: "demo:test", current: nil)
        #expect(absent.description == "Application argocd/web does not authorize Stage demo:test to update it: it has no "
            + "`kargo.akuity.io/authorized-stage` annotation; add `kargo.akuity.io/authorized-stage: demo:test` to the Application")
        let other = ApplicationUpdateError.notAuthorized(application: "argocd/web", stage: "demo:test", current: "demo:prod")
        #expect(other.description.contains("is `demo:prod`; set it to `demo:prod,demo:test`"))
    }

    @Test(arguments: ["demo:*", "garbage", "demo:", ":test", " , "])
    func malformedAnnotationsAreRefused(_ value: String) {
        let app = ApplicationFixture.application(annotations: [ApplicationUpdate.authorizedStageAnnotation: value])
        #expect {
            try ApplicationUpdate.authorize(app, project: "demo", stage: "test")
        } throws: { error in
            guard case .malformedAuthorization(let application, let shown, _, let stage) = error as? ApplicationUpdateError
            else { return false }
            return application == "argocd/guestbook" && shown == value && stage == "demo:test"
        }
    }
}
