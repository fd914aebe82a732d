import Foundation
import GitStore
import Pipeline
import TestSupport
import Testing
@testable import Reconciler

/// State on a branch of a real repository behind a real smart-HTTP server with basic auth.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitStateStoreTests {
    private let author = GitSignature(name: "Freightline", email: "freightline@localhost", time: (seconds: 1_795_000_000, offsetMinutes: 0))

    private func session(_ server: GitServer, _ url: String, credentials: CredentialStore? = nil) throws -> RepositorySession {
        let environment = ["FREIGHTLINE_GIT_USERNAME": server.credentials.username, "FREIGHTLINE_GIT_PASSWORD": server.password]
        return try RepositorySession(location: url, cache: GitCache(root: server.cacheFolder("state")),
                                     credentials: credentials ?? CredentialStore.load(path: nil, environment: environment))
    }

    @Test func firstSaveCreatesTheStateRefWithTrailersAndReadsBack() throws {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["kargo/project.yaml": "kind: Project\n"])
        let mainBefore = try server.gitOnServer("ops", "rev-parse", "main")
        let store = try session(server, url).stateStore(branch: "freightline/state", author: author)
        let empty = try store.load()
        #expect(empty.revision == nil && empty.state == PipelineState())

        let state = PipelineState(freight: [ReconcilerFixtures.freight("1.0.0")])
        let change = StateChange(summary: "Promoted test ← 1.0.0", trailers: [
            .init("Freightline-Run", "r1"), .init("Freightline-Stage", "demo/test"), .init("Freightline-Reason", "multi\nline"),
        ])
        #expect(try store.save(state, replacing: empty, change: change))
        let log = try server.gitOnServer("ops", "log", "-1", "--format=%B", "freightline/state")
        #expect(log.contains("Freightline-Run: r1\nFreightline-Stage: demo/test\nFreightline-Reason: multi line"))
        let files = try server.gitOnServer("ops", "ls-tree", "-r", "--name-only", "freightline/state")
        #expect(files.split(separator: "\n").contains("demo/freight/\(state.freight[0].metadata.name).yaml"))
        #expect(try server.gitOnServer("ops", "rev-parse", "main") == mainBefore)

        // A second clone reads exactly what was written.
        let again = try session(server, url).stateStore(branch: "freightline/state", author: author).load()
        #expect(again.state == state)
        #expect(again.revision == (try server.gitOnServer("ops", "rev-parse", "freightline/state")))
        // Saving the same state again writes nothing.
        let reread = try store.load()
        #expect(try store.save(reread.state, replacing: reread, change: change) == false)
    }

    @Test func aStaleWriterGetsAConflictAndTheRemoteKeepsTheWinner() throws {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let first = try session(server, url).stateStore(branch: "freightline/state", author: author)
        let second = try session(server, url).stateStore(branch: "freightline/state", author: author)
        let a = try first.load()
        let b = try second.load()
        try first.save(PipelineState(freight: [ReconcilerFixtures.freight("1.0.0")]), replacing: a,
                       change: StateChange(summary: "first"))
        let winner = try server.gitOnServer("ops", "rev-parse", "freightline/state")
        #expect(throws: StateConflict.self) {
            try second.save(PipelineState(freight: [ReconcilerFixtures.freight("2.0.0")]), replacing: b,
                            change: StateChange(summary: "second"))
        }
        #expect(try server.gitOnServer("ops", "rev-parse", "freightline/state") == winner)
        // After a re-read the loser builds on the winner.
        let fresh = try second.load()
        var state = fresh.state
        state.freight.append(ReconcilerFixtures.freight("2.0.0"))
        try second.save(state, replacing: fresh, change: StateChange(summary: "second, rebased"))
        #expect(try server.gitOnServer("ops", "rev-parse", "freightline/state^") == winner)
    }

    @Test func wrongCredentialsAreAnEnvironmentErrorWithoutTheSecret() throws {
        let server = try GitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let wrong = try CredentialStore.load(path: nil, environment: [
            "FREIGHTLINE_GIT_USERNAME": server.credentials.username, "FREIGHTLINE_GIT_PASSWORD": "not-the-password-42",
        ])
        do {
            _ = try session(server, url, credentials: wrong)
            Issue.record("opening with a wrong password succeeded")
        } catch let error as RepositoryAccessError {
            guard case .environment(let message) = error else { Issue.record("expected an environment error: \(error)"); return }
            #expect(message.contains("refused the credentials"))
            #expect(!message.contains("not-the-password-42"))
            #expect(!message.contains(server.password))
        }
    }
}
