import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct WorkDirectoryTests {
    @Test(arguments: ["/etc/passwd", "../outside", "a/../../outside", ""])
    func pathsLeadingOutAreRefused(path: String) throws {
        let folder = try WorkFolder()
        #expect(throws: StepError.self) { try folder.context.workDirectory.resolve(path) }
    }

    @Test func symlinkLeadingOutIsRefused() throws {
        let folder = try WorkFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "/etc")
        #expect(throws: StepError.self) { try folder.context.workDirectory.resolve("link/passwd") }
        #expect(try folder.context.workDirectory.resolve("./a/./b/../c") == folder.context.workDirectory.root + "/a/c")
    }
}

@Suite struct FileStepsTests {
    @Test func copyCopiesFoldersAndSkipsIgnored() async throws {
        let folder = try WorkFolder()
        try folder.write("src/base/kustomization.yaml", "resources: []\n")
        try folder.write("src/base/notes.tmp", "x")
        try folder.write("src/readme.md", "hi")
        _ = try await CopyStep().run(config: object(["inPath": "./src", "outPath": "./out", "ignore": "*.tmp"]), context: folder.context)
        #expect(folder.read("out/base/kustomization.yaml") == "resources: []\n")
        #expect(folder.read("out/readme.md") == "hi")
        #expect(!folder.exists("out/base/notes.tmp"))
        _ = try await CopyStep().run(config: object(["inPath": "src/readme.md", "outPath": "out/copied.md"]), context: folder.context)
        #expect(folder.read("out/copied.md") == "hi")
    }

    @Test func copyOfAMissingPathIsTerminal() async throws {
        let folder = try WorkFolder()
        await #expect(throws: StepError.terminal("copy: missing does not exist in the work folder")) {
            _ = try await CopyStep().run(config: object(["inPath": "missing", "outPath": "out"]), context: folder.context)
        }
    }

    @Test func deleteLiteralAndGlobPaths() async throws {
        let folder = try WorkFolder()
        try folder.write("out/a.yaml", "a")
        try folder.write("out/b.yaml", "b")
        try folder.write("out/keep.txt", "k")
        try folder.write("tmp/x", "x")
        _ = try await DeleteStep().run(config: object(["path": "tmp"]), context: folder.context)
        #expect(!folder.exists("tmp"))
        _ = try await DeleteStep().run(config: object(["paths": .array(["out/*.yaml"]), "pathsAreGlobs": true]), context: folder.context)
        #expect(!folder.exists("out/a.yaml") && !folder.exists("out/b.yaml") && folder.exists("out/keep.txt"))
        _ = try await DeleteStep().run(config: object(["path": "nothing-here"]), context: folder.context)
        await #expect(throws: StepError.self) {
            _ = try await DeleteStep().run(config: object(["path": "nothing-here", "strict": true]), context: folder.context)
        }
    }

    @Test func fileWriteRespectsOverwriteGitAndModes() async throws {
        let folder = try WorkFolder()
        _ = try await FileWriteStep().run(config: object(["path": "out/values.yaml", "contents": "a: 1\n"]), context: folder.context)
        #expect(folder.read("out/values.yaml") == "a: 1\n")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/out/values.yaml")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await #expect(throws: StepError.self) {
            _ = try await FileWriteStep().run(config: object(["path": "out/values.yaml", "contents": "b"]), context: folder.context)
        }
        _ = try await FileWriteStep().run(config: object(["path": "out/values.yaml", "contents": "b", "overwrite": true, "permissions": "0644"]), context: folder.context)
        #expect(folder.read("out/values.yaml") == "b")
        for bad: [String: JSONValue] in [["path": ".git/config", "contents": "x"], ["path": "run.sh", "contents": "x", "permissions": "0755"],
                                         ["path": "w", "contents": "x", "permissions": "0666"], ["path": "../x", "contents": "x"]] {
            await #expect(throws: StepError.self) { _ = try await FileWriteStep().run(config: .object(bad), context: folder.context) }
        }
    }

    @Test func composeOutputAndFail() async throws {
        let folder = try WorkFolder()
        let result = try await ComposeOutputStep().run(config: object(["prURL": "https://x/1", "count": .int(2)]), context: folder.context)
        #expect(result.output == ["prURL": "https://x/1", "count": .int(2)])
        await #expect(throws: StepError.terminal("Always fails")) {
            _ = try await FailStep().run(config: object(["message": "Always fails"]), context: folder.context)
        }
    }

    @Test func registryKnowsEveryStepByItsKargoName() {
        #expect(StepRegistry.names == [
            "copy", "delete", "file-write", "compose-output", "fail",
            "git-clone", "git-clear", "git-commit", "git-push", "git-tag",
            "kustomize-set-image", "yaml-update", "json-update", "toml-update",
            "yaml-parse", "json-parse", "kustomize-build", "helm-template", "http",
            "git-open-pr", "git-wait-for-pr", "git-merge-pr", "argocd-update", "argocd-wait",
        ])
        #expect(StepRegistry.runners.count == StepRegistry.names.count)  // no name registered twice
        #expect(StepRegistry.runner(named: "copy") is CopyStep)
        #expect(StepRegistry.runner(named: "git-clone") is GitCloneStep)
        #expect(StepRegistry.runner(named: "not-a-step") == nil)
        #expect(StepRegistry.runner(named: "argocd-update") is ArgoCDUpdateStep)
        #expect(StepRegistry.runner(named: "helm-update-chart") == nil)  // a Kargo step Freightline does not run
    }
}
