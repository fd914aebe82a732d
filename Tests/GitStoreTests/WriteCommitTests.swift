import Foundation
import GitStore
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `writeCommit` against local repositories (no server), checked with the git CLI.
@Suite struct WriteCommitTests {
    let signature = GitSignature(name: "Freightline", email: "freightline@example.com",
                                 time: (seconds: 1_700_000_000, offsetMinutes: -300))

    /// A new empty bare repository in the fixture's folder.
    private func emptyBare(_ fixture: GitFixture, _ name: String) throws -> String {
        let path = try fixture.makeFolder(name)
        try GitFixture.git(["init", "-q", "--bare", path], in: path)
        return path
    }

    @Test func sameInputsAndTimeGiveTheSameCommitID() throws {
        let fixture = try GitFixture()
        let files = ["a/b/c.yaml": bytes("c\n"), "a/d.yaml": bytes("d\n"), "top": bytes("")]
        let one = try GitRepository(path: emptyBare(fixture, "one"))
        let two = try GitRepository(path: emptyBare(fixture, "two"))
        let first = try one.writeCommit(files: files, parent: nil, message: "m", author: signature)
        #expect(try one.writeCommit(files: files, parent: nil, message: "m", author: signature) == first)
        #expect(try two.writeCommit(files: files, parent: nil, message: "m", author: signature) == first)
        let later = GitSignature(name: signature.name, email: signature.email, time: (1_700_000_001, -300))
        #expect(try one.writeCommit(files: files, parent: nil, message: "m", author: later) != first)

        // git agrees on what was written.
        let path = one.gitDirectory
        #expect(try GitFixture.git(["cat-file", "-p", first.hex], in: path) == """
            tree \(try one.treeID(ofCommit: first).hex)
            author Freightline <freightline@example.com> 1700000000 -0500
            committer Freightline <freightline@example.com> 1700000000 -0500

            m
            """)
        #expect(try GitFixture.git(["ls-tree", "-r", "--name-only", first.hex], in: path)
            == "a/b/c.yaml\na/d.yaml\ntop")
        #expect(try GitFixture.git(["fsck", "--strict", "--no-dangling"], in: path).isEmpty)
        #expect(signature.description == "Freightline <freightline@example.com> 1700000000 -0500")
    }

    @Test func updatingKeepsUnchangedSubtreesAndDeletes() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let base = try #require(ObjectID(hex: fixture.second))
        let next = try repository.writeCommit(
            updating: base,
            changes: ["envs/prod/values/replicas.yaml": bytes("replicas: 7\n"),
                      "envs/dev/app.yaml": nil, "new/dir/file.txt": bytes("new\n"),
                      "missing/already.txt": nil],
            message: "update", author: signature)
        #expect(try repository.log(from: next, limit: 1).first?.parents == [base])

        func treeOf(_ spec: String) throws -> String { try fixture.git("rev-parse", spec) }
        // Untouched subtrees keep their ids; the deleted folder disappears.
        #expect(try treeOf("\(next.hex):docs") == treeOf("\(base.hex):docs"))
        #expect(try treeOf("\(next.hex):scripts") == treeOf("\(base.hex):scripts"))
        #expect(try treeOf("\(next.hex):envs/prod/values") != treeOf("\(base.hex):envs/prod/values"))
        let listed = try fixture.git("-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", next.hex)
        #expect(listed.split(separator: "\n").map(String.init) == [
            "README.md", "current", "docs/naïve file.txt", "envs/prod/app.yaml", "envs/prod/values/image.yaml",
            "envs/prod/values/replicas.yaml", "new/dir/file.txt", "scripts/deploy.sh", "vendor/lib",
        ])
        #expect(try fixture.git("show", "\(next.hex):envs/prod/values/replicas.yaml") == "replicas: 7")
        // Modes are kept for what was not touched (symlink, submodule, executable).
        let modes = try fixture.git("ls-tree", "-r", next.hex)
        #expect(modes.contains("120000 blob") && modes.contains("160000 commit") && modes.contains("100755 blob"))
        // Writing an executable keeps its bit.
        let exec = try repository.writeCommit(updating: next, changes: ["scripts/deploy.sh": bytes("#!/bin/sh\n")],
                                              message: "x", author: signature)
        #expect(try fixture.git("ls-tree", exec.hex, "scripts/deploy.sh").hasPrefix("100755 blob"))

        // Deleting everything gives the empty tree.
        let all = try repository.readTree(at: next).map(\.path)
        let empty = try repository.writeCommit(
            updating: next, changes: Dictionary(uniqueKeysWithValues: all.map { ($0, nil as [UInt8]?) }),
            message: "empty", author: signature)
        #expect(try repository.treeID(ofCommit: empty).hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }

    @Test("invalid paths are refused", arguments: ["", "a//b", "/a", "a/", "./a", "a/../b", ".git/config", "a/.GIT/x"])
    func invalidPaths(_ path: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) {
            try repository.writeCommit(files: [path: bytes("x")], parent: nil, message: "m", author: signature)
        }
        guard case .invalidPath(let reported, _)? = error else {
            Issue.record("expected .invalidPath, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
    }

    @Test func aPathCannotBeBothAFileAndAFolder() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        #expect(throws: GitError.self) {
            try repository.writeCommit(files: ["a": bytes("1"), "a/b": bytes("2")], parent: nil,
                                       message: "m", author: signature)
        }
        // A file replaced by a folder in an update is fine.
        let base = try repository.writeCommit(files: ["a": bytes("1")], parent: nil, message: "m", author: signature)
        let next = try repository.writeCommit(updating: base, changes: ["a": nil, "a/b": bytes("2")],
                                              message: "m", author: signature)
        #expect(try repository.readTree(at: next).map(\.path) == ["a/b"])
    }

    @Test func unknownParentIsObjectNotFound() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let error = #expect(throws: GitError.self) {
            try repository.writeCommit(files: ["a": bytes("1")], parent: missing, message: "m", author: signature)
        }
        guard case .objectNotFound(let id, _)? = error else {
            Issue.record("expected .objectNotFound, got \(String(describing: error))")
            return
        }
        #expect(id == missing)
    }
}
