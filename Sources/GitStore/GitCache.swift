/// A folder of bare cache clones, one per remote URL, shared by every run on a machine:
/// the configuration and the state ref are read from it, and promotion steps make their
/// work trees from it, so a repository crosses the network once per run instead of once
/// per promotion. Each clone has a lock file beside it, held around fetches and pushes.
public struct GitCache: Sendable, Hashable {
    public let root: String

    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// `<root>/<repository name>-<16 hex digits of the URL's FNV-1a hash>`: readable, and
    /// distinct for distinct URLs.
    public func directory(for url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repo"
        let base = last.hasSuffix(".git") ? String(last.dropLast(4)) : last
        let name = String(base.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }.prefix(40))
        let digits = String(hash, radix: 16)
        return root + "/" + (name.isEmpty ? "repo" : name) + "-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The lock guarding the clone of `url`.
    public func lock(for url: String) -> CacheLock {
        CacheLock(path: directory(for: url) + ".lock")
    }

    /// The clone of `url`, made or fetched under its lock.
    public func repository(for url: String, credentials: GitCredentials?) throws(GitError) -> GitRepository {
        let folder = directory(for: url)
        let result = try lock(for: url).withLock { () throws(GitError) -> GitRepository in
            try GitRepository.cloneOrFetch(url: url, into: folder, credentials: credentials)
        }
        return try result.get()
    }
}
