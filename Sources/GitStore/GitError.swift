/// Every way a GitStore operation can fail.
///
/// Failures of libgit2 calls always carry a `LibGit2Failure` naming the call and
/// quoting libgit2's message, so a user-facing report says what git itself
/// objected to. The few expected "not found" outcomes get their own cases so
/// callers can react to them (e.g. "no such environment folder") without
/// decoding libgit2 return codes.
public enum GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No repository at (or above) `path`: `git_repository_open_ext` found none.
    case notARepository(path: String, LibGit2Failure)
    /// The revision could not be resolved (no such branch, tag, ref or commit id).
    case referenceNotFound(String, LibGit2Failure)
    /// `path` does not exist in the tree of the commit `ref` resolves to.
    case pathNotFound(path: String, ref: String, LibGit2Failure)
    /// `path` exists at `ref` but is a file or submodule, not a folder.
    case notADirectory(path: String, ref: String)
    /// No object with this id exists in the repository (or it is not a blob).
    case objectNotFound(ObjectID, LibGit2Failure)
    /// The object exists but is not a blob; `type` is git's name for it ("tree", "commit", "tag").
    case notABlob(ObjectID, type: String)
    /// A tree entry has a mode GitStore does not model (corrupt or exotic tree).
    case unsupportedFileMode(path: String, mode: UInt32)
    /// A path given to `writeCommit` cannot be a git tree path (empty component,
    /// `.`, `..`, `.git`, a NUL byte, or both a file and a folder).
    case invalidPath(String, reason: String)
    /// The remote at `url` rejected the credentials (or asked for some and none
    /// were given). `url` never carries a secret.
    case authenticationFailed(url: String)
    /// Talking to the remote at `url` failed (unreachable, protocol or server error).
    case remote(url: String, LibGit2Failure)
    /// The update of `ref` on the remote was refused: the remote ref moved away
    /// from the expected value (a lost compare-and-swap), the update was not a
    /// fast-forward, or the server refused it. Nothing was forced.
    case pushRejected(ref: String, reason: String)
    /// Replaying local commits onto the remote branch `branch` conflicted in
    /// `paths`: a person must merge them; retrying cannot help.
    case conflict(branch: String, paths: [String])
    /// A ref (branch or tag) that must not exist yet already does.
    case referenceExists(String)
    /// The work tree is not in a state the operation can work from (e.g. a push
    /// from a detached HEAD without a target branch, or of an unborn branch).
    case invalidWorkTreeState(String)
    /// The lock file of a cache clone could not be opened or locked.
    case lockFailed(path: String, reason: String)
    /// Any other failing libgit2 call.
    case libgit2(LibGit2Failure)

    /// The libgit2 failure behind this error, if a libgit2 call failed.
    public var failure: LibGit2Failure? {
        switch self {
        case .notARepository(_, let failure),
             .referenceNotFound(_, let failure),
             .pathNotFound(_, _, let failure),
             .objectNotFound(_, let failure),
             .remote(_, let failure),
             .libgit2(let failure):
            failure
        case .notADirectory, .notABlob, .unsupportedFileMode, .invalidPath, .authenticationFailed, .pushRejected,
             .conflict, .referenceExists, .invalidWorkTreeState, .lockFailed:
            nil
        }
    }

    public var description: String {
        switch self {
        case .notARepository(let path, let failure):
            "not a git repository: '\(path)' (\(failure))"
        case .referenceNotFound(let ref, let failure):
            "cannot resolve '\(ref)' to a commit (\(failure))"
        case .pathNotFound(let path, let ref, let failure):
            "path '\(path)' not found at '\(ref)' (\(failure))"
        case .notADirectory(let path, let ref):
            "path '\(path)' at '\(ref)' is not a folder"
        case .objectNotFound(let id, let failure):
            "object \(id) not found (\(failure))"
        case .notABlob(let id, let type):
            "object \(id) is a \(type), not a blob"
        case .unsupportedFileMode(let path, let mode):
            "unsupported file mode \(String(mode, radix: 8)) for '\(path)'"
        case .invalidPath(let path, let reason):
            "invalid tree path '\(path)': \(reason)"
        case .authenticationFailed(let url):
            "authentication failed for '\(url)': the remote rejected the credentials or none were given"
        case .remote(let url, let failure):
            "remote '\(url)': \(failure)"
        case .pushRejected(let ref, let reason):
            "push of '\(ref)' rejected: \(reason)"
        case .conflict(let branch, let paths):
            "local commits conflict with the remote branch '\(branch)' in: \(paths.joined(separator: ", "))"
        case .referenceExists(let ref):
            "'\(ref)' already exists"
        case .invalidWorkTreeState(let reason):
            reason
        case .lockFailed(let path, let reason):
            "cannot lock the cache clone (\(path)): \(reason)"
        case .libgit2(let failure):
            failure.description
        }
    }
}
