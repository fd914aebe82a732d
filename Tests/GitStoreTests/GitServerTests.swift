import Foundation
import GitStore
import TestSupport
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private let clock = GitSignature(name: "Freightline", email: "freightline@example.com",
                                 time: (seconds: 1_767_225_600, offsetMinutes: 60))

/// GitStore against a real smart-HTTP server with basic auth (scripts/services.sh).
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct GitServerTests {
    @Test func clonesOverHTTPWithCredentialsThenFetches() throws {
        let server = try GitServer()
        let url = try server.makeRepository("config", seed: ["kargo/project.yaml": "kind: Project\n", "README.md": "hi\n"])
        let main = try server.gitOnServer("config", "rev-parse", "main")
        let cache = server.cacheFolder("config")

        let repository = try GitRepository.cloneOrFetch(url: url, into: cache, credentials: server.credentials)
        #expect(repository.isBare)
        #expect(try repository.remoteReference("main")?.hex == main)
        #expect(try repository.remoteReference("refs/heads/main")?.hex == main)
        #expect(try repository.remoteReference("freightline/state") == nil)
        let fetchedMain = try #require(try repository.remoteReference("main"))
        let files = try repository.readTree(at: fetchedMain)
        #expect(files.map(\.path) == ["README.md", "kargo/project.yaml"])

        // Someone pushes to main; the second cloneOrFetch fetches into the same cache.
        let tree = try server.gitOnServer("config", "rev-parse", "main^{tree}")
        let next = try server.gitOnServer("config", "commit-tree", tree, "-p", main, "-m", "second")
        try server.gitOnServer("config", "update-ref", "refs/heads/main", next)
        let again = try GitRepository.cloneOrFetch(url: url, into: cache, credentials: server.credentials)
        #expect(try again.remoteReference("main")?.hex == next)
        #expect(again.gitDirectory == repository.gitDirectory)
    }

    @Test func wrongCredentialsFailFastWithoutLeakingThePassword() throws {
        let server = try GitServer()
        let url = try server.makeRepository("private", seed: ["a.txt": "a\n"])
        let wrongPassword = "wrong-\(UUID().uuidString)"
        let wrong = GitCredentials(username: server.credentials.username, password: wrongPassword)

        let started = Date()
        let error = #expect(throws: GitError.self) {
            try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("wrong"), credentials: wrong)
        }
        #expect(Date().timeIntervalSince(started) < 10, "must not retry bad credentials forever")
        #expect(error == .authenticationFailed(url: url))
        let message = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(!message.contains(wrongPassword))
        #expect(!message.contains(server.password))
        #expect(message.contains(url))

        // No credentials at all: the same clear error.
        let none = #expect(throws: GitError.self) {
            try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("none"), credentials: nil)
        }
        #expect(none == .authenticationFailed(url: url))

        // Credentials never print their password.
        #expect(!"\(wrong)".contains(wrongPassword))
        #expect(!String(reflecting: wrong).contains(wrongPassword))
        var dumped = ""
        dump(wrong, to: &dumped)
        #expect(!dumped.contains(wrongPassword))
    }

    @Test func unreachableServerIsARemoteError() throws {
        // A port nothing listens on (the server below is stopped first).
        var url = ""
        do {
            let server = try GitServer()
            url = try server.makeRepository("gone")
        }
        let error = #expect(throws: GitError.self) {
            try GitRepository.cloneOrFetch(url: url, into: NSTemporaryDirectory() + "gitstore-gone-\(UUID())",
                                           credentials: GitCredentials(username: "u", password: "p"))
        }
        guard case .remote(let reported, let failure)? = error else {
            Issue.record("expected .remote, got \(String(describing: error))")
            return
        }
        #expect(reported == url)
        #expect(failure.function == "git_clone")
    }

    @Test func writesANestedTreeAndPushesANewStateRef() throws {
        let server = try GitServer()
        let url = try server.makeRepository("gitops", seed: ["README.md": "gitops\n"])
        let repository = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("gitops"),
                                                        credentials: server.credentials)
        let files: [String: [UInt8]] = [
            "freightline.yaml": bytes("schemaVersion: 1\n"),
            "demo/freight/abc.yaml": bytes("kind: Freight\nname: abc\n"),
            "demo/stages/test.yaml": bytes("kind: Stage\nname: test\n"),
            "demo/stages/prod.yaml": bytes("kind: Stage\nname: prod\n"),
            "other/warehouses/w.yaml": bytes(""),
        ]
        let commit = try repository.writeCommit(files: files, parent: nil,
                                                message: "state: init\n\nFreightline-Run: 1", author: clock)
        try repository.push(localCommit: commit, to: "freightline/state", expectedRemote: nil,
                            credentials: server.credentials)
        #expect(try repository.remoteReference("freightline/state") == commit)

        // The server holds exactly these files (git CLI is the oracle).
        let lsRemote = try GitFixture.git(
            ["-c", "credential.helper=", "ls-remote", url.replacingOccurrences(
                of: "http://", with: "http://\(server.credentials.username):\(server.password)@")],
            in: server.repositories)
        #expect(lsRemote.contains("\(commit.hex)\trefs/heads/freightline/state"))
        #expect(try server.gitOnServer("gitops", "rev-parse", "refs/heads/freightline/state") == commit.hex)
        let listed = try server.gitOnServer("gitops", "ls-tree", "-r", "--name-only", "freightline/state")
        #expect(listed.split(separator: "\n").map(String.init) == files.keys.sorted())
        for (path, contents) in files {
            let shown = try GitFixture.git(["show", "freightline/state:\(path)"], in: server.repositoryPath("gitops"),
                                           trimming: false)
            #expect(shown == text(contents), "\(path)")
        }
        #expect(try server.gitOnServer("gitops", "log", "-1", "--format=%an <%ae> %at %ai%n%B", "freightline/state")
            == "Freightline <freightline@example.com> 1767225600 2026-01-01 01:00:00 +0100\nstate: init\n\nFreightline-Run: 1")
        #expect(try server.gitOnServer("gitops", "fsck", "--strict", "--no-dangling").isEmpty)
        // main is untouched.
        #expect(try server.gitOnServer("gitops", "ls-tree", "--name-only", "main") == "README.md")

        // An incremental commit on top, pushed with the right expectation.
        let next = try repository.writeCommit(
            updating: commit,
            changes: ["demo/stages/test.yaml": bytes("kind: Stage\nname: test\nphase: Verified\n"),
                      "demo/freight/abc.yaml": nil, "demo/freight/def.yaml": bytes("kind: Freight\n")],
            message: "state: promote", author: clock)
        try repository.push(localCommit: next, to: "refs/heads/freightline/state", expectedRemote: commit,
                            credentials: server.credentials)
        #expect(try server.gitOnServer("gitops", "rev-parse", "freightline/state") == next.hex)
        #expect(try server.gitOnServer("gitops", "rev-parse", "freightline/state^") == commit.hex)
        #expect(try server.gitOnServer("gitops", "ls-tree", "-r", "--name-only", "freightline/state")
            == "demo/freight/def.yaml\ndemo/stages/prod.yaml\ndemo/stages/test.yaml\nfreightline.yaml\nother/warehouses/w.yaml")

        // Audit trail.
        let log = try repository.log(from: next, limit: 10)
        #expect(log.map(\.id) == [next, commit])
        #expect(log[0].parents == [commit])
        #expect(log[1].parents.isEmpty)
        #expect(log[1].message == "state: init\n\nFreightline-Run: 1\n")
        #expect(log[0].author == clock)
        #expect(log[0].summary == "state: promote")
        #expect(try repository.log(from: next, limit: 1).map(\.id) == [next])
    }

    @Test func aStaleExpectationIsRejectedAndTheRemoteIsUnchanged() throws {
        let server = try GitServer()
        let url = try server.makeRepository("race", seed: ["README.md": "race\n"])
        let first = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("first"),
                                                   credentials: server.credentials)
        let base = try first.writeCommit(files: ["state.yaml": bytes("n: 0\n")], parent: nil,
                                         message: "base", author: clock)
        try first.push(localCommit: base, to: "freightline/state", expectedRemote: nil, credentials: server.credentials)

        // A second runner clones, commits on the same base and wins the race.
        let second = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("second"),
                                                    credentials: server.credentials)
        #expect(try second.remoteReference("freightline/state") == base)
        let winner = try second.writeCommit(updating: base, changes: ["state.yaml": bytes("n: 2\n")],
                                            message: "second wins", author: clock)
        try second.push(localCommit: winner, to: "freightline/state", expectedRemote: base,
                        credentials: server.credentials)

        // The first runner still believes the ref is at `base`.
        let loser = try first.writeCommit(updating: base, changes: ["state.yaml": bytes("n: 1\n")],
                                          message: "first loses", author: clock)
        let error = #expect(throws: GitError.self) {
            try first.push(localCommit: loser, to: "freightline/state", expectedRemote: base,
                           credentials: server.credentials)
        }
        guard case .pushRejected(let ref, let reason)? = error else {
            Issue.record("expected .pushRejected, got \(String(describing: error))")
            return
        }
        #expect(ref == "refs/heads/freightline/state")
        #expect(!reason.isEmpty)
        #expect(try server.gitOnServer("race", "rev-parse", "freightline/state") == winner.hex)

        // "Must not exist" when it does: rejected too.
        #expect(throws: GitError.self) {
            try first.push(localCommit: loser, to: "freightline/state", expectedRemote: nil,
                           credentials: server.credentials)
        }
        #expect(try server.gitOnServer("race", "rev-parse", "freightline/state") == winner.hex)

        // After a fetch the first runner knows the winner: a commit built on it,
        // pushed with a stale expectation, is still refused although it would be
        // a fast-forward (the compare-and-swap, not just the fast-forward check).
        try first.fetch(credentials: server.credentials)
        #expect(try first.remoteReference("freightline/state") == winner)
        let onTop = try first.writeCommit(updating: winner, changes: ["state.yaml": bytes("n: 3\n")],
                                          message: "fast-forward but stale", author: clock)
        let stale = #expect(throws: GitError.self) {
            try first.push(localCommit: onTop, to: "freightline/state", expectedRemote: base,
                           credentials: server.credentials)
        }
        guard case .pushRejected(_, let staleReason)? = stale else {
            Issue.record("expected .pushRejected, got \(String(describing: stale))")
            return
        }
        #expect(staleReason.contains(winner.hex))
        #expect(try server.gitOnServer("race", "rev-parse", "freightline/state") == winner.hex)

        // With the right expectation the re-planned commit goes through.
        try first.push(localCommit: onTop, to: "freightline/state", expectedRemote: winner,
                       credentials: server.credentials)
        #expect(try server.gitOnServer("race", "rev-parse", "freightline/state") == onTop.hex)
        // Repeating a push that already landed is a no-op.
        try first.push(localCommit: onTop, to: "freightline/state", expectedRemote: winner,
                       credentials: server.credentials)
        #expect(try server.gitOnServer("race", "rev-parse", "freightline/state") == onTop.hex)
    }

    @Test func pushWithWrongCredentialsIsAnAuthenticationFailure() throws {
        let server = try GitServer()
        let url = try server.makeRepository("auth", seed: ["README.md": "x\n"])
        let repository = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("auth"),
                                                        credentials: server.credentials)
        let commit = try repository.writeCommit(files: ["a": bytes("a")], parent: nil, message: "a", author: clock)
        let error = #expect(throws: GitError.self) {
            try repository.push(localCommit: commit, to: "freightline/state", expectedRemote: nil,
                                credentials: GitCredentials(username: "freightline", password: "nope"))
        }
        #expect(error == .authenticationFailed(url: url))
        #expect(throws: (any Error).self) { try server.gitOnServer("auth", "rev-parse", "--verify", "-q", "freightline/state") }
    }
}
