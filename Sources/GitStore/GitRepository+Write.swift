internal import CLibGit2

/// Writing commits straight into the object database: blobs, trees built with
/// `git_treebuilder`, and a commit object. No work tree, no index, no ref is
/// moved (push the returned id, or keep it).
///
/// Every file is written with mode 100644 (an existing executable file keeps
/// 100755 when `writeCommit(updating:…)` replaces it). Committer = author, and
/// the time comes from the signature, so the same inputs give the same id.
/// A message without a final newline gets one, as `git commit` does.
extension GitRepository {
    /// A commit whose tree holds exactly `files` (path → contents).
    ///
    /// - Parameters:
    ///   - files: '/'-separated paths relative to the root (no empty, `.`, `..`
    ///     or `.git` components) to their bytes; folders are made as needed.
    ///   - parent: the parent commit, nil for a root commit.
    /// - Throws: `.invalidPath` for a bad path or a path that is both a file
    ///   and a folder; `.objectNotFound` if `parent` is not a commit here.
    public func writeCommit(files: [String: [UInt8]], parent: ObjectID?, message: String,
                            author: GitSignature) throws(GitError) -> ObjectID {
        let changes = try Self.parse(files.mapValues { Optional($0) })
        let tree = try rootTree(base: nil, changes: changes)
        return try createCommit(tree: tree, parent: parent, message: message, author: author)
    }

    /// A child of `base` whose tree is `base`'s with `changes` applied: a value
    /// writes (adds or replaces) the file, nil deletes it (absent is fine).
    /// Folders left empty disappear; untouched subtrees keep their ids.
    ///
    /// - Parameter base: the parent commit, nil to start from an empty tree (root commit).
    /// - Throws: as `writeCommit(files:parent:message:author:)`.
    public func writeCommit(updating base: ObjectID?, changes: [String: [UInt8]?], message: String,
                            author: GitSignature) throws(GitError) -> ObjectID {
        let parsed = try Self.parse(changes)
        var baseTree: ObjectID?
        if let base { baseTree = try CommitHandle.lookup(base, in: pointer).treeID }
        let tree = try rootTree(base: baseTree, changes: parsed)
        return try createCommit(tree: tree, parent: base, message: message, author: author)
    }

    /// The root tree id of a commit.
    public func treeID(ofCommit commit: ObjectID) throws(GitError) -> ObjectID {
        try CommitHandle.lookup(commit, in: pointer).treeID
    }

    /// Every file of a commit (see `readTree(at:under:)`), by id.
    public func readTree(at commit: ObjectID, under path: String = "") throws(GitError) -> [TreeFile] {
        try readTree(at: commit.hex, under: path)
    }

    // MARK: - Tree building

    /// One change below the folder being built: the remaining path components.
    struct PendingChange {
        let path: String
        let components: ArraySlice<String>
        let contents: [UInt8]?
    }

    static func parse(_ changes: [String: [UInt8]?]) throws(GitError) -> [PendingChange] {
        var result: [PendingChange] = []
        result.reserveCapacity(changes.count)
        // Sorted, so errors and blob writes happen in a stable order.
        for (path, contents) in changes.sorted(by: { $0.key < $1.key }) {
            let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for component in components {
                if component.isEmpty { throw .invalidPath(path, reason: "empty path component") }
                if component == "." || component == ".." {
                    throw .invalidPath(path, reason: "'\(component)' is not allowed in a tree path")
                }
                if component.lowercased() == ".git" { throw .invalidPath(path, reason: "'.git' is reserved") }
                if component.utf8.contains(0) { throw .invalidPath(path, reason: "NUL byte in path") }
            }
            result.append(PendingChange(path: path, components: components[...], contents: contents))
        }
        return result
    }

    /// Applies `changes` to the tree `base` (nil: empty) and writes the result;
    /// nil if the resulting folder is empty (git stores no empty trees).
    private func buildTree(base: ObjectID?, changes: [PendingChange]) throws(GitError) -> ObjectID? {
        let source: TreeHandle? = if let base { try TreeHandle.lookup(base, in: pointer) } else { nil }
        let builder = try TreeBuilderHandle.make(in: pointer, from: source)

        var leaves: [String: PendingChange] = [:]
        var folders: [String: [PendingChange]] = [:]
        var folderOrder: [String] = []
        for change in changes {
            let name = change.components[change.components.startIndex]
            if change.components.count == 1 {
                leaves[name] = change
            } else {
                if folders[name] == nil { folderOrder.append(name) }
                folders[name, default: []].append(
                    PendingChange(path: change.path, components: change.components.dropFirst(),
                                  contents: change.contents))
            }
        }

        for (name, change) in leaves.sorted(by: { $0.key < $1.key }) {
            guard let contents = change.contents else {
                try builder.remove(name)
                continue
            }
            if let below = folders[name], below.contains(where: { $0.contents != nil }) {
                throw .invalidPath(change.path, reason: "written both as a file and as a folder")
            }
            let blob = try writeBlob(contents)
            let existing = builder.entry(named: name)
            let mode = existing?.mode == FileMode.executable.rawValue
                ? FileMode.executable.rawValue : FileMode.blob.rawValue
            try builder.insert(name, id: blob, mode: mode, path: change.path)
        }

        for name in folderOrder {
            guard let below = folders[name] else { continue }
            // A file being replaced by a folder starts empty; a deleted file too.
            let existing = leaves[name] == nil ? builder.entry(named: name) : nil
            let subBase = existing.flatMap { $0.isTree ? $0.id : nil }
            if let subtree = try buildTree(base: subBase, changes: below) {
                try builder.insert(name, id: subtree, mode: GIT_FILEMODE_TREE.rawValue, path: below[0].path)
            } else if existing?.isTree == true || leaves[name] == nil {
                try builder.remove(name)
            }
        }

        return builder.count == 0 ? nil : try builder.write()
    }

    /// The root tree after `changes`; the empty tree (4b825dc…) if nothing is left.
    private func rootTree(base: ObjectID?, changes: [PendingChange]) throws(GitError) -> ObjectID {
        if let tree = try buildTree(base: base, changes: changes) { return tree }
        return try TreeBuilderHandle.make(in: pointer, from: nil).write()
    }

    /// `git_blob_create_from_buffer`.
    private func writeBlob(_ contents: [UInt8]) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let code = contents.withUnsafeBytes { raw in
            // libgit2 wants a valid pointer even for zero bytes.
            withUnsafeBytes(of: UInt8(0)) { empty in
                git_blob_create_from_buffer(&oid, pointer, raw.baseAddress ?? empty.baseAddress, raw.count)
            }
        }
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_blob_create_from_buffer", code: code))
        }
        return ObjectID(oid)
    }

    /// `git_commit_create` without updating any ref.
    private func createCommit(tree: ObjectID, parent: ObjectID?, message: String,
                              author: GitSignature) throws(GitError) -> ObjectID {
        let treeHandle = try TreeHandle.lookup(tree, in: pointer)
        let parentHandle: CommitHandle? = if let parent { try CommitHandle.lookup(parent, in: pointer) } else { nil }
        let signature = try SignatureHandle.make(author)
        let text = message.hasSuffix("\n") ? message : message + "\n"
        var oid = git_oid()
        var parents: [OpaquePointer?] = parentHandle.map { [$0.pointer] } ?? []
        let code = withExtendedLifetime((treeHandle, parentHandle, signature)) {
            parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&oid, pointer, nil, signature.pointer, signature.pointer, nil, text,
                                  treeHandle.pointer, buffer.count, buffer.baseAddress)
            }
        }
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_commit_create", code: code))
        }
        return ObjectID(oid)
    }
}
