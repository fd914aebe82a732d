import Foundation
import TestSupport
import Testing

/// The SSH git server itself (scripts/services.sh start ssh), checked with the git CLI,
/// so a broken service shows up here rather than as a puzzling GitStore failure.
@Suite(.enabled(if: SSHServerAvailability.available,
                "needs sshd, ssh-keygen and ssh (openssh-server, openssh-client: scripts/install-deps.sh); CI=true fails instead"))
struct SSHServerSmokeTests {
    @Test func listsMainWithTheAuthorizedKey() throws {
        let server = try SSHGitServer()
        let url = try server.makeRepository("config", seed: ["README.md": "hi\n"])
        let main = try server.gitOnServer("config", "rev-parse", "main")

        #expect(url.hasPrefix("ssh://\(server.user)@127.0.0.1:"))
        #expect(server.privateKey.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"), "libssh2 needs PEM")
        #expect(server.wrongPrivateKey.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(server.privateKey != server.wrongPrivateKey)
        #expect(server.hostPublicKey.hasPrefix("ssh-ed25519 "))

        let listing = try GitCLI.run(["-c", "core.sshCommand=\(server.sshCommand())", "ls-remote", url, "main"],
                                     in: server.repositories)
        #expect(listing == "\(main)\trefs/heads/main")
    }

    @Test func refusesTheWrongKey() throws {
        let server = try SSHGitServer()
        let url = try server.makeRepository("private", seed: ["a.txt": "a\n"])

        let error = #expect(throws: GitCLI.CommandFailed.self) {
            try GitCLI.run(["-c", "core.sshCommand=\(server.sshCommand(wrongKey: true))", "ls-remote", url],
                           in: server.repositories)
        }
        #expect(error?.output.contains("Permission denied (publickey)") == true)
    }
}
