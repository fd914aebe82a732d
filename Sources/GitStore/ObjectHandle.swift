internal import CLibGit2

/// Sole owner of a `git_object *` returned by revparse or peel; frees it in deinit.
///
/// Only used inside GitStore; what callers need (the id, the commit's tree id)
/// is copied out through methods, so the pointer never leaves this object and
/// is never used after `deinit`.
final class ObjectHandle {
    private let pointer: OpaquePointer

    /// Takes ownership of `pointer`, which must come from a libgit2 call that
    /// hands the caller a reference to free with `git_object_free`.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_object_free(pointer)
    }

    /// `git_revparse_single`: any revision syntax git understands.
    static func revparse(_ spec: String, in repository: OpaquePointer) throws(GitError) -> ObjectHandle {
        var out: OpaquePointer?
        let code = git_revparse_single(&out, repository, spec)
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_revparse_single", code: code)
            if code == LibGit2.notFound || code == GIT_EINVALIDSPEC.rawValue {
                throw .referenceNotFound(spec, failure)
            }
            throw .libgit2(failure)
        }
        return ObjectHandle(owning: out)
    }

    /// `git_object_peel` to a commit: follows annotated tags (a commit peels to itself).
    func peelToCommit() throws(GitError) -> ObjectHandle {
        var out: OpaquePointer?
        let code = git_object_peel(&out, pointer, GIT_OBJECT_COMMIT)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_object_peel", code: code))
        }
        return ObjectHandle(owning: out)
    }

    /// The object's id (`git_object_id`), copied.
    var id: ObjectID {
        // git_object_id never returns NULL for a live object.
        ObjectID(git_object_id(pointer).pointee)
    }

    /// The root tree id of a commit (`git_commit_tree_id`); the object must be a commit.
    var commitTreeID: ObjectID {
        precondition(git_object_type(pointer) == GIT_OBJECT_COMMIT, "commitTreeID on a non-commit object")
        // A git_object of type commit is a git_commit in libgit2.
        return ObjectID(git_commit_tree_id(pointer).pointee)
    }
}
