import Pipeline

/// Which chart versions a subscription discovers, from all the versions a repository lists:
/// a port of Kargo's chart selector (`pkg/helm/chart/base_selector.go`). Pure, so it is
/// tested with tables.
///
/// - Versions that do not parse are skipped. Classic repositories parse loosely (Masterminds'
///   `NewVersion`: `v1.2` is 1.2.0); OCI tags strictly, after turning `_` back into `+`
///   (OCI tags cannot hold `+`, so Helm writes build metadata with `_`).
/// - With a `semverConstraint`, Masterminds' rules apply, including that a pre-release is
///   only considered when the constraint's alternative itself names a pre-release
///   (`>= 1.0.0-0`). Without one, every version counts, pre-releases included: Kargo then
///   checks no constraint at all (unlike `helm install`, which defaults to stable releases).
/// - Highest first; versions of equal precedence (`1.0` and `1.0.0`) by their text, greatest
///   first, so the order never depends on the repository's. At most `discoveryLimit`.
public struct ChartVersionSelection: Sendable, Hashable {
    /// Kargo's default `discoveryLimit`.
    public static let defaultDiscoveryLimit = 20

    public var constraint: SemVerConstraint?
    public var discoveryLimit: Int

    public init(constraint: SemVerConstraint?, discoveryLimit: Int = Self.defaultDiscoveryLimit) {
        self.constraint = constraint
        self.discoveryLimit = discoveryLimit
    }

    /// The selection a subscription asks for; an empty constraint means none, a missing or
    /// non-positive limit means the default (what Kargo's defaulting webhook does).
    public init(subscription: ChartSubscription) throws(SemVerConstraintError) {
        let text = subscription.semverConstraint ?? ""
        let constraint = text.isEmpty ? nil : try SemVerConstraint(parsing: text)
        let limit = subscription.discoveryLimit.map(Int.init) ?? 0
        self.init(constraint: constraint, discoveryLimit: limit > 0 ? limit : Self.defaultDiscoveryLimit)
    }

    /// How version texts are read.
    public enum VersionSyntax: Sendable, Hashable {
        /// An HTTP repository's `index.yaml`: loose SemVer.
        case repositoryIndex
        /// OCI tags: strict SemVer with `_` for `+`.
        case ociTag
    }

    /// The selected versions, best first, as written (OCI tags with `+` restored).
    public func select(_ versions: [String], syntax: VersionSyntax) -> [String] {
        var candidates: [(version: SemanticVersion, text: String)] = []
        candidates.reserveCapacity(versions.count)
        for written in versions {
            let text = syntax == .ociTag ? String(written.map { $0 == "_" ? "+" : $0 }) : written
            guard let version = try? SemanticVersion(parsing: text, strict: syntax == .ociTag) else { continue }
            if let constraint, !constraint.isSatisfied(by: version) { continue }
            candidates.append((version, text))
        }
        candidates.sort { lhs, rhs in
            let order = lhs.version.comparePrecedence(to: rhs.version)
            if order != 0 { return order > 0 }
            return rhs.text.utf8.lexicographicallyPrecedes(lhs.text.utf8)
        }
        return candidates.prefix(max(discoveryLimit, 0)).map(\.text)
    }
}
