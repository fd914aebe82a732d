import Foundation

/// A GitHub token (`GITHUB_TOKEN`, a personal access token, an app installation token).
/// It prints as `[redacted]` however it is printed (string interpolation, `dump`, a debugger),
/// so a log line or an error message that carries a client by mistake still shows no secret.
package struct GitHubToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The secret itself, read only to build the `Authorization` header and to redact it.
    package let secret: String

    package init(_ secret: String) {
        self.secret = secret
    }

    package var description: String { "[redacted]" }
    package var debugDescription: String { "[redacted]" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `text` with every occurrence of the token replaced, for anything a server sent back.
    package func redacting(_ text: String) -> String {
        guard secret.count >= 4 else { return text }
        return text.replacingOccurrences(of: secret, with: "[redacted]")
    }
}
