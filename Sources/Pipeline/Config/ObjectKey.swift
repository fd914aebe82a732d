/// Identifies one object of the configuration: its kind, its Project (namespace) when
/// the kind is namespaced, and its name.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: KargoKind
    public var namespace: String?
    public var name: String

    public init(_ kind: KargoKind, namespace: String?, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String {
        if let namespace { return "\(kind.rawValue) \(namespace)/\(name)" }
        return "\(kind.rawValue) \(name)"
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.kind.rawValue, lhs.namespace ?? "", lhs.name) < (rhs.kind.rawValue, rhs.namespace ?? "", rhs.name)
    }
}
