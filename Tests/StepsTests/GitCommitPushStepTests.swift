import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Steps

@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitCommitPushStepTests {
    @Test func editCommitPushLandsOnTheServer() async throws {
        let fixture = try GitStepFixture()
        let seeded = try fixture.onServer("rev-parse", "main")
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.1\n")
        try FileManager.default.removeItem(atPath: fixture.folder.path + "/out/README.md")
        try fixture.folder.write("out/app/new.yaml", "new: true\n")

        let commit = try await fixture.commit("out", "set image to 1.1")
        let push = try await fixture.push("out")

        let head = try fixture.onServer("rev-parse", "main")
        #expect(commit.string("commit") == head)
        #expect(push.output == ["branch": "main", "commit": .string(head)])
        #expect(try fixture.onServer("log", "-1", "--format=%s|%an <%ae>|%P", "main")
            == "set image to 1.1|Freightline <freightline@localhost>|\(seeded)")
        #expect(try fixture.onServer("show", "main:app/values.yaml") == "image: nginx:1.1")
        #expect(try fixture.onServer("ls-tree", "-r", "--name-only", "main") == "app/new.yaml\napp/values.yaml")
        // The work tree is clean afterwards, as git sees it.
        #expect(try GitCLI.run(["status", "--porcelain"], in: fixture.folder.path + "/out") == "")
    }

    @Test func authorsFromTheCloneAndFromTheStep() async throws {
        let fixture = try GitStepFixture()
        _ = try await GitCloneStep().run(config: object([
            "repoURL": .string(fixture.url), "author": object(["name": "Kargo Bot", "email": "bot@example.com"]),
            "checkout": [object(["branch": "main", "path": "out"])],
        ]), context: fixture.context)
        try fixture.folder.write("out/a.txt", "a\n")
        try await fixture.commit("out", "by the clone's author")
        try fixture.folder.write("out/b.txt", "b\n")
        _ = try await GitCommitStep().run(config: object([
            "path": "out", "message": "by the step's author",
            "author": object(["name": "Someone", "email": "someone@example.com"]),
        ]), context: fixture.context)
        try await fixture.push("out")
        #expect(try fixture.onServer("log", "-2", "--format=%an <%ae>", "main")
            == "Someone <someone@example.com>\nKargo Bot <bot@example.com>")
    }

    @Test func aCommitWithoutChangesMakesNoCommit() async throws {
        let fixture = try GitStepFixture()
        let seeded = try fixture.onServer("rev-parse", "main")
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.0\n")  // same bytes
        let result = try await fixture.commit("out", "nothing really")
        #expect(result.string("commit") == seeded)
        #expect(result.message?.contains("no changes") == true)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: fixture.folder.path + "/out") == seeded)
        let push = try await fixture.push("out")
        #expect(push.string("commit") == seeded)
        #expect(try fixture.onServer("rev-parse", "main") == seeded)
    }

    @Test func pushAfterSomeoneElsePushedRebasesAndSucceeds() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.1\n")
        try await fixture.commit("out", "set image")
        try fixture.someoneElseCommits(["other/file.txt": "theirs\n"])
        let theirs = try fixture.onServer("rev-parse", "main")

        let push = try await fixture.push("out")

        let head = try fixture.onServer("rev-parse", "main")
        #expect(push.string("commit") == head)
        #expect(push.message?.contains("rebased") == true)
        #expect(try fixture.onServer("rev-parse", "main~1") == theirs)
        #expect(try fixture.onServer("log", "-1", "--format=%s", "main") == "set image")
        #expect(try fixture.onServer("show", "main:app/values.yaml") == "image: nginx:1.1")
        #expect(try fixture.onServer("show", "main:other/file.txt") == "theirs")
        // The local work tree followed the rebase.
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: fixture.folder.path + "/out") == head)
        #expect(fixture.folder.read("out/other/file.txt") == "theirs\n")
    }

    @Test func aConflictingRemoteChangeIsTerminalAndNamesTheFile() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.1\n")
        try await fixture.commit("out", "ours")
        try fixture.someoneElseCommits(["app/values.yaml": "image: nginx:9.9\n"])
        let theirs = try fixture.onServer("rev-parse", "main")

        let error = await #expect(throws: StepError.self) { try await fixture.push("out") }
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains("app/values.yaml") == true)
        #expect(try fixture.onServer("rev-parse", "main") == theirs)
    }

    @Test func repeatingAPushIsANoOp() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.1\n")
        let commit = try await fixture.commit("out", "set image").string("commit")
        try await fixture.push("out")
        let again = try await fixture.push("out")
        #expect(again.string("commit") == commit)
        #expect(try fixture.onServer("rev-parse", "main") == commit)

        // Someone built on top since: the push is still done, nothing is sent.
        try fixture.someoneElseCommits(["later.txt": "later\n"])
        let later = try fixture.onServer("rev-parse", "main")
        let third = try await fixture.push("out")
        #expect(third.string("commit") == commit)
        #expect(third.message?.contains("already contains") == true)
        #expect(try fixture.onServer("rev-parse", "main") == later)
    }

    @Test func pushesToTargetAndGeneratedBranches() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/app/values.yaml", "image: nginx:1.1\n")
        let commit = try await fixture.commit("out", "set image").string("commit")
        let generated = try await fixture.push("out", ["generateTargetBranch": true])
        #expect(generated.string("branch") == "kargo/promotion/p1")
        let target = try await fixture.push("out", ["targetBranch": "stage/uat"])
        #expect(target.string("branch") == "stage/uat")
        #expect(try fixture.onServer("rev-parse", "kargo/promotion/p1") == commit)
        #expect(try fixture.onServer("rev-parse", "stage/uat") == commit)
        #expect(try fixture.onServer("rev-parse", "main") != commit)
    }

    @Test func wrongPasswordOnPushIsTerminalWithoutThePassword() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        try fixture.folder.write("out/a.txt", "a\n")
        try await fixture.commit("out", "a")
        let wrong = "wrong-\(UUID().uuidString)"
        fixture.context.gitCredentials = GitStepFixture.provider(
            url: fixture.url, credentials: GitCredentials(username: fixture.server.credentials.username, password: wrong))
        let error = await #expect(throws: StepError.self) { try await fixture.push("out") }
        let message = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(error?.isRetryable == false)
        #expect(message.contains(fixture.url))
        #expect(!message.contains(wrong))
        #expect(!message.contains(fixture.server.password))
    }

    @Test func forcePushIsRefused() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        await #expect(throws: StepError.self) { try await fixture.push("out", ["force": true]) }
    }
}
