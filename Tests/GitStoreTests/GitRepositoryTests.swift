import Foundation
import GitStore
import Testing

@Suite struct GitRepositoryTests {
    @Test func opensAWorkTree() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        #expect(repository.workdir == fixture.workTree)
        #expect(repository.gitDirectory == fixture.workTree + "/.git")
        #expect(!repository.isBare)
    }

    @Test("a path inside the work tree opens the enclosing repository",
          arguments: ["envs", "envs/prod/values", ".git"])
    func opensFromInside(_ relative: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree + "/" + relative)
        #expect(repository.workdir == fixture.workTree)
        #expect(try repository.resolve("HEAD").hex == fixture.second)
    }

    @Test func opensABareRepository() throws {
        let fixture = try GitFixture()
        let bare = try fixture.bareClone()
        let repository = try GitRepository(path: bare)
        #expect(repository.isBare)
        #expect(repository.workdir == nil)
        #expect(repository.gitDirectory == bare)
        #expect(try repository.readTree(at: "v1", under: "envs").map(\.path) == [
            "envs/dev/app.yaml", "envs/prod/app.yaml", "envs/prod/values/replicas.yaml",
        ])
    }

    @Test func nonRepositoryFolderIsNotARepository() throws {
        let fixture = try GitFixture()
        let folder = try fixture.makeFolder("plain")
        let error = #expect(throws: GitError.self) { try GitRepository(path: folder) }
        guard case .notARepository(let path, let failure)? = error else {
            Issue.record("expected .notARepository, got \(String(describing: error))")
            return
        }
        #expect(path == folder)
        #expect(failure.function == "git_repository_open_ext")
        #expect(!failure.message.isEmpty)
        #expect(error?.description.contains("git_repository_open_ext") == true)
    }

    @Test func missingFolderIsNotARepository() throws {
        let fixture = try GitFixture()
        let error = #expect(throws: GitError.self) {
            try GitRepository(path: fixture.root.appendingPathComponent("does-not-exist").path)
        }
        #expect(error?.failure?.function == "git_repository_open_ext")
    }

    @Test func discoverRootFindsTheWorkTree() throws {
        let fixture = try GitFixture()
        #expect(GitRepository.discoverRoot(startingAt: fixture.workTree + "/envs/prod/values") == fixture.workTree)
        #expect(GitRepository.discoverRoot(startingAt: fixture.workTree) == fixture.workTree)
        let bare = try fixture.bareClone()
        #expect(GitRepository.discoverRoot(startingAt: bare) == bare)
        #expect(GitRepository.discoverRoot(startingAt: try fixture.makeFolder("plain")) == nil)
    }

    @Test func missingPathIsPathNotFound() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) { try repository.readTree(at: "main", under: "envs/qa") }
        guard case .pathNotFound(let path, let ref, let failure)? = error else {
            Issue.record("expected .pathNotFound, got \(String(describing: error))")
            return
        }
        #expect(path == "envs/qa")
        #expect(ref == "main")
        #expect(failure.function == "git_tree_entry_bypath")
        #expect(error?.description.contains("git_tree_entry_bypath") == true)
    }

    @Test("a file is not a folder", arguments: ["README.md", "envs/prod/app.yaml", "current", "vendor/lib"])
    func fileIsNotADirectory(_ path: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) { try repository.readTree(at: "main", under: path) }
        #expect(error == .notADirectory(path: path, ref: "main"))
    }

    @Test func readTreeAtMissingRefIsReferenceNotFound() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) { try repository.readTree(at: "nope", under: "envs") }
        guard case .referenceNotFound("nope", let failure)? = error else {
            Issue.record("expected .referenceNotFound, got \(String(describing: error))")
            return
        }
        #expect(failure.function == "git_revparse_single")
    }
}
