internal import CLibGit2

/// Committing a work tree's changes, like `git add -A && git commit`.
extension GitRepository {
    /// The id of the empty tree, which an unborn branch "has".
    static let emptyTreeID = ObjectID(hex: "4b825dc642cb6eb9a060e54bf8d69288fbee4904")!

    /// Stages every change in the work tree (new, changed and deleted files;
    /// .gitignore honoured) and commits it on HEAD, moving the current branch
    /// (or starting it, for an orphan branch).
    ///
    /// - Returns: the new commit, or nil when the staged tree equals HEAD's:
    ///   nothing changed, so no commit is made (repeating a step is a no-op).
    public func commitAll(message: String, author: GitSignature) throws(GitError) -> ObjectID? {
        let index = try IndexHandle.of(pointer)
        try index.stageAll()
        try index.write()
        let tree = try index.writeTree(into: pointer)
        let parent = try headCommit()
        let headTree = if let parent { try treeID(ofCommit: parent) } else { Self.emptyTreeID }
        guard tree != headTree else { return nil }
        return try makeCommit(tree: tree, parents: parent.map { [$0] } ?? [], message: message,
                              author: author, committer: author, updating: "HEAD")
    }

    /// `git_commit_create`; with `reference`, that ref (e.g. `HEAD`) moves to the new commit.
    func makeCommit(tree: ObjectID, parents: [ObjectID], message: String, author: GitSignature,
                    committer: GitSignature, updating reference: String?) throws(GitError) -> ObjectID {
        let treeHandle = try TreeHandle.lookup(tree, in: pointer)
        var parentHandles: [CommitHandle] = []
        for parent in parents { parentHandles.append(try CommitHandle.lookup(parent, in: pointer)) }
        let authorHandle = try SignatureHandle.make(author)
        let committerHandle = try SignatureHandle.make(committer)
        let text = message.hasSuffix("\n") ? message : message + "\n"
        var oid = git_oid()
        var parentPointers: [OpaquePointer?] = parentHandles.map { $0.pointer }
        let code = withExtendedLifetime((treeHandle, parentHandles, authorHandle, committerHandle)) {
            parentPointers.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&oid, pointer, reference, authorHandle.pointer, committerHandle.pointer, nil,
                                  text, treeHandle.pointer, buffer.count, buffer.baseAddress)
            }
        }
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_commit_create", code: code)) }
        return ObjectID(oid)
    }
}
