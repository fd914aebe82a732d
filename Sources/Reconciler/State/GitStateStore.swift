import GitStore
import Manifests
import Pipeline

/// State on a dedicated branch of the user's repository (default `freightline/state`),
/// read from and written to a cache clone without any checkout.
///
/// A save is one commit built straight from blobs onto the version `load` read, pushed
/// with compare-and-swap: if another run moved the branch meanwhile the push is refused,
/// nothing is forced, and `StateConflict` tells the caller to re-read and re-plan.
///
/// A shard's store (`ownedProjects` set) first tries a cheaper way out: when the commits
/// that beat it touched none of its Projects' folders (another shard's work), it rebuilds
/// its commit on the new tip, with the same files changed, and pushes again.
public final class GitStateStore: PushCountingStateStore {
    public let repository: GitRepository
    /// The branch name, without `refs/heads/`.
    public let branch: String
    /// The Projects only this store's run changes (a shard's, `reconcile --shard`); nil:
    /// any writer may change any Project, so every lost race is a `StateConflict`.
    public var ownedProjects: Set<String>?
    /// Rebuilt pushes one save may try before it reports the lost race after all. Each
    /// costs a fetch and a push; four shards whose steps take no time lost up to 11 in a
    /// row in tests, so the bound only stops a ref that never settles.
    public var maxRebases = 25
    /// Every push this store made, refused ones included.
    public private(set) var pushCount = StatePushCount()
    private let credentials: GitCredentials?
    private let author: GitSignature
    /// Serialises fetches and pushes with other runs on this machine sharing the clone.
    private let lock: CacheLock?
    /// Whether the next `load` must fetch first (the first one follows the clone's fetch).
    private var stale = false
    /// The bytes of every file of the version read last, so a save writes only what changed.
    private var readContents: [String: [UInt8]] = [:]
    private var readRevision: String?

    /// - Parameters:
    ///   - repository: a cache clone made by `GitRepository.cloneOrFetch`, freshly fetched.
    ///   - author: who the state commits are by, with the run's time.
    public init(repository: GitRepository, branch: String, credentials: GitCredentials?,
                author: GitSignature, lock: CacheLock? = nil) {
        self.repository = repository
        var name = branch
        if name.hasPrefix("refs/heads/") { name.removeFirst("refs/heads/".count) }
        self.branch = name
        self.credentials = credentials
        self.author = author
        self.lock = lock
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        if let lock { return try lock.withLock(body).get() }
        return try body()
    }

    public func load() throws -> LoadedState {
        if stale {
            let (repository, credentials) = (self.repository, self.credentials)
            try locked { try repository.fetch(credentials: credentials) }
        }
        stale = true
        guard let tip = try repository.remoteReference(branch) else {
            readContents = [:]
            readRevision = nil
            return LoadedState()
        }
        var reader = StateReader()
        var files = Set<String>()
        var contents: [String: [UInt8]] = [:]
        for file in try repository.readTree(at: tip) where file.name.hasSuffix(".yaml") || file.name.hasSuffix(".yml") {
            guard file.mode == .blob || file.mode == .executable else { continue }
            let bytes = try repository.readBlob(file.objectID)
            files.insert(file.path)
            contents[file.path] = bytes
            reader.read(bytes, file: "\(branch):\(file.path)")
        }
        readContents = contents
        readRevision = tip.hex
        return LoadedState(state: reader.state, diagnostics: reader.sink, files: files, revision: tip.hex)
    }

    @discardableResult
    public func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool {
        guard previous.revision == readRevision else {
            throw StateStoreError("internal: saving over state version \(previous.revision ?? "none") but \(readRevision ?? "none") was read last")
        }
        let files = try StateLayout.files(for: state)
        var changes: [String: [UInt8]?] = [:]
        for (path, text) in files {
            let bytes = Array(text.utf8)
            if readContents[path] != bytes { changes[path] = bytes }
        }
        for stale in previous.files.subtracting(files.keys) { changes[stale] = .some(nil) }
        if changes.isEmpty { return false }
        var parent = previous.revision.flatMap(ObjectID.init(hex:))
        var rebases = 0
        while true {
            let commit = try repository.writeCommit(updating: parent, changes: changes, message: change.message, author: author)
            let (repository, branch, credentials, expected) = (self.repository, self.branch, self.credentials, parent)
            pushCount.attempts += 1
            let pushed: Result<Void, GitError> = try locked {
                Result { () throws(GitError) in
                    try repository.push(localCommit: commit, to: branch, expectedRemote: expected, credentials: credentials)
                }
            }
            switch pushed {
            case .success:
                // What we pushed is now what we hold: a later save in this run builds on it.
                // After a rebase, other Projects' files stay as read: this run's state has
                // them so, and writes them only if it changes them.
                for (path, bytes) in changes {
                    if let bytes { readContents[path] = bytes } else { readContents[path] = nil }
                }
                readRevision = commit.hex
                return true
            case .failure(.pushRejected(let ref, let reason)):
                pushCount.rejected += 1
                guard let owned = ownedProjects, rebases < maxRebases,
                      let tip = try disjointTip(after: parent, changes: changes, owned: owned) else {
                    throw StateConflict("state ref \(ref) moved while this run worked (\(reason))")
                }
                parent = tip
                rebases += 1
                pushCount.rebased += 1
            case .failure(let error):
                throw error
            }
        }
    }

    /// The state ref's new tip, if the commits since `base` can be built on without
    /// re-planning: they touched no file under the `owned` Projects' folders, no root file
    /// (the schema) and no file this save writes, unless they left it as this save does.
    /// Nil when they overlap: the caller re-reads and re-plans.
    private func disjointTip(after base: ObjectID?, changes: [String: [UInt8]?], owned: Set<String>) throws -> ObjectID? {
        let (repository, credentials) = (self.repository, self.credentials)
        try locked { try repository.fetch(credentials: credentials) }
        guard let tip = try repository.remoteReference(branch), tip != base else { return nil }
        for file in try repository.changedFiles(from: base, to: tip) {
            let folder = file.path.split(separator: "/", maxSplits: 1)
            if folder.count == 2, owned.contains(String(folder[0])) { return nil }
            if let ours = changes[file.path] {
                let theirs = try file.newObjectID.map { id throws(GitError) in try repository.readBlob(id) }
                if theirs != ours { return nil }
            } else if folder.count == 1 {
                return nil
            }
        }
        return tip
    }

    public var savedRevision: String? { readRevision }
}
