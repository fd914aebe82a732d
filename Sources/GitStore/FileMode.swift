/// The kind of a non-folder entry in a git tree, with git's octal mode as raw value.
///
/// Folders never appear in `readTree` results (they are walked into), so only
/// the four modes git records for leaves are modelled.
public enum FileMode: UInt32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A regular file (100644).
    case blob = 0o100644
    /// A regular file with the executable bit (100755).
    case executable = 0o100755
    /// A symbolic link; its blob holds the link target (120000).
    case symlink = 0o120000
    /// A submodule (gitlink); its object id is a commit in another repository (160000).
    case submodule = 0o160000

    public var description: String {
        "\(self.name) (\(String(rawValue, radix: 8)))"
    }

    private var name: String {
        switch self {
        case .blob: "blob"
        case .executable: "executable"
        case .symlink: "symlink"
        case .submodule: "submodule"
        }
    }
}
