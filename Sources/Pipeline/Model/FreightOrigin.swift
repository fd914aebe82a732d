/// Where Freight comes from (today always a Warehouse). It is part of the Freight's identity and name.
public struct FreightOrigin: Codable, Sendable, Hashable {
    public var kind: FreightOriginKind
    public var name: String

    public init(kind: FreightOriginKind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// The kinds of object that can produce Freight.
public enum FreightOriginKind: String, Codable, Sendable, CaseIterable {
    case warehouse = "Warehouse"
}
