import Pipeline

/// Resolves `commitFrom()`, `imageFrom()`, `chartFrom()` and `artifactFrom()` against the
/// target Freight, as Kargo's `freight.Find*` do: repository URLs compare in normalised
/// form, an origin narrows the search to that Warehouse's Freight, and a repository found
/// in several Freight without an origin is ambiguous rather than guessed.
struct ArtifactFinder {
    let freight: [Freight]

    func commit(repoURL: String, origin: FreightOrigin?) throws(ExpressionRuntimeError) -> GitCommit {
        let wanted = RepositoryURL.normalizeGit(repoURL)
        return try find("commit", "commitFrom", repoURL, origin) { candidate in
            (candidate.commits ?? []).first { RepositoryURL.normalizeGit($0.repoURL ?? "") == wanted }
        }
    }

    func image(repoURL: String, origin: FreightOrigin?) throws(ExpressionRuntimeError) -> Image {
        let wanted = RepositoryURL.normalizeImage(repoURL)
        return try find("image", "imageFrom", repoURL, origin) { candidate in
            (candidate.images ?? []).first { RepositoryURL.normalizeImage($0.repoURL ?? "") == wanted }
        }
    }

    func chart(repoURL: String, name: String?, origin: FreightOrigin?) throws(ExpressionRuntimeError) -> Chart {
        let wanted = RepositoryURL.normalizeChart(repoURL)
        let label = name.map { "\(repoURL) (chart \($0))" } ?? repoURL
        return try find("chart", "chartFrom", label, origin) { candidate in
            (candidate.charts ?? []).first {
                RepositoryURL.normalizeChart($0.repoURL ?? "") == wanted && (name == nil || ($0.name ?? "") == name)
            }
        }
    }

    func artifact(subscription: String, origin: FreightOrigin?) throws(ExpressionRuntimeError) -> GoObject {
        try find("artifact", "artifactFrom", subscription, origin, noun: "from subscription") { candidate in
            if let image = candidate.images?.first(where: { $0.subscriptionName == subscription }) {
                return GoObject.artifact(
                    ArtifactReference(
                        artifactType: "image", subscriptionName: subscription, version: image.tag ?? image.digest,
                        metadata: nil))
            }
            if let commit = candidate.commits?.first(where: { $0.subscriptionName == subscription }) {
                return GoObject.artifact(
                    ArtifactReference(
                        artifactType: "git", subscriptionName: subscription, version: commit.id, metadata: nil))
            }
            if let chart = candidate.charts?.first(where: { $0.subscriptionName == subscription }) {
                return GoObject.artifact(
                    ArtifactReference(
                        artifactType: "chart", subscriptionName: subscription, version: chart.version, metadata: nil))
            }
            return candidate.artifacts?.first { $0.subscriptionName == subscription }.map(GoObject.artifact)
        }
    }

    private func find<Found>(
        _ kind: String, _ function: String, _ what: String, _ origin: FreightOrigin?, noun: String = "",
        match: (Freight) -> Found?
    ) throws(ExpressionRuntimeError) -> Found {
        let candidates = freight.filter { origin == nil || $0.origin == origin }
        let hits = candidates.compactMap { candidate in match(candidate).map { (candidate, $0) } }
        let subject = noun.isEmpty ? "\(kind) \(what)" : "\(kind) \(noun) \(what)"
        guard let first = hits.first else {
            if let origin {
                throw ExpressionRuntimeError(
                    "no \(subject) in the target Freight from \(origin.kind.rawValue) \(origin.name)")
            }
            throw ExpressionRuntimeError("no \(subject) in the target Freight")
        }
        let origins = Set(hits.map { "\($0.0.origin.kind.rawValue) \($0.0.origin.name)" })
        if hits.count > 1, origin == nil {
            let names = origins.sorted().joined(separator: ", ")
            let example = hits[0].0.origin.name
            throw ExpressionRuntimeError(
                "\(subject) is ambiguous: \(hits.count) target Freight hold it (from \(names)); pass an origin, "
                    + "e.g. \(function)(\"\(what)\", warehouse(\"\(example)\"))")
        }
        return first.1
    }
}
