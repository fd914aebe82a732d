import Foundation
import GitStore
import TestSupport
import Testing

/// Work trees made from a cache clone: nothing downloaded again, the same result as a
/// fresh clone, and pushes that go to the real remote.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct SharedWorkTreeTests {
    private let author = GitSignature(name: "Freightline", email: "freightline@localhost", time: (seconds: 1_795_000_000, offsetMinutes: 0))

    @Test func aWorkTreeFromTheCacheChecksOutCommitsAndPushesToTheRemote() throws {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["env/test/app.yaml": "tag: 1\n", "README.md": "ops\n"])
        let cache = GitCache(root: server.cacheFolder("cache"))
        let cached = try cache.repository(for: url, credentials: server.credentials)
        let folder = server.cacheFolder("work")
        let work = try GitRepository.workTree(sharing: cached, url: url, into: folder)
        let head = try #require(try work.checkOut(.defaultBranch))
        #expect(head.hex == (try server.gitOnServer("ops", "rev-parse", "main")))
        #expect(try String(contentsOfFile: folder + "/env/test/app.yaml", encoding: .utf8) == "tag: 1\n")
        // Its objects are the cache's: none were copied into the work tree's own store.
        let ownObjects = try FileManager.default.contentsOfDirectory(atPath: folder + "/.git/objects")
            .filter { $0 != "info" && $0 != "pack" }
        #expect(ownObjects.isEmpty)

        try "tag: 2\n".write(toFile: folder + "/env/test/app.yaml", atomically: true, encoding: .utf8)
        let commit = try #require(try work.commitAll(message: "Promote 2 to test", author: author))
        let pushed = try work.pushHead(credentials: server.credentials)
        #expect(pushed.commit == commit && pushed.branch == "main")
        #expect(try server.gitOnServer("ops", "show", "main:env/test/app.yaml") == "tag: 2")
    }

    @Test func theCacheFolderIsStablePerURLAndDistinctAcrossURLs() {
        let cache = GitCache(root: "/var/cache/freightline/")
        let a = cache.directory(for: "https://git.example.com/org/ops.git")
        #expect(a == cache.directory(for: "https://git.example.com/org/ops.git"))
        #expect(a.hasPrefix("/var/cache/freightline/ops-"))
        #expect(a != cache.directory(for: "https://git.example.com/other/ops.git"))
        #expect(cache.directory(for: "git@github.com:org/app.git").hasPrefix("/var/cache/freightline/app-"))
    }
}
