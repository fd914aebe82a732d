import Pipeline

/// Where a loaded object was written: its document and, for objects inside a `List`,
/// the path of the item. Lets any later check point at `file:line:column`.
public struct ObjectOrigin: Sendable {
    public var document: YAMLDocument
    public var prefix: FieldPath

    public init(document: YAMLDocument, prefix: FieldPath = .root) {
        self.document = document
        self.prefix = prefix
    }

    /// The object's own node.
    public var node: YAMLNode {
        document.root.node(at: prefix) ?? document.root
    }

    public func location(of path: FieldPath) -> FileLocation {
        document.location(of: FieldPath(prefix.components + path.components))
    }

    public func keyLocation(of path: FieldPath) -> FileLocation {
        document.keyLocation(of: FieldPath(prefix.components + path.components))
    }

    /// The field path as shown in diagnostics (inside a List, with the item prefix).
    public func fullPath(_ path: FieldPath) -> FieldPath {
        FieldPath(prefix.components + path.components)
    }
}
