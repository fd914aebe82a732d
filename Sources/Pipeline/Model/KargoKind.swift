/// Every kind of object Freightline reads from a repository or keeps in its state: Kargo's own
/// kinds (and the enterprise CustomPromotionStep), Argo Rollouts' analysis templates and
/// the core Secret and ConfigMap.
public enum KargoKind: String, CaseIterable, Sendable {
    case project = "Project"
    case projectConfig = "ProjectConfig"
    case clusterConfig = "ClusterConfig"
    case warehouse = "Warehouse"
    case stage = "Stage"
    case freight = "Freight"
    case promotion = "Promotion"
    case promotionTask = "PromotionTask"
    case clusterPromotionTask = "ClusterPromotionTask"
    case analysisTemplate = "AnalysisTemplate"
    case clusterAnalysisTemplate = "ClusterAnalysisTemplate"
    case secret = "Secret"
    case configMap = "ConfigMap"
    /// Kargo's enterprise step definition (`ee.kargo.akuity.io`), cluster-wide.
    case customPromotionStep = "CustomPromotionStep"

    /// The API group: `kargo.akuity.io`, `argoproj.io`, or empty for core Kubernetes kinds.
    public var apiGroup: String {
        switch self {
        case .project, .projectConfig, .clusterConfig, .warehouse, .stage, .freight, .promotion,
             .promotionTask, .clusterPromotionTask:
            "kargo.akuity.io"
        case .analysisTemplate, .clusterAnalysisTemplate:
            "argoproj.io"
        case .secret, .configMap:
            ""
        case .customPromotionStep:
            "ee.kargo.akuity.io"
        }
    }

    /// The `apiVersion` Freightline writes for this kind: `<group>/v1alpha1`, or `v1` for core kinds.
    public var apiVersion: String {
        apiGroup.isEmpty ? "v1" : apiGroup + "/v1alpha1"
    }

    /// Whether objects of this kind live in a namespace (a Project). Projects themselves and the
    /// cluster-wide kinds do not.
    public var isNamespaced: Bool {
        switch self {
        case .project, .clusterConfig, .clusterPromotionTask, .clusterAnalysisTemplate, .customPromotionStep: false
        default: true
        }
    }
}
