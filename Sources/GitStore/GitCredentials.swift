/// What to offer a Git remote: a username and password (or token) over HTTP(S), or an
/// SSH private key.
///
/// No secret ever appears in any text this value produces: `description`,
/// `debugDescription`, `dump` and string interpolation all show `<redacted>`,
/// and GitStore errors name the remote's URL without it. Secrets are handed to
/// libgit2 only from the credential callback.
public struct GitCredentials: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    public let username: String
    /// The secret; internal so it is read only where libgit2 needs it.
    let secret: Secret

    enum Secret: Sendable, Hashable {
        case password(String)
        /// A private key in PEM (or OpenSSH) text, with its passphrase if it has one.
        case sshKey(privateKey: String, passphrase: String?)
    }

    /// HTTP(S) basic authentication.
    public init(username: String, password: String) {
        self.username = username
        self.secret = .password(password)
    }

    /// SSH public-key authentication with a key held in memory (never written to disk).
    /// The host key is not checked, as Kargo does not check it either.
    public static func sshKey(username: String, privateKey: String, passphrase: String? = nil) -> GitCredentials {
        GitCredentials(username: username, secret: .sshKey(privateKey: privateKey, passphrase: passphrase))
    }

    private init(username: String, secret: Secret) {
        self.username = username
        self.secret = secret
    }

    /// Whether these are SSH key credentials.
    public var isSSHKey: Bool {
        if case .sshKey = secret { return true }
        return false
    }

    /// Every secret text, for scrubbing messages libgit2 might echo them in.
    var secretTexts: [String] {
        switch secret {
        case .password(let password): [password]
        case .sshKey(let key, let passphrase): [key] + (passphrase.map { [$0] } ?? [])
        }
    }

    public var description: String {
        switch secret {
        case .password: "GitCredentials(username: \(username), password: <redacted>)"
        case .sshKey: "GitCredentials(username: \(username), sshKey: <redacted>)"
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "secret": "<redacted>"])
    }
}
