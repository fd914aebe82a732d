import GitStore
import Manifests
import Pipeline

/// State on a dedicated branch of the user's repository (default `freightline/state`),
/// read from and written to a cache clone without any checkout.
///
/// A save is one commit built straight from blobs onto the version `load` read, pushed
/// with compare-and-swap: if another run moved the branch meanwhile the push is refused,
/// nothing is forced, and `StateConflict` tells the caller to re-read and re-plan.
public final class GitStateStore: StateStore {
    public let repository: GitRepository
    /// The branch name, without `refs/heads/`.
    public let branch: String
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
        let parent = previous.revision.flatMap(ObjectID.init(hex:))
        let commit = try repository.writeCommit(updating: parent, changes: changes, message: change.message, author: author)
        let (repository, branch, credentials) = (self.repository, self.branch, self.credentials)
        let pushed: Result<Void, GitError> = try locked {
            Result { () throws(GitError) in
                try repository.push(localCommit: commit, to: branch, expectedRemote: parent, credentials: credentials)
            }
        }
        if case .failure(let error) = pushed {
            if case .pushRejected(let ref, let reason) = error {
                throw StateConflict("state ref \(ref) moved while this run worked (\(reason))")
            }
            throw error
        }
        // What we pushed is now what we hold: a later save in this run builds on it.
        for (path, bytes) in changes {
            if let bytes { readContents[path] = bytes } else { readContents[path] = nil }
        }
        readRevision = commit.hex
        return true
    }

    public var savedRevision: String? { readRevision }
}
