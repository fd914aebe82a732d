/// A core Kubernetes Secret. Freightline reads Kargo credential Secrets (label
/// `kargo.akuity.io/cred-type`) from outside the repository; `data` values are base64 text.
public struct Secret: KargoObject {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var type: String?
    public var data: [String: String]?
    public var stringData: [String: String]?
    public var immutable: Bool?

    /// The label that marks a Secret as Kargo credentials and says for what.
    public static let credentialTypeLabel = "kargo.akuity.io/cred-type"

    /// The credential type from the `kargo.akuity.io/cred-type` label, when it is a known one.
    public var credentialType: CredentialType? {
        metadata.labels?[Self.credentialTypeLabel].flatMap(CredentialType.init(rawValue:))
    }

    public init(
        apiVersion: String = KargoKind.secret.apiVersion,
        kind: String = KargoKind.secret.rawValue,
        metadata: ObjectMeta,
        type: String? = nil,
        data: [String: String]? = nil,
        stringData: [String: String]? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    public static var kargoKind: KargoKind { .secret }
}

/// What a Kargo credential Secret is for (the `kargo.akuity.io/cred-type` label).
public enum CredentialType: String, Codable, Sendable, CaseIterable {
    case git = "git"
    case image = "image"
    case helm = "helm"
    case generic = "generic"
}
