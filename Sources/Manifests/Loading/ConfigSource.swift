/// One candidate configuration file, found by a `ConfigSource`.
public struct ConfigFileEntry: Sendable, Hashable {
    /// The path shown to people and written in annotations.
    public var displayPath: String
    /// What the source needs to read the file again (a full path, a blob id).
    public var locator: String
    public var size: Int
    /// Why the file must not be read (a symlink leading out of the repository), if so.
    public var refusal: String?

    public init(displayPath: String, locator: String, size: Int, refusal: String? = nil) {
        self.displayPath = displayPath
        self.locator = locator
        self.size = size
        self.refusal = refusal
    }
}

/// Where configuration files come from: a folder on disk, or a tree in a Git commit
/// read without a checkout. The loader only needs to list and read.
public protocol ConfigSource {
    /// Every `*.yaml` / `*.yml` file under the root, sorted by path.
    func files() throws -> [ConfigFileEntry]
    func read(_ entry: ConfigFileEntry) throws -> [UInt8]
}

/// A configuration source that cannot be listed at all (the folder does not exist...).
public struct ConfigSourceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    /// Whether a file name is one the loader reads.
    var isYAMLFileName: Bool {
        hasSuffix(".yaml") || hasSuffix(".yml")
    }
}
