import GitStore
import Testing

@Suite struct BlobTests {
    @Test("blob bytes and sizes match what was committed", arguments: [
        ("main", "envs/prod/app.yaml", GitFixture.prodAppV2),
        ("v1", "envs/prod/app.yaml", GitFixture.prodAppV1),
        ("main", "envs/prod/values/image.yaml", "image: app:2\n"),
        ("feature", "envs/staging/app.yaml", "kind: Stage\nname: staging\n"),
        ("main", "scripts/deploy.sh", GitFixture.deployScript),
        ("main", "docs/naïve file.txt", "unicode name\n"),
    ])
    func bytes(ref: String, path: String, contents: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let file = try #require(try repository.readTree(at: ref).first { $0.path == path })

        let bytes = try repository.readBlob(file.objectID)

        #expect(bytes == Array(contents.utf8))
        #expect(try repository.blobSize(file.objectID) == bytes.count)
        #expect(file.size == bytes.count)
        #expect(file.objectID.hex == (try fixture.git("rev-parse", "\(ref):\(path)")))
    }

    @Test func missingBlobIsObjectNotFound() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))

        let readError = #expect(throws: GitError.self) { try repository.readBlob(missing) }
        guard case .objectNotFound(let id, let failure)? = readError else {
            Issue.record("expected .objectNotFound, got \(String(describing: readError))")
            return
        }
        #expect(id == missing)
        #expect(failure.function == "git_blob_lookup")

        let sizeError = #expect(throws: GitError.self) { try repository.blobSize(missing) }
        #expect(sizeError?.failure?.function == "git_odb_read_header")
    }

    @Test func treesAreNotBlobs() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let tree = try #require(ObjectID(hex: try fixture.git("rev-parse", "main:envs")))

        let sizeError = #expect(throws: GitError.self) { try repository.blobSize(tree) }
        #expect(sizeError == .notABlob(tree, type: "tree"))
        #expect(throws: GitError.self) { try repository.readBlob(tree) }
    }

    @Test func emptyBlob() throws {
        let fixture = try GitFixture()
        try fixture.git("commit", "-q", "--allow-empty", "-m", "noop")
        let empty = try fixture.git("hash-object", "-w", "--stdin")  // stdin is empty
        let repository = try GitRepository(path: fixture.workTree)
        let id = try #require(ObjectID(hex: empty))
        #expect(try repository.readBlob(id) == [])
        #expect(try repository.blobSize(id) == 0)
    }
}
