internal import CLibGit2

/// The process-wide libgit2 library state, and the copying of libgit2's
/// last error into `LibGit2Failure`.
///
/// libgit2 must be initialised before any other call. A `static let` is
/// initialised lazily exactly once, thread-safely (swift_once), so every entry
/// point calls `ensureInitialized()` and pays only a load after the first time.
/// The library is never shut down: it lives as long as the process.
enum LibGit2 {
    private static let initialization: Result<Int32, GitError> = {
        let code = git_libgit2_init()
        if code < 0 {
            return .failure(.libgit2(failure("git_libgit2_init", code: code)))
        }
        return .success(code)
    }()

    /// Initialises libgit2 on first use; later calls are free.
    static func ensureInitialized() throws(GitError) {
        _ = try initialization.get()
    }

    /// Copies libgit2's thread-local last error for a call that just returned `code`.
    ///
    /// Must be called before any other libgit2 call on this thread, which
    /// would replace the message.
    static func failure(_ function: StaticString, code: Int32) -> LibGit2Failure {
        let name = function.description
        guard let last = git_error_last() else {
            return LibGit2Failure(function: name, code: code, errorClass: 0,
                                  message: "no error message from libgit2")
        }
        let message = last.pointee.message.map { String(cString: $0) } ?? "no error message from libgit2"
        return LibGit2Failure(function: name, code: code, errorClass: last.pointee.klass, message: message)
    }

    /// `GIT_ENOTFOUND` as a plain `Int32`, for telling "missing" from other failures.
    static let notFound: Int32 = GIT_ENOTFOUND.rawValue
}
