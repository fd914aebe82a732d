/// A Stage as the state ref keeps it: identity and status only. The spec belongs to the
/// configuration; a `kubectl get stage -o yaml` export (spec included) loads as it is.
public struct StageState: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var status: StageStatus

    public init(metadata: ObjectMeta, status: StageStatus = StageStatus()) {
        apiVersion = KargoKind.stage.apiVersion
        kind = KargoKind.stage.rawValue
        self.metadata = metadata
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? KargoKind.stage.apiVersion
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? KargoKind.stage.rawValue
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        status = try container.decodeIfPresent(StageStatus.self, forKey: .status) ?? StageStatus()
    }
}
