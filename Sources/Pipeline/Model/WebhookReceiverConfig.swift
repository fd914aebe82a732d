/// A webhook receiver that tells Kargo to refresh Warehouses. Freightline has no server, so it
/// only loads these; exactly one provider field is set.
public struct WebhookReceiverConfig: Codable, Sendable, Hashable {
    public var name: String
    public var artifactory: ArtifactoryWebhookReceiverConfig?
    public var azure: WebhookReceiverSecretConfig?
    public var bitbucket: WebhookReceiverSecretConfig?
    public var dockerhub: WebhookReceiverSecretConfig?
    public var generic: GenericWebhookReceiverConfig?
    public var gitea: WebhookReceiverSecretConfig?
    public var github: WebhookReceiverSecretConfig?
    public var gitlab: WebhookReceiverSecretConfig?
    public var harbor: WebhookReceiverSecretConfig?
    public var quay: WebhookReceiverSecretConfig?
}

/// Provider settings that consist only of the Secret holding the shared secret or token
/// (Azure, Bitbucket, Docker Hub, Gitea, GitHub, GitLab, Harbor, Quay).
public struct WebhookReceiverSecretConfig: Codable, Sendable, Hashable {
    public var secretRef: LocalObjectReference?
}

/// Artifactory receiver settings.
public struct ArtifactoryWebhookReceiverConfig: Codable, Sendable, Hashable {
    public var secretRef: LocalObjectReference?
    public var virtualRepoName: String?
}

/// A receiver for arbitrary payloads, with the actions to take on them.
public struct GenericWebhookReceiverConfig: Codable, Sendable, Hashable {
    public var secretRef: LocalObjectReference?
    public var actions: [GenericWebhookAction]?
}

/// One action of a generic receiver, run when `whenExpression` holds.
public struct GenericWebhookAction: Codable, Sendable, Hashable {
    public var action: GenericWebhookActionType?
    public var whenExpression: String?
    public var parameters: [String: String]?
    public var targetSelectionCriteria: [GenericWebhookTargetSelectionCriteria]?
}

/// What a generic webhook action does.
public enum GenericWebhookActionType: String, Codable, Sendable, CaseIterable {
    case refresh = "Refresh"
}

/// Selects the objects a generic webhook action applies to.
public struct GenericWebhookTargetSelectionCriteria: Codable, Sendable, Hashable {
    public var kind: GenericWebhookTargetKind?
    public var name: String?
    public var labelSelector: LabelSelector?
    public var indexSelector: IndexSelector?
}

/// The kind of object a generic webhook action targets.
public enum GenericWebhookTargetKind: String, Codable, Sendable, CaseIterable {
    case warehouse = "Warehouse"
    case promotion = "Promotion"
}

/// Selects targets by indexed values (subscribed URLs, receiver paths).
public struct IndexSelector: Codable, Sendable, Hashable {
    public var matchIndices: [IndexSelectorRequirement]?
}

/// One index comparison (`operator` is `Equals` or `NotEquals`).
public struct IndexSelectorRequirement: Codable, Sendable, Hashable {
    public var key: IndexSelectorKey?
    public var `operator`: String?
    public var value: String?
}

/// The index an IndexSelectorRequirement compares against.
public enum IndexSelectorKey: String, Codable, Sendable, CaseIterable {
    case subscribedURLs = "subscribedURLs"
    case receiverPaths = "receiverPaths"
}

/// Where a configured webhook receiver listens, as reported in status.
public struct WebhookReceiverDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var path: String?
    public var url: String?
}
