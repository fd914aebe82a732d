import Foundation
import GitStore
import TestSupport
import Testing

/// GitStore over SSH with a private key held in memory, against a real OpenSSH server.
@Suite(.enabled(if: SSHServerAvailability.available,
                "needs openssh-server (scripts/install-deps.sh); CI=true fails instead"))
struct SSHRemoteTests {
    private let author = GitSignature(name: "Freightline", email: "freightline@localhost", time: (seconds: 1_795_000_000, offsetMinutes: 0))

    @Test func clonesAndPushesWithAnSSHKey() throws {
        let server = try SSHGitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let credentials = GitCredentials.sshKey(username: server.user, privateKey: server.privateKey)
        let cache = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("cache"), credentials: credentials)
        let main = try #require(try cache.remoteReference("main"))
        #expect(main.hex == (try server.gitOnServer("ops", "rev-parse", "main")))

        let commit = try cache.writeCommit(updating: nil, changes: ["state.yaml": Array("a: 1\n".utf8)],
                                           message: "state", author: author)
        try cache.push(localCommit: commit, to: "freightline/state", expectedRemote: nil, credentials: credentials)
        #expect(try server.gitOnServer("ops", "rev-parse", "freightline/state") == commit.hex)
        #expect(!"\(credentials)".contains("PRIVATE KEY"))
    }

    /// Current OpenSSH refuses RSA signatures made with SHA-1, the only kind libssh2 1.10
    /// makes; an ed25519 key (OpenSSH format) is what works against a default server.
    @Test func anEd25519KeyInOpenSSHFormatWorks() throws {
        let server = try SSHGitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let folder = (server.privateKeyPath as NSString).deletingLastPathComponent
        let keyPath = folder + "/ed25519_key"
        try GitCLI.runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", keyPath], in: folder)
        let publicKey = try String(contentsOfFile: keyPath + ".pub", encoding: .utf8)
        let authorized = URL(fileURLWithPath: folder + "/authorized_keys")
        let handle = try FileHandle(forWritingTo: authorized)
        handle.seekToEndOfFile()
        handle.write(Data(("\n" + publicKey).utf8))
        try handle.close()
        let credentials = GitCredentials.sshKey(username: server.user, privateKey: try String(contentsOfFile: keyPath, encoding: .utf8))
        let cache = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("cache"), credentials: credentials)
        #expect(try cache.remoteReference("main") != nil)
    }

    @Test func anUnknownKeyIsAnAuthenticationFailureThatShowsNoKey() throws {
        let server = try SSHGitServer()
        let url = try server.makeRepository("ops", seed: ["README.md": "ops\n"])
        let wrong = GitCredentials.sshKey(username: server.user, privateKey: server.wrongPrivateKey)
        do {
            _ = try GitRepository.cloneOrFetch(url: url, into: server.cacheFolder("cache"), credentials: wrong)
            Issue.record("a clone with an unauthorized key succeeded")
        } catch {
            #expect(error == .authenticationFailed(url: GitStoreTestURL.redacted(url)), "\(error)")
            #expect(!"\(error)".contains("PRIVATE KEY"))
        }
    }
}

enum GitStoreTestURL {
    /// A URL as GitStore errors show it: without user info.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + url[url.index(after: at)...]
    }
}
