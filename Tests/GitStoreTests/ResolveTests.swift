import GitStore
import Testing

@Suite struct ResolveTests {
    @Test func namesResolveToTheirCommits() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let first = try #require(ObjectID(hex: fixture.first))
        let second = try #require(ObjectID(hex: fixture.second))

        #expect(try repository.resolve("main") == second)
        #expect(try repository.resolve("refs/heads/main") == second)
        #expect(try repository.resolve("HEAD") == second)
        #expect(try repository.resolve("main~1") == first)
        #expect(try repository.resolve("feature").hex == fixture.feature)
        #expect(try repository.resolve(fixture.first) == first)
        #expect(try repository.resolve(String(fixture.first.prefix(8))) == first)
        // The lightweight tag points at the commit itself.
        #expect(try repository.resolve("v1-light") == first)
    }

    @Test func annotatedTagsArePeeledToTheCommit() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let tagObject = try fixture.git("rev-parse", "refs/tags/v1")
        #expect(tagObject != fixture.first, "fixture: v1 must be an annotated tag object")
        #expect(try repository.resolve("v1").hex == fixture.first)
        #expect(try repository.resolve("refs/tags/v1").hex == fixture.first)
    }

    @Test("unknown revisions are .referenceNotFound from git_revparse_single",
          arguments: ["nope", "refs/heads/nope", "v9", "deadbeefdeadbeef", "main~10"])
    func missingReference(_ spec: String) throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) { try repository.resolve(spec) }
        guard case .referenceNotFound(let ref, let failure)? = error else {
            Issue.record("expected .referenceNotFound, got \(String(describing: error))")
            return
        }
        #expect(ref == spec)
        #expect(failure.function == "git_revparse_single")
        #expect(failure.code < 0)
        #expect(!failure.message.isEmpty)
        #expect(error?.description.contains("git_revparse_single") == true)
        #expect(error?.description.contains(spec) == true)
    }

    @Test func aTreeIsNotACommit() throws {
        let fixture = try GitFixture()
        let repository = try GitRepository(path: fixture.workTree)
        let error = #expect(throws: GitError.self) { try repository.resolve("main^{tree}") }
        #expect(error?.failure?.function == "git_object_peel")
        #expect(error?.description.contains("git_object_peel") == true)
    }
}
