import Foundation
import Pipeline

/// A repository's tags parsed as versions and sorted highest first, kept for one run: many
/// Warehouses watching one repository with different constraints parse its (possibly
/// thousands of) tags once, not once each.
public final class SemVerTagIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var sorted: [Key: [(version: SemanticVersion, tag: String)]] = [:]

    struct Key: Hashable {
        var repository: String
        var strict: Bool
        var tags: [String]
    }

    public init() {}

    /// Every tag of `tags` that parses (Kargo's rules for `strict`), highest first, ties by
    /// tag text, greatest first.
    func versions(of tags: [String], repository: String, strict: Bool) -> [(version: SemanticVersion, tag: String)] {
        let key = Key(repository: repository, strict: strict, tags: tags)
        if let known = lock.withLock({ sorted[key] }) { return known }
        var versions: [(version: SemanticVersion, tag: String)] = []
        for tag in tags {
            if let version = ImageSelection.version(of: tag, strict: strict) { versions.append((version, tag)) }
        }
        versions.sort { lhs, rhs in
            let order = lhs.version.comparePrecedence(to: rhs.version)
            if order != 0 { return order > 0 }
            return ImageSelection.bytesPrecede(rhs.tag, lhs.tag)
        }
        lock.withLock { sorted[key] = versions }
        return versions
    }
}
