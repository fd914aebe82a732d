/// Promotion objects for manual requests, named deterministically from the Stage, the
/// time and the Freight (`<stage>.<yyyymmddhhmmss>.<freight[:7]>`), so the same request
/// at the same `--now` gives the same state.
public enum PromotionNaming {
    public static let actorAnnotation = "kargo.akuity.io/create-actor"

    /// Why a Promotion was asked for, when it is not an ordinary one (`rollback`).
    public static let reasonAnnotation = "freightline.dev/reason"
    public static let rollbackReason = "rollback"

    public static func request(stage: String, freight: String, project: String, actor: String, at time: Timestamp) -> Promotion {
        let compact = time.rfc3339.filter(\.isNumber).prefix(14)
        let name = "\(stage).\(compact).\(freight.prefix(7))"
        var metadata = ObjectMeta(name: name, namespace: project, annotations: [actorAnnotation: actor])
        metadata.creationTimestamp = time
        return Promotion(metadata: metadata, spec: PromotionSpec(stage: stage, freight: freight))
    }
}
