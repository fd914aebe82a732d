import GitStore
import Testing

/// `readTree` against the fixture, with `git ls-tree` as the oracle for ids, modes and sizes.
@Suite struct ReadTreeTests {
    /// The ways a test can name a revision; the concrete string needs the fixture's commit ids.
    enum Revision: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case branch, fullRef, head, annotatedTag, lightweightTag, abbreviatedCommit, fullCommit, featureBranch

        var testDescription: String { rawValue }

        func spec(in fixture: GitFixture) -> String {
            switch self {
            case .branch: "main"
            case .fullRef: "refs/heads/main"
            case .head: "HEAD"
            case .annotatedTag: "v1"
            case .lightweightTag: "v1-light"
            case .abbreviatedCommit: String(fixture.first.prefix(7))
            case .fullCommit: fixture.first
            case .featureBranch: "feature"
            }
        }

        func expectedPaths() -> [String] {
            switch self {
            case .branch, .fullRef, .head: ReadTreeTests.pathsAtSecond
            case .annotatedTag, .lightweightTag, .abbreviatedCommit, .fullCommit: ReadTreeTests.pathsAtFirst
            case .featureBranch: ReadTreeTests.pathsAtFeature
            }
        }
    }

    /// Git tree order: byte order, folders compared as "name/", depth first.
    static let pathsAtFirst = [
        "README.md", "current", "docs/naïve file.txt", "envs/dev/app.yaml", "envs/prod/app.yaml",
        "envs/prod/values/replicas.yaml", "scripts/deploy.sh", "vendor/lib",
    ]
    static let pathsAtSecond = [
        "README.md", "current", "docs/naïve file.txt", "envs/dev/app.yaml", "envs/prod/app.yaml",
        "envs/prod/values/image.yaml", "envs/prod/values/replicas.yaml", "scripts/deploy.sh", "vendor/lib",
    ]
    static let pathsAtFeature = [
        "README.md", "current", "docs/naïve file.txt", "envs/dev/app.yaml", "envs/prod/app.yaml",
        "envs/prod/values/replicas.yaml", "envs/staging/app.yaml", "scripts/deploy.sh", "vendor/lib",
    ]

    static let gitModes: [String: FileMode] = [
        "100644": .blob, "100755": .executable, "120000": .symlink, "160000": .submodule,
    ]

    @Test("readTree at the root matches git ls-tree", arguments: Revision.allCases)
    func rootMatchesGit(_ revision: Revision) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let spec = revision.spec(in: fixture)

        let files = try repository.readTree(at: spec, under: "")

        #expect(files.map(\.path) == revision.expectedPaths())
        let expected = try fixture.lsTree(spec).map { entry in
            TreeFile(path: entry.path, mode: try #require(Self.gitModes[entry.mode]),
                     objectID: try #require(ObjectID(hex: entry.id)), size: entry.size)
        }
        #expect(files == expected)
    }

    @Test("the root can be named \"\", \".\" or \"/\"", arguments: ["", ".", "./", "/"])
    func rootSpellings(_ root: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        #expect(try repository.readTree(at: "main", under: root).map(\.path) == Self.pathsAtSecond)
    }

    @Test("readTree under a sub-folder keeps root-relative paths",
          arguments: ["envs/prod", "./envs/prod/", "envs//prod"])
    func subFolder(_ folder: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)

        let atMain = try repository.readTree(at: "main", under: folder)
        #expect(atMain.map(\.path) == [
            "envs/prod/app.yaml", "envs/prod/values/image.yaml", "envs/prod/values/replicas.yaml",
        ])
        #expect(atMain == (try repository.readTree(at: "main", under: "").filter { $0.path.hasPrefix("envs/prod/") }))

        let atTag = try repository.readTree(at: "v1", under: folder)
        #expect(atTag.map(\.path) == ["envs/prod/app.yaml", "envs/prod/values/replicas.yaml"])
        // The file changed between the commits, so its blob differs.
        #expect(atTag[0].objectID != atMain[0].objectID)
        #expect(atTag[0].size == GitFixture.prodAppV1.utf8.count)
        #expect(atMain[0].size == GitFixture.prodAppV2.utf8.count)
    }

    @Test func branchesSeeTheirOwnFolders() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        #expect(try repository.readTree(at: "feature", under: "envs/staging").map(\.path) == ["envs/staging/app.yaml"])
        let error = #expect(throws: GitError.self) { try repository.readTree(at: "main", under: "envs/staging") }
        guard case .pathNotFound(let path, let ref, _)? = error else {
            Issue.record("expected .pathNotFound, got \(String(describing: error))")
            return
        }
        #expect(path == "envs/staging")
        #expect(ref == "main")
    }

    @Test func modesAndSizesOfSpecialEntries() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let files = Dictionary(uniqueKeysWithValues: try repository.readTree(at: "main").map { ($0.path, $0) })

        let script = try #require(files["scripts/deploy.sh"])
        #expect(script.mode == .executable)
        #expect(script.size == GitFixture.deployScript.utf8.count)

        let link = try #require(files["current"])
        #expect(link.mode == .symlink)
        #expect(link.size == "envs/prod".utf8.count)
        #expect(try repository.readBlob(link.objectID) == Array("envs/prod".utf8))

        let submodule = try #require(files["vendor/lib"])
        #expect(submodule.mode == .submodule)
        #expect(submodule.size == 0)
        #expect(submodule.objectID.hex == GitFixture.submoduleCommit)

        #expect(files["README.md"]?.mode == .blob)
        #expect(files["docs/naïve file.txt"]?.name == "naïve file.txt")
    }

    @Test func readTreeDoesNotNeedAWorkTree() throws {
        let fixture = try GitFixture()
        // Remove the checked-out files: readTree reads only the object database.
        try fixture.git("rm", "-q", "-r", "--cached", ".")
        try fixture.git("clean", "-q", "-f", "-d", "-x", "-e", ".git")
        let repository = try GitRepository(path: fixture.workTree)
        #expect(try repository.readTree(at: "main").map(\.path) == Self.pathsAtSecond)
    }
}
