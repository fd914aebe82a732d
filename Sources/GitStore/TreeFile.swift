/// One file (or symlink, or submodule) found by `GitRepository.readTree`.
///
/// A plain value copied out of libgit2 during the walk: it can be kept,
/// compared and sent across tasks after the repository is gone. The contents
/// are not included on purpose: callers filter by name first and read only the
/// blobs they need with `GitRepository.readBlob(_:)`.
public struct TreeFile: Sendable, Hashable, CustomStringConvertible {
    /// Path relative to the repository root, '/'-separated, no leading '/'.
    public let path: String
    /// What kind of entry this is.
    public let mode: FileMode
    /// The blob id (for a submodule: the commit id in the submodule's repository).
    public let objectID: ObjectID
    /// Size in bytes of the blob (a symlink's: the length of its target); 0 for a submodule.
    public let size: Int

    public init(path: String, mode: FileMode, objectID: ObjectID, size: Int) {
        self.path = path
        self.mode = mode
        self.objectID = objectID
        self.size = size
    }

    /// The last path component.
    public var name: String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    public var description: String {
        "\(path) \(mode) \(objectID) \(size)"
    }
}
