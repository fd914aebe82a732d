internal import CLibGit2

/// The Swift side of one network operation (clone, fetch or push): the
/// credentials to offer, and what libgit2's callbacks reported.
///
/// libgit2 calls the callbacks synchronously on the calling thread, during the
/// one `git_clone` / `git_remote_fetch` / `git_remote_push` call; the session
/// is passed as the callbacks' payload (unretained) and kept alive around that
/// call with `withExtendedLifetime`, so it is never shared between threads.
final class RemoteSession {
    /// What a push must find on the remote (compare-and-swap), checked in `push_negotiation`.
    struct PushExpectation {
        let destination: String
        let expected: ObjectID?
        let local: ObjectID
    }

    /// The remote URL with any user info removed: safe to show.
    let url: String
    let credentials: GitCredentials?
    let expectation: PushExpectation?
    /// Accept any TLS certificate (Kargo's `insecureSkipTLSVerify`); off by default.
    var skipsTLSVerification = false

    /// How many times libgit2 asked for credentials.
    private(set) var credentialRequests = 0
    /// Set when the server refused our credentials (or wanted some and we had none).
    private(set) var authenticationRejected = false
    /// Set by `push_negotiation` when the remote ref is not where the caller expected.
    private(set) var compareAndSwapFailure: String?
    /// Per remote ref: the server's reason for refusing the update (`push_update_reference`).
    private(set) var refusedReferences: [String: String] = [:]

    init(url: String, credentials: GitCredentials?, expectation: PushExpectation? = nil) {
        self.url = Self.redacting(url: url)
        self.credentials = credentials
        self.expectation = expectation
    }

    /// Installs the credential, negotiation and per-ref status callbacks, with
    /// `self` as payload. The caller keeps `self` alive during the libgit2 call.
    func install(into callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        if skipsTLSVerification {
            // 0 accepts the certificate whatever libgit2's own check said.
            callbacks.certificate_check = { _, _, _, _ in 0 }
        } else {
            // SSH host keys are accepted as Kargo accepts them (it runs ssh with
            // StrictHostKeyChecking=no); TLS certificates keep libgit2's own verdict.
            callbacks.certificate_check = { certificate, _, _, _ in
                if let certificate, certificate.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 { return 0 }
                return GIT_PASSTHROUGH.rawValue
            }
        }
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquireCredential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) },
                                             allowedTypes: allowedTypes)
        }
        callbacks.push_negotiation = { updates, count, payload in
            guard let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            var copied: [(destination: String, current: ObjectID?)] = []
            for index in 0..<count {
                guard let update = updates?[index] else { continue }
                let destination = update.pointee.dst_refname.map { String(cString: $0) } ?? ""
                let current = ObjectID(update.pointee.src)
                copied.append((destination, current.isZero ? nil : current))
            }
            return session.negotiate(copied)
        }
        callbacks.push_update_reference = { refname, status, payload in
            guard let payload else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            if let refname, let status {
                session.refusedReferences[String(cString: refname)] = String(cString: status)
            }
            return 0
        }
    }

    /// The credential callback: offers the credentials once. libgit2 asks again
    /// after the server refuses them (HTTP 401, or an SSH key the server does not
    /// accept), and would keep asking forever if given the same ones, so a second
    /// request means "rejected" and aborts the operation. Over SSH libgit2 may first
    /// ask only for a username; answering that is not an attempt.
    private func acquireCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
                                   usernameFromURL: String?, allowedTypes: UInt32) -> Int32 {
        guard let credentials else {
            authenticationRejected = true
            return GIT_EUSER.rawValue
        }
        let username = usernameFromURL.flatMap { $0.isEmpty ? nil : $0 } ?? credentials.username
        if allowedTypes == GIT_CREDENTIAL_USERNAME.rawValue {
            let code = git_credential_username_new(out, username)
            return code < 0 ? code : 0
        }
        credentialRequests += 1
        guard credentialRequests == 1 else {
            authenticationRejected = true
            return GIT_EUSER.rawValue
        }
        switch credentials.secret {
        case .password(let password):
            guard allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { break }
            let code = git_credential_userpass_plaintext_new(out, credentials.username, password)
            return code < 0 ? code : 0
        case .sshKey(let key, let passphrase):
            guard allowedTypes & GIT_CREDENTIAL_SSH_MEMORY.rawValue != 0 else { break }
            let code = git_credential_ssh_key_memory_new(out, username, nil, key, passphrase)
            return code < 0 ? code : 0
        }
        authenticationRejected = true
        return GIT_EUSER.rawValue
    }

    /// The compare-and-swap check: the remote's current value of the ref, as
    /// advertised on this very connection, must be what the caller expected.
    /// A remote already at the local commit is accepted (repeating a push is a no-op).
    private func negotiate(_ updates: [(destination: String, current: ObjectID?)]) -> Int32 {
        guard let expectation else { return 0 }
        for update in updates where update.destination == expectation.destination {
            if update.current == expectation.expected || update.current == expectation.local { continue }
            compareAndSwapFailure = "the remote ref is at \(Self.describe(update.current)), "
                + "expected \(Self.describe(expectation.expected)) (another writer moved it)"
            return GIT_EUSER.rawValue
        }
        return 0
    }

    /// The error for a failed libgit2 network call. Must be called right after
    /// the call, before any other libgit2 call on this thread.
    func error(_ function: StaticString, code: Int32) -> GitError {
        let failure = LibGit2.failure(function, code: code)
        if authenticationRejected || code == GIT_EAUTH.rawValue {
            return .authenticationFailed(url: url)
        }
        return .remote(url: url, redacting(failure))
    }

    /// `failure` with the password (should libgit2 ever quote it) and any URL user info removed.
    func redacting(_ failure: LibGit2Failure) -> LibGit2Failure {
        var message = failure.message
        for secret in credentials?.secretTexts ?? [] where !secret.isEmpty {
            message = message.replacing(secret, with: "<redacted>")
        }
        message = Self.redacting(url: message)
        return LibGit2Failure(function: failure.function, code: failure.code,
                              errorClass: failure.errorClass, message: message)
    }

    static func describe(_ id: ObjectID?) -> String {
        id.map { $0.hex } ?? "absent"
    }

    /// Removes `user:password@` from every `scheme://user:password@host` in `text`.
    static func redacting(url text: String) -> String {
        guard text.contains("@") else { return text }
        let separator = "://"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        var result = String(parts[0])
        for part in parts.dropFirst() {
            var rest = Substring(part)
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "'" || $0 == "\"" })
                ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                rest = rest[rest.index(after: at)...]
            }
            result += separator + rest
        }
        return result
    }
}

extension ObjectID {
    /// Whether all bytes are zero (libgit2's "no object", e.g. a ref that does not exist yet).
    var isZero: Bool { bytes.allSatisfy { $0 == 0 } }
}
