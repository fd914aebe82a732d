/// One `---`-separated document of a YAML file, as a positioned tree.
public struct YAMLDocument: Sendable {
    /// The file, as the user should see it in diagnostics (relative to the config root).
    public var file: String
    /// 0-based index of the document inside its file.
    public var index: Int
    public var root: YAMLNode

    public init(file: String, index: Int, root: YAMLNode) {
        self.file = file
        self.index = index
        self.root = root
    }

    public func location(of path: FieldPath) -> FileLocation {
        let position = root.position(of: path)
        return FileLocation(file: file, line: position.line, column: position.column)
    }

    public func keyLocation(of path: FieldPath) -> FileLocation {
        guard case .key(let key)? = path.components.last,
              let parent = root.node(at: FieldPath(Array(path.components.dropLast()))),
              let entry = parent.entry(key) else {
            return location(of: path)
        }
        return FileLocation(file: file, line: entry.keyLine, column: entry.keyColumn)
    }
}
