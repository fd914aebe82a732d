internal import CLibGit2

/// Sole owner of a `git_signature *` made by `git_signature_new`; frees it in deinit.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    private init(owning pointer: UnsafeMutablePointer<git_signature>) {
        self.pointer = pointer
    }

    deinit {
        git_signature_free(pointer)
    }

    /// `git_signature_new` with the caller's time: no clock is read.
    static func make(_ signature: GitSignature) throws(GitError) -> SignatureHandle {
        var out: UnsafeMutablePointer<git_signature>?
        let code = git_signature_new(&out, signature.name, signature.email,
                                     git_time_t(signature.secondsSinceEpoch), Int32(signature.offsetMinutes))
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_signature_new", code: code))
        }
        return SignatureHandle(owning: out)
    }

    /// Copies a signature libgit2 owns (e.g. `git_commit_author`), valid for the duration of the call.
    static func copy(_ signature: UnsafePointer<git_signature>) -> GitSignature {
        let value = signature.pointee
        return GitSignature(
            name: value.name.map { String(cString: $0) } ?? "",
            email: value.email.map { String(cString: $0) } ?? "",
            time: (Int64(value.when.time), Int(value.when.offset))
        )
    }
}
