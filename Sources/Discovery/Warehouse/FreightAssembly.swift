import Pipeline

/// Turns what a Warehouse discovered into Freight, as Kargo does: the first (newest or
/// highest) artifact of every subscription, together; named by Kargo's content hash, so
/// the same combination is never made twice. Pure.
public enum FreightAssembly {
    public enum Outcome: Sendable, Hashable {
        /// A new Freight to add to the state.
        case created(Freight)
        /// The newest combination already exists as this Freight.
        case unchanged(String)
        /// Nothing to make yet: a subscription found nothing, or creation is manual.
        case none(reason: String)
    }

    public static func freight(for warehouse: Warehouse, discovered: DiscoveredArtifacts, existing: [Freight],
                               now: Timestamp) -> Outcome {
        let project = warehouse.metadata.namespace
        var freight = Freight(metadata: ObjectMeta(name: "", namespace: project),
                              origin: FreightOrigin(kind: .warehouse, name: warehouse.metadata.name))
        var commits: [GitCommit] = []
        for result in discovered.git ?? [] {
            guard let commit = result.commits?.first, let id = commit.id else {
                return .none(reason: "no commit found in \(result.repoURL) that the subscription accepts")
            }
            commits.append(GitCommit(repoURL: result.repoURL, id: id, branch: commit.branch, tag: commit.tag,
                                     message: commit.subject, author: commit.author, committer: commit.committer))
        }
        var images: [Image] = []
        for result in discovered.images ?? [] {
            guard let reference = result.references?.first else {
                return .none(reason: "no image tag found in \(result.repoURL) that the subscription accepts")
            }
            images.append(Image(repoURL: result.repoURL, tag: reference.tag, digest: reference.digest,
                                annotations: reference.annotations))
        }
        var charts: [Chart] = []
        for result in discovered.charts ?? [] {
            guard let version = result.versions?.first else {
                let what = result.name.map { "chart \($0) in \(result.repoURL)" } ?? result.repoURL
                return .none(reason: "no version of \(what) satisfies the subscription")
            }
            charts.append(Chart(repoURL: result.repoURL, name: result.name, version: version))
        }
        guard !(commits.isEmpty && images.isEmpty && charts.isEmpty) else {
            return .none(reason: "the Warehouse has no subscriptions")
        }
        freight.commits = commits.isEmpty ? nil : commits
        freight.images = images.isEmpty ? nil : images
        freight.charts = charts.isEmpty ? nil : charts
        freight.metadata.name = FreightIdentity.name(of: freight)
        if existing.contains(where: { $0.metadata.name == freight.metadata.name && $0.metadata.namespace == project }) {
            return .unchanged(freight.metadata.name)
        }
        if warehouse.spec.freightCreationPolicy == .manual {
            return .none(reason: "freightCreationPolicy is Manual: new artifacts are recorded, Freight is not created")
        }
        freight.discoveredAt = now
        freight.metadata.creationTimestamp = now
        return .created(freight)
    }
}
