/// What every top-level object Freightline loads has in common, so loaders and state stores
/// can handle the kinds uniformly.
public protocol KargoObject: Codable, Sendable, Hashable {
    /// The kind this Swift type models.
    static var kargoKind: KargoKind { get }
    var apiVersion: String { get set }
    var kind: String { get set }
    var metadata: ObjectMeta { get set }
}
