internal import CLibGit2

/// Sole owner of a `git_index *`: a work tree's staging area, or the in-memory
/// result of a cherry-pick; frees it in deinit.
final class IndexHandle {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_index_free(pointer)
    }

    /// `git_repository_index`: the work tree's index, read from disk.
    static func of(_ repository: OpaquePointer) throws(GitError) -> IndexHandle {
        var out: OpaquePointer?
        let code = git_repository_index(&out, repository)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_repository_index", code: code))
        }
        return IndexHandle(owning: out)
    }

    /// Stages the whole work tree like `git add -A`: new and changed files
    /// (`git_index_add_all`, which honours .gitignore) and deletions
    /// (`git_index_update_all`).
    func stageAll() throws(GitError) {
        let add = git_index_add_all(pointer, nil, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil)
        guard add >= 0 else { throw .libgit2(LibGit2.failure("git_index_add_all", code: add)) }
        let update = git_index_update_all(pointer, nil, nil, nil)
        guard update >= 0 else { throw .libgit2(LibGit2.failure("git_index_update_all", code: update)) }
    }

    /// `git_index_write`: saves the index to disk.
    func write() throws(GitError) {
        let code = git_index_write(pointer)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_index_write", code: code)) }
    }

    /// `git_index_write_tree_to`: writes the staged tree into `repository`'s object database.
    func writeTree(into repository: OpaquePointer) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let code = git_index_write_tree_to(&oid, pointer, repository)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_index_write_tree_to", code: code)) }
        return ObjectID(oid)
    }

    /// The paths with conflicts, sorted; empty if the merge was clean.
    func conflictedPaths() throws(GitError) -> [String] {
        guard git_index_has_conflicts(pointer) != 0 else { return [] }
        var iterator: OpaquePointer?
        let code = git_index_conflict_iterator_new(&iterator, pointer)
        guard code >= 0, let iterator else {
            throw .libgit2(LibGit2.failure("git_index_conflict_iterator_new", code: code))
        }
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: Set<String> = []
        var ancestor: UnsafePointer<git_index_entry>?
        var ours: UnsafePointer<git_index_entry>?
        var theirs: UnsafePointer<git_index_entry>?
        while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
            for entry in [ancestor, ours, theirs] {
                if let path = entry?.pointee.path { paths.insert(String(cString: path)) }
            }
        }
        return paths.sorted()
    }
}
