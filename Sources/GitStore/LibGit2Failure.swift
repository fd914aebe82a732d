/// What libgit2 said when one of its calls failed, copied out at once.
///
/// libgit2 keeps its last error in thread-local storage that the next call on
/// the same thread overwrites, so the message is read and copied immediately
/// after the failing call (see `LibGit2.failure(_:code:)`); this value then
/// stays meaningful however long it is kept.
public struct LibGit2Failure: Sendable, Hashable, CustomStringConvertible {
    /// The libgit2 function that failed, e.g. `git_revparse_single`.
    public let function: String
    /// The negative return code (`git_error_code`, e.g. -3 for `GIT_ENOTFOUND`).
    public let code: Int32
    /// libgit2's error class (`git_error_t`, e.g. 3 for `GIT_ERROR_REFERENCE`), 0 if none was set.
    public let errorClass: Int32
    /// libgit2's own message for the failure.
    public let message: String

    public init(function: String, code: Int32, errorClass: Int32, message: String) {
        self.function = function
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String {
        "\(function) failed (\(code)): \(message)"
    }
}
