import Pipeline

/// One `includePaths` / `excludePaths` selector, read as Kargo's `pattern.ParsePathPattern`
/// reads it: `glob:<pattern>` (doublestar), `regex:` / `regexp:` (unanchored), or else a
/// base folder that matches itself and everything below it.
struct GitPathPattern: Sendable {
    private enum Kind: Sendable {
        case glob(String)
        case regex(GoRegularExpression)
        case baseDirectory(String)
    }

    private let kind: Kind

    /// - Throws: the reason, when a `regex:` selector is not a valid RE2 expression.
    init(_ selector: String) throws(GitSelectionProblem) {
        if selector.hasPrefix("glob:") {
            kind = .glob(String(selector.dropFirst(5)))
        } else if selector.hasPrefix("regex:") || selector.hasPrefix("regexp:") {
            let pattern = String(selector.drop(while: { $0 != ":" }).dropFirst())
            kind = .regex(try GoRegularExpression(pattern))
        } else {
            kind = .baseDirectory(selector)
        }
    }

    func matches(_ path: String) -> Bool {
        switch kind {
        case .glob(let pattern): Glob.matches(pattern, path)
        case .regex(let regex): regex.matches(path)
        case .baseDirectory(let base): Self.isWithin(path, base: base)
        }
    }

    /// Kargo's `BaseDirMatcher`: `filepath.Rel(base, path)` succeeds and the result has no
    /// `..` in it (so, like Kargo, `apps/a..b` is not within `apps`).
    static func isWithin(_ path: String, base: String) -> Bool {
        guard let relative = goRelativePath(from: base, to: path) else { return false }
        return !relative.contains("..")
    }

    /// Go's `filepath.Rel` on Unix; nil where Go returns an error.
    static func goRelativePath(from basePath: String, to targetPath: String) -> String? {
        let base = goClean(basePath)
        let target = goClean(targetPath)
        if base == target { return "." }
        let baseParts = base == "." ? [] : base.split(separator: "/", omittingEmptySubsequences: false)
        let targetParts = target.split(separator: "/", omittingEmptySubsequences: false)
        if base.hasPrefix("/") != target.hasPrefix("/") { return nil }
        var common = 0
        while common < baseParts.count, common < targetParts.count, baseParts[common] == targetParts[common] {
            common += 1
        }
        if common < baseParts.count {
            if baseParts[common] == ".." { return nil }
            let ups = Array(repeating: "..", count: baseParts.count - common)
            return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
        }
        return targetParts[common...].joined(separator: "/")
    }

    /// Go's `path.Clean`: the shortest equivalent path (no `.`, resolved `..`, no doubled or
    /// trailing `/`); `.` for an empty result.
    static func goClean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// A regular expression as Go's `regexp.MatchString` uses it (unanchored search). Constructs
/// RE2 rejects are rejected here too, so what works in Freightline also works in Kargo.
struct GoRegularExpression: @unchecked Sendable {
    // Regex is immutable once built; it is only read.
    private let regex: Regex<AnyRegexOutput>
    let pattern: String

    init(_ pattern: String) throws(GitSelectionProblem) {
        if let unsupported = RE2Compatibility.unsupportedFeature(in: pattern) {
            throw GitSelectionProblem("invalid regular expression \(EscapedText.doubleQuoted(pattern)): \(unsupported)")
        }
        do {
            regex = try Regex(pattern).asciiOnlyCharacterClasses().matchingSemantics(.unicodeScalar)
        } catch {
            throw GitSelectionProblem("invalid regular expression \(EscapedText.doubleQuoted(pattern)): \(error)")
        }
        self.pattern = pattern
    }

    func matches(_ text: String) -> Bool {
        text.firstMatch(of: regex) != nil
    }
}
