internal import CLibGit2

/// Sole owner of a `git_tree *`; frees it in deinit.
///
/// Entries borrowed from the tree (`git_tree_entry_byindex`) are only valid
/// while the tree lives, so they are copied into `TreeHandle.Entry` values
/// inside `entries()`, where `self` is guaranteed alive.
final class TreeHandle {
    /// One tree entry, copied out of libgit2.
    struct Entry {
        let name: String
        let id: ObjectID
        /// Normalised git file mode (`git_tree_entry_filemode`), e.g. 0o100644.
        let mode: UInt32

        var isTree: Bool { mode == GIT_FILEMODE_TREE.rawValue }
    }

    /// Outcome of `entry(atPath:)`.
    enum PathLookup {
        case found(Entry)
        /// libgit2 reported the path absent (`GIT_ENOTFOUND`), with its message.
        case missing(LibGit2Failure)
    }

    /// Internal so `TreeBuilderHandle` and `git_commit_create` can borrow it while `self` is alive.
    let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_tree_free(pointer)
    }

    /// `git_tree_lookup` of a tree id.
    static func lookup(_ id: ObjectID, in repository: OpaquePointer) throws(GitError) -> TreeHandle {
        var out: OpaquePointer?
        var oid = id.gitOID
        let code = git_tree_lookup(&out, repository, &oid)
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_tree_lookup", code: code)
            throw code == LibGit2.notFound ? .objectNotFound(id, failure) : .libgit2(failure)
        }
        return TreeHandle(owning: out)
    }

    /// The direct entries, in git's tree order.
    func entries() -> [Entry] {
        let count = git_tree_entrycount(pointer)
        var result: [Entry] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(pointer, index) else { continue }
            result.append(TreeEntryHandle.copy(entry))
        }
        return result
    }

    /// The entry at a '/'-separated `path` below this tree (`git_tree_entry_bypath`).
    ///
    /// A missing path is an expected outcome, returned as `.missing` with
    /// libgit2's message so the caller can build `.pathNotFound`; other
    /// failures throw.
    func entry(atPath path: String) throws(GitError) -> PathLookup {
        var out: OpaquePointer?
        let code = git_tree_entry_bypath(&out, pointer, path)
        if code == LibGit2.notFound {
            return .missing(LibGit2.failure("git_tree_entry_bypath", code: code))
        }
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_tree_entry_bypath", code: code))
        }
        return .found(TreeEntryHandle(owning: out).entry)
    }
}
