/// A username and password (or token) for a Git remote over HTTP(S).
///
/// The password never appears in any text this value produces: `description`,
/// `debugDescription`, `dump` and string interpolation all show `<redacted>`,
/// and GitStore errors name the remote's URL without it. It is handed to
/// libgit2 only from the credential callback (`git_credential_userpass_plaintext_new`).
public struct GitCredentials: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    public let username: String
    /// The secret; internal so it is read only where libgit2 needs it.
    let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String {
        "GitCredentials(username: \(username), password: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "password": "<redacted>"])
    }
}
