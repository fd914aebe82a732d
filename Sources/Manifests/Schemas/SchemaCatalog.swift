import Foundation
import Pipeline
import Synchronization

/// The schemas Freightline validates against: Kargo's CRDs (plus Argo Rollouts'
/// AnalysisTemplate), the step-config schemas, and the core Kubernetes kinds Kargo
/// repositories carry. Each is parsed on first use and kept, so a run pays only for
/// the kinds and steps its configuration uses.
enum SchemaCatalog {
    private static let cache = Mutex<[String: Schema]>([:])

    /// `apiVersion/kind`, e.g. `kargo.akuity.io/v1alpha1/Stage`.
    static func kind(apiVersion: String, kind: String) -> Schema? {
        let key = "\(apiVersion)/\(kind)"
        guard let text = GeneratedSchemas.kinds[key] ?? CoreSchemas.kinds[key] ?? CustomStepSchema.kinds[key] else { return nil }
        return parsed("kind:" + key, text)
    }

    static func hasKind(apiVersion: String, kind: String) -> Bool {
        let key = "\(apiVersion)/\(kind)"
        return GeneratedSchemas.kinds[key] != nil || CoreSchemas.kinds[key] != nil || CustomStepSchema.kinds[key] != nil
    }

    /// The config schema of a step, by the name used in `uses:`.
    static func step(_ name: String) -> Schema? {
        guard let text = GeneratedSchemas.steps[name] else { return nil }
        return parsed("step:" + name, text)
    }

    /// A Warehouse subscription's schema: `git`, `image` or `chart`. The Warehouse CRD
    /// leaves subscriptions open; Kargo validates them against these.
    static func subscription(_ name: String) -> Schema? {
        guard let text = GeneratedSchemas.subscriptions[name] else { return nil }
        return parsed("subscription:" + name, text)
    }

    /// `Project.spec` as Kargo before ProjectConfig wrote it: only `promotionPolicies`, with
    /// the same schema as ProjectConfig's. The current Project CRD has no spec at all.
    static var legacyProjectSpec: Schema? {
        if let hit = cache.withLock({ $0["legacy:Project.spec"] }) { return hit }
        guard let text = GeneratedSchemas.kinds["kargo.akuity.io/v1alpha1/ProjectConfig"],
              let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
              let policies = value["properties"]?["spec"]?["properties"]?["promotionPolicies"] else { return nil }
        let schema = Schema(json: ["type": .string("object"), "properties": .object(["promotionPolicies": policies])])
        cache.withLock { $0["legacy:Project.spec"] = schema }
        return schema
    }

    static var objectMeta: Schema { parsed("core:ObjectMeta", CoreSchemas.objectMeta) }

    private static func parsed(_ key: String, _ text: String) -> Schema {
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let schema = Schema.parse(text)
        cache.withLock { $0[key] = schema }
        return schema
    }
}
