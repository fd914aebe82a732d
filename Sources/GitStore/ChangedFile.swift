/// One file that differs between two commits (`GitRepository.changedFiles(from:to:)`):
/// its path and what the newer commit holds there, copied out of libgit2.
public struct ChangedFile: Sendable, Hashable, CustomStringConvertible {
    /// Path relative to the repository root, '/'-separated.
    public let path: String
    /// The blob the newer commit has at `path`; nil when the file is gone there.
    public let newObjectID: ObjectID?

    public init(path: String, newObjectID: ObjectID?) {
        self.path = path
        self.newObjectID = newObjectID
    }

    public var description: String {
        "\(newObjectID == nil ? "D" : "M") \(path)"
    }
}
