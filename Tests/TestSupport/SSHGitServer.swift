import Foundation
import Testing

/// A real SSH git server (OpenSSH's sshd, public-key auth only) started with
/// `scripts/services.sh start ssh` in a private runtime folder, and stopped
/// (folder removed) when released. Each test gets its own, on its own free
/// loopback port, with freshly generated keys, so tests run in parallel.
/// The login user is whoever runs the tests (root in CI).
public final class SSHGitServer: @unchecked Sendable {
    /// e.g. ssh://root@127.0.0.1:PORT; a repository's URL appends its absolute path.
    public let baseURL: String
    /// Folder of the bare repositories the server serves (absolute).
    public let repositories: String
    /// The user the server lets log in.
    public let user: String
    /// The authorized private key, RSA in PEM form (libssh2 reads it from memory).
    public let privateKey: String
    /// A private key of the same kind that the server never accepts.
    public let wrongPrivateKey: String
    public let privateKeyPath: String
    public let wrongPrivateKeyPath: String
    /// A known_hosts file naming the server's host key for `[127.0.0.1]:PORT`.
    public let knownHostsPath: String
    /// The server's host public key, `ssh-ed25519 AAAA…`.
    public let hostPublicKey: String
    private let service: ScriptedService
    private var runtime: URL { service.runtime }

    public init() throws {
        service = try ScriptedService("ssh", folder: "gitstore-ssh-server", requiring: [
            "FREIGHTLINE_SSH_URL", "FREIGHTLINE_SSH_REPOS", "FREIGHTLINE_SSH_USER", "FREIGHTLINE_SSH_KEY",
            "FREIGHTLINE_SSH_WRONG_KEY", "FREIGHTLINE_SSH_KNOWN_HOSTS",
        ])
        let url = service["FREIGHTLINE_SSH_URL"], repos = service["FREIGHTLINE_SSH_REPOS"]
        let user = service["FREIGHTLINE_SSH_USER"], key = service["FREIGHTLINE_SSH_KEY"]
        let wrongKey = service["FREIGHTLINE_SSH_WRONG_KEY"], knownHosts = service["FREIGHTLINE_SSH_KNOWN_HOSTS"]
        // The service stops when `service` is released, should one of these fail.
        let privateKey = try String(contentsOfFile: key, encoding: .utf8)
        let wrongPrivateKey = try String(contentsOfFile: wrongKey, encoding: .utf8)
        let knownHostsLine = try String(contentsOfFile: knownHosts, encoding: .utf8)
        baseURL = url
        repositories = repos
        self.user = user
        self.privateKey = privateKey
        self.wrongPrivateKey = wrongPrivateKey
        privateKeyPath = key
        wrongPrivateKeyPath = wrongKey
        knownHostsPath = knownHosts
        // "[127.0.0.1]:PORT TYPE BASE64" → "TYPE BASE64"
        hostPublicKey = knownHostsLine.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ").dropFirst().joined(separator: " ")
    }

    /// A new bare repository `name`.git; returns its ssh URL.
    /// With `seed`, `main` gets one commit holding those files (made with the git CLI).
    @discardableResult
    public func makeRepository(_ name: String, seed: [String: String]? = nil) throws -> String {
        let path = repositoryPath(name)
        try GitCLI.makeBareRepository(path, seed: seed, work: runtime.appendingPathComponent("seed-\(name)").path)
        return url(name)
    }

    /// ssh URLs carry the absolute path: ssh://USER@127.0.0.1:PORT/…/repos/NAME.git
    public func url(_ name: String) -> String { baseURL + repositoryPath(name) }
    public func repositoryPath(_ name: String) -> String { repositories + "/" + name + ".git" }

    /// A fresh folder (not created) for a cache clone.
    public func cacheFolder(_ name: String) -> String {
        runtime.appendingPathComponent("cache-\(name)-\(UUID().uuidString)").path
    }

    /// Runs git on the server's bare repository `name` (the server-side truth).
    @discardableResult
    public func gitOnServer(_ name: String, _ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: repositoryPath(name))
    }

    /// An ssh command for the git CLI (`GIT_SSH_COMMAND`, or `git -c core.sshCommand=…`)
    /// that logs in with the authorized key, or the wrong one, and checks the host key.
    /// Nothing of the developer's own ssh setup (config, agent, keys) takes part.
    public func sshCommand(wrongKey: Bool = false) -> String {
        func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return "ssh -F /dev/null -i \(quoted(wrongKey ? wrongPrivateKeyPath : privateKeyPath))"
            + " -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes"
            + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile=\(quoted(knownHostsPath))"
            + " -o GlobalKnownHostsFile=/dev/null"
    }
}

/// Whether the SSH server tests run. Under `CI=true` they always run, so a
/// server that cannot start FAILS them with the script's output; elsewhere they
/// are skipped (reported as skipped, never as passed) when `services.sh check ssh`
/// says something is missing, and the reason is printed.
public enum SSHServerAvailability {
    public static let available = GitServerAvailability.serviceAvailable("ssh", tests: "ssh server tests")
}
