/// An object as the state ref keeps it: identity and status only. The spec belongs to the
/// configuration, so a `kubectl get -o yaml` export (spec included) loads as it is.
public struct StatusRecord<Status: ObjectStatus>: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var status: Status

    public init(metadata: ObjectMeta, status: Status = Status()) {
        apiVersion = Status.kargoKind.apiVersion
        kind = Status.kargoKind.rawValue
        self.metadata = metadata
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Status.kargoKind.apiVersion
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Status.kargoKind.rawValue
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        status = try container.decodeIfPresent(Status.self, forKey: .status) ?? Status()
    }
}

/// A status type kept in state, and the kind it belongs to.
public protocol ObjectStatus: Codable, Sendable, Hashable {
    static var kargoKind: KargoKind { get }
    init()
}

extension StageStatus: ObjectStatus {
    public static var kargoKind: KargoKind { .stage }
    public init() { self.init(conditions: nil) }
}

extension WarehouseStatus: ObjectStatus {
    public static var kargoKind: KargoKind { .warehouse }
    public init() { self.init(conditions: nil) }
}

/// A Stage's identity and status: current Freight and history, holds, health.
public typealias StageState = StatusRecord<StageStatus>
/// A Warehouse's identity and the status of its last discovery, which drives `interval`.
public typealias WarehouseState = StatusRecord<WarehouseStatus>
