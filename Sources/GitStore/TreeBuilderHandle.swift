internal import CLibGit2

/// Sole owner of a `git_treebuilder *`; frees it in deinit.
///
/// Builds one tree level in memory and writes it into the object database.
final class TreeBuilderHandle {
    private let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_treebuilder_free(pointer)
    }

    /// `git_treebuilder_new`, starting from the entries of `source` (or empty).
    static func make(in repository: OpaquePointer, from source: TreeHandle?) throws(GitError) -> TreeBuilderHandle {
        var out: OpaquePointer?
        let code = withExtendedLifetime(source) { git_treebuilder_new(&out, repository, source?.pointer) }
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_treebuilder_new", code: code))
        }
        return TreeBuilderHandle(owning: out)
    }

    /// The entry called `name`, copied (`git_treebuilder_get`); nil if absent.
    func entry(named name: String) -> TreeHandle.Entry? {
        guard let entry = git_treebuilder_get(pointer, name) else { return nil }
        return TreeEntryHandle.copy(entry)
    }

    /// `git_treebuilder_insert` (replaces an entry of the same name).
    func insert(_ name: String, id: ObjectID, mode: UInt32, path: String) throws(GitError) {
        var oid = id.gitOID
        let code = git_treebuilder_insert(nil, pointer, name, &oid, git_filemode_t(rawValue: mode))
        guard code >= 0 else {
            let failure = LibGit2.failure("git_treebuilder_insert", code: code)
            if code == GIT_EINVALID.rawValue || failure.errorClass == GIT_ERROR_TREE.rawValue {
                throw .invalidPath(path, reason: failure.message)
            }
            throw .libgit2(failure)
        }
    }

    /// `git_treebuilder_remove`; a missing entry is not an error.
    func remove(_ name: String) throws(GitError) {
        // libgit2 reports a missing entry as a generic -1: look first.
        guard git_treebuilder_get(pointer, name) != nil else { return }
        let code = git_treebuilder_remove(pointer, name)
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_treebuilder_remove", code: code))
        }
    }

    var count: Int { Int(git_treebuilder_entrycount(pointer)) }

    /// `git_treebuilder_write`: the new tree's id.
    func write() throws(GitError) -> ObjectID {
        var oid = git_oid()
        let code = git_treebuilder_write(&oid, pointer)
        guard code >= 0 else {
            throw .libgit2(LibGit2.failure("git_treebuilder_write", code: code))
        }
        return ObjectID(oid)
    }
}
