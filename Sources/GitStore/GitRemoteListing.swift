internal import CLibGit2

/// One reference a remote advertises (what `git ls-remote` prints), copied out of libgit2.
public struct GitRemoteReference: Sendable, Hashable, CustomStringConvertible {
    /// The full name: `HEAD`, `refs/heads/main`, `refs/tags/v1.0.0`.
    public let name: String
    /// What the ref points at: for an annotated tag the tag object, not the commit.
    public let id: ObjectID
    /// For an annotated tag, the object it peels to (the `^{}` line of `ls-remote`).
    public let peeled: ObjectID?
    /// For a symbolic ref the server names (`HEAD`), its target, e.g. `refs/heads/main`.
    public let symbolicTarget: String?

    public init(name: String, id: ObjectID, peeled: ObjectID? = nil, symbolicTarget: String? = nil) {
        self.name = name
        self.id = id
        self.peeled = peeled
        self.symbolicTarget = symbolicTarget
    }

    public var description: String { "\(id) \(name)" }
}

/// Every reference a remote advertised, in the server's order, with the `^{}` peel lines
/// folded into the tag they belong to.
public struct GitRemoteListing: Sendable, Hashable {
    public let references: [GitRemoteReference]

    public init(references: [GitRemoteReference]) {
        self.references = references
    }

    /// The reference called `name` (full name), if advertised.
    public func reference(named name: String) -> GitRemoteReference? {
        references.first { $0.name == name }
    }

    /// The branch `HEAD` points at on the remote (`main`), when the server says so.
    public var defaultBranch: String? {
        guard let target = reference(named: "HEAD")?.symbolicTarget, target.hasPrefix("refs/heads/") else {
            return nil
        }
        return String(target.dropFirst("refs/heads/".count))
    }

    /// The tags, `refs/tags/` removed, sorted by name.
    public var tags: [GitRemoteReference] {
        references.filter { $0.name.hasPrefix("refs/tags/") }.sorted { $0.name < $1.name }
    }
}

extension GitRepository {
    /// The references of the remote at `url`, without a repository on disk: `git ls-remote`
    /// (`git_remote_create_detached`, `git_remote_connect`, `git_remote_ls`).
    ///
    /// - Throws: `.authenticationFailed` if the remote refuses the credentials, `.remote`
    ///   for network and protocol failures. No message carries a secret.
    public static func listRemoteReferences(url: String, credentials: GitCredentials?,
                                            skipsTLSVerification: Bool = false) throws(GitError) -> GitRemoteListing {
        try LibGit2.ensureInitialized()
        let session = RemoteSession(url: url, credentials: credentials)
        session.skipsTLSVerification = skipsTLSVerification
        var out: OpaquePointer?
        let createCode = git_remote_create_detached(&out, url)
        guard createCode >= 0, let out else {
            throw .remote(url: session.url, session.redacting(LibGit2.failure("git_remote_create_detached", code: createCode)))
        }
        let remote = RemoteHandle(owning: out)
        var callbacks = git_remote_callbacks()
        let initCode = git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        guard initCode >= 0 else { throw .libgit2(LibGit2.failure("git_remote_init_callbacks", code: initCode)) }
        session.install(into: &callbacks)
        var proxy = git_proxy_options()
        let proxyCode = git_proxy_options_init(&proxy, UInt32(GIT_PROXY_OPTIONS_VERSION))
        guard proxyCode >= 0 else { throw .libgit2(LibGit2.failure("git_proxy_options_init", code: proxyCode)) }
        let connectCode = withExtendedLifetime(session) {
            git_remote_connect(remote.pointer, GIT_DIRECTION_FETCH, &callbacks, &proxy, nil)
        }
        guard connectCode >= 0 else { throw session.error("git_remote_connect", code: connectCode) }
        defer { _ = git_remote_disconnect(remote.pointer) }

        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        let lsCode = git_remote_ls(&heads, &count, remote.pointer)
        guard lsCode >= 0 else { throw session.error("git_remote_ls", code: lsCode) }

        var order: [String] = []
        var ids: [String: ObjectID] = [:]
        var peeled: [String: ObjectID] = [:]
        var symbolic: [String: String] = [:]
        for index in 0..<count {
            guard let head = heads?[index]?.pointee, let rawName = head.name else { continue }
            let name = String(cString: rawName)
            let id = ObjectID(head.oid)
            if name.hasSuffix("^{}") {
                peeled[String(name.dropLast(3))] = id
                continue
            }
            if ids[name] == nil { order.append(name) }
            ids[name] = id
            if let target = head.symref_target { symbolic[name] = String(cString: target) }
        }
        return GitRemoteListing(references: order.compactMap { name in
            guard let id = ids[name] else { return nil }
            return GitRemoteReference(name: name, id: id, peeled: peeled[name], symbolicTarget: symbolic[name])
        })
    }
}
