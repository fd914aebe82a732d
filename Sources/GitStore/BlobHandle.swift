internal import CLibGit2

/// Sole owner of a `git_blob *`; frees it in deinit.
///
/// The blob's bytes live inside libgit2's object; `bytes()` copies them into a
/// Swift array while `self` is alive.
final class BlobHandle {
    private let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_blob_free(pointer)
    }

    /// `git_blob_lookup`; `.objectNotFound` if the id is missing or not a blob.
    static func lookup(_ id: ObjectID, in repository: OpaquePointer) throws(GitError) -> BlobHandle {
        var out: OpaquePointer?
        var oid = id.gitOID
        let code = git_blob_lookup(&out, repository, &oid)
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_blob_lookup", code: code)
            throw code == LibGit2.notFound ? .objectNotFound(id, failure) : .libgit2(failure)
        }
        return BlobHandle(owning: out)
    }

    /// A copy of the blob's contents.
    func bytes() -> [UInt8] {
        let size = Int(git_blob_rawsize(pointer))
        guard size > 0, let raw = git_blob_rawcontent(pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }
}
