import Foundation
import GitStore
import Pipeline
import TestSupport
@testable import Steps

/// A real Git server with one seeded repository, and a work folder whose
/// context hands out the server's credentials for that repository only.
final class GitStepFixture {
    let server: GitServer
    let folder: WorkFolder
    let name = "config"
    let url: String
    var context: StepContext

    init(seed: [String: String] = ["app/values.yaml": "image: nginx:1.0\n", "README.md": "hi\n"]) throws {
        server = try GitServer()
        folder = try WorkFolder()
        url = try server.makeRepository(name, seed: seed)
        context = folder.context
        context.gitCredentials = Self.provider(url: url, credentials: server.credentials)
    }

    static func provider(url: String, credentials: GitCredentials) -> @Sendable (String) -> GitCredentials? {
        { $0 == url ? credentials : nil }
    }

    /// Runs git-clone with the given checkout entries.
    @discardableResult
    func clone(_ checkout: [JSONValue]) async throws -> StepResult {
        try await GitCloneStep().run(config: object(["repoURL": .string(url), "checkout": .array(checkout)]),
                                     context: context)
    }

    @discardableResult
    func commit(_ path: String, _ message: String) async throws -> StepResult {
        try await GitCommitStep().run(config: object(["path": .string(path), "message": .string(message)]),
                                      context: context)
    }

    @discardableResult
    func push(_ path: String, _ extra: [String: JSONValue] = [:]) async throws -> StepResult {
        try await GitPushStep().run(config: object(extra.merging(["path": .string(path)]) { $1 }), context: context)
    }

    /// git on the server's bare repository.
    @discardableResult
    func onServer(_ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: server.repositoryPath(name))
    }

    /// Someone else commits `files` on `branch`, straight into the server's repository.
    func someoneElseCommits(_ files: [String: String], on branch: String = "main") throws {
        let work = folder.path + "-other-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try GitCLI.run(["clone", "-q", "-b", branch, server.repositoryPath(name), work], in: folder.path)
        for (file, text) in files {
            try FileManager.default.createDirectory(atPath: ((work + "/" + file) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: work + "/" + file, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "-A"], in: work)
        try GitCLI.run(["commit", "-q", "-m", "someone else"], in: work)
        try GitCLI.run(["push", "-q", "origin", branch], in: work)
    }
}

extension StepResult {
    func string(_ key: String) -> String? {
        if case .string(let value)? = output[key] { return value }
        return nil
    }
}
