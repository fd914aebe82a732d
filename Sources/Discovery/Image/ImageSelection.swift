import Foundation
import Pipeline

/// Which tags of a repository an image subscription considers, in which order, and how
/// many images it keeps: a port of Kargo's image selectors (`pkg/image/*_selector.go`).
/// Pure, so it is tested with tables; asking the registry is `ImageDiscoverer`'s.
///
/// - `SemVer` (the default): tags that parse as versions (Masterminds' `NewVersion`; with
///   `strictSemvers`, the default, also `StrictNewVersion` after dropping a leading `v`)
///   and satisfy `constraint` (or its older name `semverConstraint`), highest first, ties by
///   the tag's text, greatest first.
/// - `Lexical`: tags by their bytes, greatest first.
/// - `NewestBuild`: every eligible tag's image is read, newest build time first.
/// - `Digest`: the one mutable tag named by `constraint`; its digest is what changes.
///
/// `allowTagsRegexes` / `ignoreTagsRegexes` are unanchored regular expressions (Go's RE2);
/// an ignored match wins over an allowed one. The deprecated `allowTags` (one regex) and
/// `ignoreTags` (exact names), which Kargo 1.11 refuses, are still honoured so older
/// repositories keep working.
public struct ImageSelection: Sendable, Hashable {
    /// Kargo's default `discoveryLimit`.
    public static let defaultDiscoveryLimit = 20

    public enum Strategy: Sendable, Hashable {
        case semVer(constraint: SemVerConstraint?, strict: Bool)
        case lexical
        case newestBuild
        /// Follows one mutable tag.
        case digest(tag: String)
    }

    public var strategy: Strategy
    /// Patterns a tag must match one of (none: every tag).
    public var allowTagsRegexes: [String]
    /// Patterns no tag may match.
    public var ignoreTagsRegexes: [String]
    /// Exact tag names never considered (the deprecated `ignoreTags`).
    public var ignoreTags: Set<String>
    public var platform: ImagePlatform?
    public var discoveryLimit: Int

    public init(
        strategy: Strategy,
        allowTagsRegexes: [String] = [],
        ignoreTagsRegexes: [String] = [],
        ignoreTags: Set<String> = [],
        platform: ImagePlatform? = nil,
        discoveryLimit: Int = Self.defaultDiscoveryLimit
    ) {
        self.strategy = strategy
        self.allowTagsRegexes = allowTagsRegexes
        self.ignoreTagsRegexes = ignoreTagsRegexes
        self.ignoreTags = ignoreTags
        self.platform = platform
        self.discoveryLimit = discoveryLimit
    }

    /// The selection a subscription asks for, with Kargo's defaults (SemVer, strict, limit
    /// 20). The error says which field is wrong and why.
    public init(subscription: ImageSubscription) throws(ImageSelectionError) {
        let constraintText = subscription.constraint.flatMap { $0.isEmpty ? nil : $0 }
            ?? subscription.semverConstraint.flatMap { $0.isEmpty ? nil : $0 }
        let strategy: Strategy
        switch subscription.imageSelectionStrategy ?? .semVer {
        case .semVer:
            var constraint: SemVerConstraint?
            if let constraintText {
                do { constraint = try SemVerConstraint(parsing: constraintText) } catch {
                    throw ImageSelectionError(field: subscription.constraint == nil ? "semverConstraint" : "constraint",
                                              reason: error.description)
                }
            }
            strategy = .semVer(constraint: constraint, strict: subscription.strictSemvers ?? true)
        case .lexical:
            strategy = .lexical
        case .newestBuild:
            strategy = .newestBuild
        case .digest:
            guard let constraintText else {
                throw ImageSelectionError(field: "constraint",
                                          reason: "the Digest strategy needs the mutable tag to follow in constraint, such as latest")
            }
            strategy = .digest(tag: constraintText)
        }
        var allow = subscription.allowTagsRegexes ?? []
        if let legacy = subscription.allowTags, !legacy.isEmpty { allow.append(legacy) }
        let ignore = subscription.ignoreTagsRegexes ?? []
        for (field, patterns) in [("allowTagsRegexes", allow), ("ignoreTagsRegexes", ignore)] {
            for pattern in patterns {
                if let unsupported = RE2Compatibility.unsupportedFeature(in: pattern) {
                    throw ImageSelectionError(field: field, reason: "\(EscapedText.doubleQuoted(pattern)): \(unsupported)")
                }
                if (try? Regex(pattern)) == nil {
                    throw ImageSelectionError(field: field, reason: "\(EscapedText.doubleQuoted(pattern)) is not a valid regular expression")
                }
            }
        }
        var platform: ImagePlatform?
        if let text = subscription.platform, !text.isEmpty {
            guard let parsed = ImagePlatform(text) else {
                throw ImageSelectionError(field: "platform",
                                          reason: "\(EscapedText.doubleQuoted(text)) is not OS/ARCH[/VARIANT], such as linux/amd64")
            }
            platform = parsed
        }
        let limit = subscription.discoveryLimit.map { Int(clamping: $0) } ?? 0
        self.init(strategy: strategy, allowTagsRegexes: allow, ignoreTagsRegexes: ignore,
                  ignoreTags: Set(subscription.ignoreTags ?? []), platform: platform,
                  discoveryLimit: limit > 0 ? limit : Self.defaultDiscoveryLimit)
    }

    /// Whether the strategy reads every eligible tag's image before ordering (NewestBuild),
    /// rather than reading images in tag order until `discoveryLimit` are found.
    public var readsEveryCandidate: Bool { strategy == .newestBuild }

    /// Whether the strategy follows a mutable tag, so what is known about it must be asked again.
    public var followsMutableTag: Bool {
        if case .digest = strategy { return true }
        return false
    }

    /// The tags to read images for, best first. For NewestBuild the order is only a stable
    /// one (greatest text first); `ordered(_:)` orders the images by build time.
    ///
    /// - Parameter index: the run's parsed tags, shared by every subscription to the same
    ///   repository (a fresh one when nil).
    public func candidates(from tags: [String], repository: String = "", index: SemVerTagIndex? = nil) -> [String] {
        if case .digest(let tag) = strategy { return [tag] }
        let allow = allowTagsRegexes.compactMap { try? Regex($0) }
        let ignore = ignoreTagsRegexes.compactMap { try? Regex($0) }
        let isEligible = { (tag: String) -> Bool in
            guard !self.ignoreTags.contains(tag), !ignore.contains(where: { tag.contains($0) }) else { return false }
            return allow.isEmpty || allow.contains { tag.contains($0) }
        }
        switch strategy {
        case .semVer(let constraint, let strict):
            let versions = (index ?? SemVerTagIndex()).versions(of: tags, repository: repository, strict: strict)
            return versions.compactMap { entry in
                guard isEligible(entry.tag) else { return nil }
                if let constraint, !constraint.isSatisfied(by: entry.version) { return nil }
                return entry.tag
            }
        case .lexical, .newestBuild:
            return tags.filter(isEligible).sorted { Self.bytesPrecede($1, $0) }
        case .digest:
            return []
        }
    }

    /// The images to report, best first, at most `discoveryLimit`: NewestBuild orders by
    /// build time (newest first, then tag, greatest first; images without one last); the
    /// other strategies keep the candidates' order.
    public func ordered(_ images: [DiscoveredImageReference]) -> [DiscoveredImageReference] {
        var images = images
        if readsEveryCandidate {
            images.sort { lhs, rhs in
                switch (lhs.createdAt, rhs.createdAt) {
                case let (l?, r?) where l != r: return l > r
                case (nil, _?): return false
                case (_?, nil): return true
                default: return Self.bytesPrecede(rhs.tag ?? "", lhs.tag ?? "")
                }
            }
        }
        if followsMutableTag { return Array(images.prefix(1)) }
        return Array(images.prefix(max(discoveryLimit, 0)))
    }

    /// Kargo's `semver.Parse`: Masterminds' `NewVersion`, and with `strict` also
    /// `StrictNewVersion` of the tag without a leading `v`.
    static func version(of tag: String, strict: Bool) -> SemanticVersion? {
        guard let version = try? SemanticVersion(parsing: tag, strict: false) else { return nil }
        if strict {
            let bare = tag.hasPrefix("v") ? String(tag.dropFirst()) : tag
            guard (try? SemanticVersion(parsing: bare, strict: true)) != nil else { return nil }
        }
        return version
    }

    /// Go's string order: by UTF-8 bytes.
    static func bytesPrecede(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

/// A subscription field that cannot be used, and why.
public struct ImageSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// An `os/arch[/variant]` platform, as a subscription's `platform` and an image index's
/// entries name them. Matching is exact, variant included, as Kargo's.
public struct ImagePlatform: Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `linux/amd64`, `linux/arm/v7`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(os: String(parts[0]), architecture: String(parts[1]), variant: parts.count == 3 ? String(parts[2]) : nil)
    }

    public var description: String {
        variant.map { "\(os)/\(architecture)/\($0)" } ?? "\(os)/\(architecture)"
    }
}
