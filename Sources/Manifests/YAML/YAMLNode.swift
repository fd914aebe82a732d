import Pipeline

/// A parsed YAML value that remembers where it was written, so every later check
/// (schema, cross-references, step configs) can point at the exact line and column.
/// Scalars are already resolved the way Kubernetes resolves them (YAML 1.1 through
/// go-yaml): `yes` is a boolean, `010` an octal integer, quoted text always a string.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    /// How the node is written; comment-preserving edits keep a scalar's quoting and add
    /// members to a flow collection differently from a block one.
    public enum Style: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case block, flow
        /// `*name`: the node repeats an anchored one; its offsets are those of the alias.
        case alias
    }

    public var value: Value
    public var line: Int
    public var column: Int
    /// Byte offsets of the node's text in the parsed bytes (after a byte order mark), end
    /// exclusive. A block collection ends where its last member does; a block scalar's
    /// range may include the line breaks after it.
    public var startOffset: Int
    public var endOffset: Int
    public var style: Style

    public init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
        self.startOffset = 0
        self.endOffset = 0
        self.style = .plain
    }

    public init(_ value: Value, line: Int, column: Int, startOffset: Int, endOffset: Int, style: Style) {
        self.value = value
        self.line = line
        self.column = column
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.style = style
    }

    /// The member named `key` when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        entry(key)?.value
    }

    public func entry(_ key: String) -> YAMLEntry? {
        if case .mapping(let entries) = value {
            return entries.first { $0.key == key }
        }
        return nil
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The scalar written as text, whatever it resolved to; nil for collections.
    public var scalarText: String? {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .sequence, .mapping: nil
        }
    }

    /// The JSON type name (as JSON Schema names types) of this value.
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .sequence: "array"
        case .mapping: "object"
        }
    }

    /// Follows a field path down the tree; nil when some step is missing.
    public func node(at path: FieldPath) -> YAMLNode? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let items = current.items, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }

    /// The deepest written position along `path`: the value itself when present,
    /// otherwise the closest ancestor, so a missing field points at its parent.
    public func position(of path: FieldPath) -> (line: Int, column: Int) {
        var current = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let entry = current.entry(key) else { return (current.line, current.column) }
                current = entry.value
            case .index(let index):
                guard let items = current.items, items.indices.contains(index) else { return (current.line, current.column) }
                current = items[index]
            }
        }
        return (current.line, current.column)
    }

    /// The same value without positions, for the parts whose shape Kargo leaves open.
    public var jsonValue: JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .sequence(let items): .array(items.map(\.jsonValue))
        case .mapping(let entries):
            .object(Dictionary(entries.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { _, last in last }))
        }
    }
}

/// One `key: value` pair of a mapping, with the key's own position (where an
/// "unknown field" diagnostic should point).
public struct YAMLEntry: Sendable {
    public var key: String
    public var keyLine: Int
    public var keyColumn: Int
    public var value: YAMLNode
    /// Byte range of the key's text (see `YAMLNode.startOffset`).
    public var keyStartOffset = 0
    public var keyEndOffset = 0

    public init(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode) {
        self.key = key
        self.keyLine = keyLine
        self.keyColumn = keyColumn
        self.value = value
    }
}
