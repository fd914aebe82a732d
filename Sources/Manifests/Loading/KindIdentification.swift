import Pipeline

/// Decides, from `apiVersion` and `kind`, whether a document is one Freightline loads.
enum KindIdentification {
    enum Outcome {
        case load(KargoKind)
        case projectNamespace
        case skip
        case unknownKargoKind(known: String)
        case unsupportedVersion(supported: String)
    }

    static func identify(apiVersion: String, kind: String) -> Outcome {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let version = String(apiVersion.split(separator: "/").last ?? "")
        let candidates = KargoKind.allCases.filter { $0.apiGroup == group }
        switch group {
        case "kargo.akuity.io":
            guard let match = candidates.first(where: { $0.rawValue == kind }) else {
                // Kargo kinds Freightline has no use for (Target, PromotionRequest) are skipped quietly.
                if SchemaCatalog.hasKind(apiVersion: apiVersion, kind: kind) { return .skip }
                return .unknownKargoKind(known: candidates.map(\.rawValue).joined(separator: ", "))
            }
            return version == "v1alpha1" ? .load(match) : .unsupportedVersion(supported: "kargo.akuity.io/v1alpha1")
        case "ee.kargo.akuity.io":
            guard let match = candidates.first(where: { $0.rawValue == kind }) else { return .skip }
            return version == "v1alpha1" ? .load(match) : .unsupportedVersion(supported: "ee.kargo.akuity.io/v1alpha1")
        case "argoproj.io":
            guard let match = candidates.first(where: { $0.rawValue == kind }) else { return .skip }
            return version == "v1alpha1" ? .load(match) : .unsupportedVersion(supported: "argoproj.io/v1alpha1")
        case "":
            if kind == "Namespace" { return .projectNamespace }
            guard apiVersion == "v1", let match = candidates.first(where: { $0.rawValue == kind }) else { return .skip }
            return .load(match)
        default:
            return .skip
        }
    }
}
