import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Steps

@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitCloneStepTests {
    @Test func clonesABranchWithCredentials() async throws {
        let fixture = try GitStepFixture()
        let result = try await fixture.clone([object(["branch": "main", "path": "./out"])])
        #expect(fixture.folder.read("out/app/values.yaml") == "image: nginx:1.0\n")
        #expect(result.output["commits"] == object(["./out": .string(try fixture.onServer("rev-parse", "main"))]))
        let branch = try GitCLI.run(["symbolic-ref", "--short", "HEAD"], in: fixture.folder.path + "/out")
        #expect(branch == "main")
    }

    enum Revision: String, CaseIterable { case lightweightTag, annotatedTag, fullCommit, shortCommit }

    @Test(arguments: Revision.allCases)
    func checksOutTagsAndCommitsDetached(_ revision: Revision) async throws {
        let fixture = try GitStepFixture()
        let seeded = try fixture.onServer("rev-parse", "main")
        try fixture.onServer("tag", "v1", "main")
        try fixture.onServer("-c", "user.name=t", "-c", "user.email=t@t", "tag", "-a", "v1a", "-m", "release", "main")
        try fixture.someoneElseCommits(["app/values.yaml": "image: nginx:2.0\n"])
        let entry: [String: JSONValue] = switch revision {
        case .lightweightTag: ["tag": "v1"]
        case .annotatedTag: ["tag": "v1a"]
        case .fullCommit: ["commit": .string(seeded)]
        case .shortCommit: ["commit": .string(String(seeded.prefix(10)))]
        }
        let result = try await fixture.clone([object(entry.merging(["path": "src", "as": "source"]) { $1 })])
        #expect(result.output["commits"] == object(["source": .string(seeded)]))
        #expect(fixture.folder.read("src/app/values.yaml") == "image: nginx:1.0\n")
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: fixture.folder.path + "/src") == seeded)
    }

    @Test func severalCheckoutsOfOneRepository() async throws {
        let fixture = try GitStepFixture()
        let seeded = try fixture.onServer("rev-parse", "main")
        try fixture.someoneElseCommits(["app/values.yaml": "image: nginx:2.0\n"])
        let result = try await fixture.clone([
            object(["commit": .string(seeded), "path": "./src"]),
            object(["branch": "main", "path": "./out"]),
        ])
        #expect(fixture.folder.read("src/app/values.yaml") == "image: nginx:1.0\n")
        #expect(fixture.folder.read("out/app/values.yaml") == "image: nginx:2.0\n")
        #expect(result.output["commits"] == object([
            "./src": .string(seeded), "./out": .string(try fixture.onServer("rev-parse", "main")),
        ]))
    }

    @Test func createStartsAnOrphanBranchThatPushes() async throws {
        let fixture = try GitStepFixture()
        let result = try await fixture.clone([object(["branch": "stage/test", "create": true, "path": "out"])])
        #expect(result.output["commits"] == object(["out": ""]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path + "/out") == [".git"])
        try fixture.folder.write("out/manifest.yaml", "kind: ConfigMap\n")
        let commit = try await fixture.commit("out", "first render")
        let push = try await fixture.push("out")
        #expect(push.string("branch") == "stage/test")
        #expect(try fixture.onServer("rev-parse", "stage/test") == commit.string("commit"))
        #expect(try fixture.onServer("rev-list", "--count", "stage/test") == "1")
        #expect(try fixture.onServer("ls-tree", "-r", "--name-only", "stage/test") == "manifest.yaml")
    }

    @Test func aMissingBranchWithoutCreateIsTerminal() async throws {
        let fixture = try GitStepFixture()
        let error = await #expect(throws: StepError.self) {
            try await fixture.clone([object(["branch": "stage/none", "path": "out"])])
        }
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains("stage/none") == true)
    }

    @Test func checksOutTheFreightsCommit() async throws {
        let fixture = try GitStepFixture()
        let seeded = try fixture.onServer("rev-parse", "main")
        try fixture.someoneElseCommits(["app/values.yaml": "image: nginx:2.0\n"])
        fixture.context.targetFreight = [Freight(
            metadata: ObjectMeta(name: "f1"), origin: FreightOrigin(kind: .warehouse, name: "w"),
            commits: [GitCommit(repoURL: fixture.url, id: seeded)])]
        try await fixture.clone([object(["fromFreight": true, "path": "src"])])
        #expect(fixture.folder.read("src/app/values.yaml") == "image: nginx:1.0\n")
    }

    @Test func wrongPasswordIsTerminalAndNeverShowsThePassword() async throws {
        let fixture = try GitStepFixture()
        let wrong = "wrong-\(UUID().uuidString)"
        fixture.context.gitCredentials = GitStepFixture.provider(
            url: fixture.url, credentials: GitCredentials(username: fixture.server.credentials.username, password: wrong))
        let error = await #expect(throws: StepError.self) {
            try await fixture.clone([object(["branch": "main", "path": "out"])])
        }
        let message = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(error?.isRetryable == false)
        #expect(message.contains(fixture.url))
        #expect(message.contains("authentication failed"))
        #expect(!message.contains(wrong))
        #expect(!message.contains(fixture.server.password))
    }

    @Test(arguments: ["../outside", "/tmp/out", "a/../../outside"])
    func checkoutPathsOutsideTheWorkFolderAreRefused(_ path: String) async throws {
        let fixture = try GitStepFixture()
        let error = await #expect(throws: StepError.self) {
            try await fixture.clone([object(["branch": "main", "path": .string(path)])])
        }
        #expect(error?.isRetryable == false)
    }
}

/// git-clone without a server: what fails before or instead of the network.
@Suite struct GitCloneStepOfflineTests {
    @Test func anUnreachableRemoteIsRetryable() async throws {
        let folder = try WorkFolder()
        let error = await #expect(throws: StepError.self) {
            try await GitCloneStep().run(config: object([
                "repoURL": "http://127.0.0.1:1/nothing.git", "checkout": [object(["path": "out"])],
            ]), context: folder.context)
        }
        #expect(error?.isRetryable == true)
    }

    @Test func twoRevisionsInOneCheckoutAreTerminal() async throws {
        let folder = try WorkFolder()
        await #expect(throws: StepError.self) {
            try await GitCloneStep().run(config: object([
                "repoURL": "http://127.0.0.1:1/nothing.git",
                "checkout": [object(["path": "out", "branch": "main", "tag": "v1"])],
            ]), context: folder.context)
        }
    }

    @Test func gitStepsAreRegistered() {
        #expect(StepRegistry.names.isSuperset(of: ["git-clone", "git-clear", "git-commit", "git-push", "git-tag"]))
    }
}
