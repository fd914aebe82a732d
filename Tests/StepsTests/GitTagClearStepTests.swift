import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Steps

@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitTagClearStepTests {
    @Test(arguments: [true, false])
    func tagsHeadAndPushesTheTag(annotated: Bool) async throws {
        let fixture = try GitStepFixture()
        let head = try fixture.onServer("rev-parse", "main")
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        var config: [String: JSONValue] = ["path": "out", "tag": "v1.0.0"]
        if annotated { config["message"] = "release 1.0.0" }
        let tag = try await GitTagStep().run(config: object(config), context: fixture.context)
        #expect(tag.output == ["tag": "v1.0.0", "commit": .string(head)])
        // Tagging again is a no-op.
        _ = try await GitTagStep().run(config: object(config), context: fixture.context)

        let push = try await fixture.push("out", ["tag": "v1.0.0"])
        #expect(push.output == ["tag": "v1.0.0", "commit": .string(head)])
        #expect(try fixture.onServer("cat-file", "-t", "v1.0.0") == (annotated ? "tag" : "commit"))
        #expect(try fixture.onServer("rev-parse", "v1.0.0^{commit}") == head)
        if annotated {
            #expect(try fixture.onServer("tag", "-l", "--format=%(contents:subject)|%(taggername)", "v1.0.0")
                == "release 1.0.0|Freightline")
        }
        // Pushing the same tag again is a no-op too.
        _ = try await fixture.push("out", ["tag": "v1.0.0"])
    }

    @Test func aTagOnAnotherCommitIsTerminal() async throws {
        let fixture = try GitStepFixture()
        try fixture.onServer("tag", "v1", "main")
        try fixture.someoneElseCommits(["x.txt": "x\n"])
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        let error = await #expect(throws: StepError.self) {
            try await GitTagStep().run(config: object(["path": "out", "tag": "v1", "message": "m"]), context: fixture.context)
        }
        #expect(error?.isRetryable == false)
    }

    @Test func clearKeepsGitAndTheCommitRecordsTheDeletions() async throws {
        let fixture = try GitStepFixture()
        try await fixture.clone([object(["branch": "main", "path": "out"])])
        _ = try await GitClearStep().run(config: object(["path": "./out"]), context: fixture.context)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path + "/out") == [".git"])
        try fixture.folder.write("out/rendered.yaml", "kind: Deployment\n")
        try await fixture.commit("out", "render")
        try await fixture.push("out")
        #expect(try fixture.onServer("ls-tree", "-r", "--name-only", "main") == "rendered.yaml")
    }
}

/// Git steps against paths that are not work trees: no server needed.
@Suite struct GitStepPathTests {
    @Test(arguments: ["git-clear", "git-commit", "git-push", "git-tag"], ["../outside", "/etc", "a/../../x"])
    func pathsOutsideTheWorkFolderAreRefused(step: String, path: String) async throws {
        let folder = try WorkFolder()
        let runner = try #require(StepRegistry.runner(named: step))
        let config = object(["path": .string(path), "message": "m", "tag": "t"])
        let error = await #expect(throws: StepError.self) { try await runner.run(config: config, context: folder.context) }
        #expect(error?.isRetryable == false)
        #expect(error?.description.contains(path) == true)
    }

    @Test(arguments: ["git-clear", "git-commit", "git-push", "git-tag"])
    func aFolderThatIsNotAWorkTreeIsRefused(step: String) async throws {
        let folder = try WorkFolder()
        try folder.write("plain/file.txt", "keep me\n")
        let runner = try #require(StepRegistry.runner(named: step))
        let config = object(["path": "plain", "message": "m", "tag": "t"])
        let error = await #expect(throws: StepError.self) { try await runner.run(config: config, context: folder.context) }
        #expect(error?.description.contains("not a git work tree") == true)
        #expect(folder.read("plain/file.txt") == "keep me\n")
    }

    @Test(arguments: [
        ("https://github.com/org/repo.git", nil, "https://github.com/org/repo/commit/abc"),
        ("https://user@gitlab.com/group/sub/repo", nil, "https://gitlab.com/group/sub/repo/-/commit/abc"),
        ("git@bitbucket.org:team/repo.git", nil, "https://bitbucket.org/team/repo/commits/abc"),
        ("https://git.example.com/org/repo.git", "gitea", "https://git.example.com/org/repo/commit/abc"),
        ("http://127.0.0.1:8080/git/config.git", nil, nil),
    ] as [(String, String?, String?)])
    func commitURLs(repoURL: String, provider: String?, expected: String?) {
        #expect(GitCommitURL.make(repoURL: repoURL, commit: "abc", provider: provider) == expected)
    }
}
