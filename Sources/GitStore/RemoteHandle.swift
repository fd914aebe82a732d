internal import CLibGit2

/// Sole owner of a `git_remote *` from `git_remote_lookup`; frees it in deinit.
final class RemoteHandle {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_remote_free(pointer)
    }

    /// `git_remote_lookup` of a configured remote (GitStore uses `origin`).
    static func lookup(_ name: String, in repository: OpaquePointer) throws(GitError) -> RemoteHandle {
        var out: OpaquePointer?
        let code = git_remote_lookup(&out, repository, name)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_remote_lookup", code: code))
        }
        return RemoteHandle(owning: out)
    }

    /// The fetch URL as configured (copied).
    var url: String {
        git_remote_url(pointer).map { String(cString: $0) } ?? ""
    }
}
