import Pipeline

/// Decodes the typed Kargo model straight from positioned YAML nodes, so a value that does
/// not fit the model is reported at its field path (and from there its line and column)
/// instead of by a generic JSON decoder. Schema validation runs first and explains most
/// problems; this decoder is the last line of defence and never guesses conversions.
public struct NodeDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode) throws -> T {
        try NodeDecoding(node: node, path: nil).decodeValue(type)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

/// The path to a value, built only when someone asks (an error): decoding twenty
/// thousand objects must not allocate a key array for every field it visits.
final class CodingPathLink {
    let parent: CodingPathLink?
    let key: any CodingKey

    init(parent: CodingPathLink?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    var keys: [any CodingKey] {
        var result: [any CodingKey] = []
        var link: CodingPathLink? = self
        while let current = link {
            result.append(current.key)
            link = current.parent
        }
        return result.reversed()
    }
}

struct NodeDecoding: Decoder {
    let node: YAMLNode
    let path: CodingPathLink?
    var codingPath: [any CodingKey] { path?.keys ?? [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return node.jsonValue as! T }
        if T.self == String.self { return try string() as! T }
        return try T(from: self)
    }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node.typeName)"))
    }

    func string() throws -> String {
        guard case .string(let text) = node.value else { throw mismatch("a string") }
        return text
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let entries) = node.value else {
            if case .null = node.value { return KeyedDecodingContainer(KeyedNodeContainer<Key>(entries: [], decoder: self)) }
            throw mismatch("a mapping")
        }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(entries: entries, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node.value {
        case .sequence(let items): return UnkeyedNodeContainer(items: items, decoder: self)
        case .null: return UnkeyedNodeContainer(items: [], decoder: self)
        default: throw mismatch("a list")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(decoder: self)
    }

    func child(_ node: YAMLNode, key: any CodingKey) -> NodeDecoding {
        NodeDecoding(node: node, path: CodingPathLink(parent: path, key: key))
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: [YAMLEntry]
    let decoder: NodeDecoding
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.key) } }

    private func value(_ key: Key) -> YAMLNode? {
        entries.first { $0.key == key.stringValue }?.value
    }

    private func required(_ key: Key) throws -> YAMLNode {
        guard let node = value(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing required field `\(key.stringValue)`"))
        }
        return node
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let node = value(key) else { return true }
        if case .null = node.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(try required(key), key: key).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = value(key) else { return nil }
        if case .null = node.value { return nil }
        return try decoder.child(node, key: key).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(try required(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try required(key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(value(key) ?? YAMLNode(.null, line: 0, column: 0), key: key)
    }
}

struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let items: [YAMLNode]
    let decoder: NodeDecoding
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> NodeDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "list ended early"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: AnyKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return true }
        if case .null = items[currentIndex].value { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoding
    var codingPath: [any CodingKey] { decoder.codingPath }
    private var node: YAMLNode { decoder.node }

    func decodeNil() -> Bool {
        if case .null = node.value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = node.value else { throw decoder.mismatch("a boolean") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String { try decoder.string() }

    func decode(_ type: Double.Type) throws -> Double {
        switch node.value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw decoder.mismatch("a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<T: BinaryInteger & FixedWidthInteger>(integer type: T.Type) throws -> T {
        switch node.value {
        case .int(let number):
            guard let value = T(exactly: number) else { throw decoder.mismatch("an integer that fits \(T.self)") }
            return value
        case .double(let number):
            guard let value = T(exactly: number) else { throw decoder.mismatch("an integer") }
            return value
        default: throw decoder.mismatch("an integer")
        }
    }

    func decode(_ type: Int.Type) throws -> Int { try decode(integer: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(integer: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(integer: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(integer: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(integer: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(integer: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(integer: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(integer: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(integer: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(integer: type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}

extension DecodingError {
    /// The field path and a plain sentence for a decoding failure.
    public var fieldPathAndMessage: (FieldPath, String) {
        let context: DecodingError.Context
        var message: String
        switch self {
        case .typeMismatch(_, let c): context = c; message = c.debugDescription
        case .valueNotFound(_, let c): context = c; message = c.debugDescription
        case .keyNotFound(let key, let c):
            context = DecodingError.Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
            message = c.debugDescription
        case .dataCorrupted(let c): context = c; message = c.debugDescription
        @unknown default: return (.root, "\(self)")
        }
        let path = FieldPath(context.codingPath.map { key in
            key.intValue.map { .index($0) } ?? .key(key.stringValue)
        })
        if message.isEmpty { message = "value does not fit the expected type" }
        return (path, message)
    }
}
