/// What `GitRepository.checkOut(_:)` puts in a freshly cloned work tree, in
/// Kargo's git-clone terms.
public enum WorkTreeCheckout: Sendable, Hashable, CustomStringConvertible {
    /// The remote's default branch (what its HEAD names); nothing for an empty remote.
    case defaultBranch
    /// A branch; with `create`, a missing branch becomes a new, empty orphan
    /// branch (its first commit will have no parent).
    case branch(String, create: Bool)
    /// A commit id (full or abbreviated) or any revision, detached.
    case commit(String)
    /// A tag, peeled to its commit, detached.
    case tag(String)

    public var description: String {
        switch self {
        case .defaultBranch: "the default branch"
        case .branch(let name, _): "branch '\(name)'"
        case .commit(let id): "commit '\(id)'"
        case .tag(let name): "tag '\(name)'"
        }
    }
}
