internal import CLibGit2

/// Sole owner of a reference to a repository's `git_odb`; frees it in deinit.
///
/// Used to read object headers (type and size) without inflating contents, so
/// `readTree` can report sizes while leaving blob bytes unread.
final class ObjectDatabase {
    private let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_odb_free(pointer)
    }

    /// `git_repository_odb`: the repository's object database (a counted reference).
    static func of(_ repository: OpaquePointer) throws(GitError) -> ObjectDatabase {
        var out: OpaquePointer?
        let code = git_repository_odb(&out, repository)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_repository_odb", code: code))
        }
        return ObjectDatabase(owning: out)
    }

    /// Size of a blob from its header (`git_odb_read_header`), without reading its contents.
    func blobSize(_ id: ObjectID) throws(GitError) -> Int {
        var size = 0
        var type = GIT_OBJECT_INVALID
        var oid = id.gitOID
        let code = git_odb_read_header(&size, &type, pointer, &oid)
        guard code >= 0 else {
            let failure = LibGit2.failure("git_odb_read_header", code: code)
            throw code == LibGit2.notFound ? .objectNotFound(id, failure) : .libgit2(failure)
        }
        guard type == GIT_OBJECT_BLOB else {
            throw .notABlob(id, type: String(cString: git_object_type2string(type)))
        }
        return size
    }
}
