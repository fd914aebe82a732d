/// Kargo's canonical forms of repository URLs (`pkg/urls`). Freight names hash these forms,
/// so every rule, odd cases included, must match Kargo's Go code byte for byte.
public enum RepositoryURL {
    /// `urls.NormalizeGit`: lowercased; for http(s) userinfo dropped; trailing `/` then `.git`
    /// trimmed; scp-style `[user@]host[:path]` becomes `ssh://[user@]host[/path]`. Anything it
    /// cannot read (a query, a malformed URL) comes back exactly as given.
    public static func normalizeGit(_ repo: String) -> String {
        let lowered = sanitize(goLowercased(repo))
        let bytes = Array(lowered.utf8)
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("ssh://") {
            guard var url = GoURL.parse(bytes), !url.hasQueryValues else { return repo }
            if !lowered.hasPrefix("ssh://") { url.user = nil }
            url.path = trimmingRepositorySuffixes(url.path)
            return String(decoding: url.string, as: UTF8.self)
        }
        guard let (userHost, path) = scpParts(bytes), var pathURL = GoURL.parse(path) else { return repo }
        pathURL.path = trimmingRepositorySuffixes(pathURL.path)
        let host = String(decoding: userHost, as: UTF8.self)
        if pathURL.path.isEmpty { return "ssh://\(host)" }
        return "ssh://\(host)/\(String(decoding: pathURL.string, as: UTF8.self))"
    }

    /// `urls.NormalizeChart`: lowercased, an `oci://` prefix dropped, then read as an image
    /// repository; what is no image reference (an `https://` chart repository) stays lowercased.
    public static func normalizeChart(_ repo: String) -> String {
        let sanitized = sanitize(repo)
        guard GoURL.parse(Array(sanitized.utf8)) != nil else { return repo }
        var lowered = goLowercased(sanitized)
        if lowered.hasPrefix("oci://") { lowered.removeFirst(6) }
        return normalizeImage(lowered)
    }

    /// `urls.NormalizeImage`: Docker Hub's `docker.io`, `index.docker.io`,
    /// `registry-1.docker.io` and `library/` dropped; other registries kept; input that is not
    /// an image reference (go-containerregistry, weak validation) comes back as given.
    public static func normalizeImage(_ repoURL: String) -> String {
        let lowered = sanitize(goLowercased(repoURL))
        guard let (registry, repository) = ImageReference.parse(lowered) else { return repoURL }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" {
            return repository.hasPrefix("library/") ? String(repository.dropFirst(8)) : repository
        }
        return "\(registry)/\(repository)"
    }

    // MARK: Go's string handling

    /// `urls.SanitizeURL`: non-printable runes (Go's `unicode.IsPrint`) removed anywhere,
    /// then surrounding spaces trimmed (the only white space `IsPrint` keeps is U+0020).
    static func sanitize(_ s: String) -> String {
        var printable = s.unicodeScalars.filter(isGoPrintable)[...]
        while printable.first == " " { printable.removeFirst() }
        while printable.last == " " { printable.removeLast() }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: printable)
        return String(scalars)
    }

    private static func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `strings.ToLower`: the simple one-rune mapping per rune (İ becomes i, not i̇).
    static func goLowercased(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                scalars.append(Unicode.Scalar(GoURL.asciiLower(UInt8(scalar.value))))
                continue
            }
            let mapped = scalar.properties.lowercaseMapping.unicodeScalars
            if mapped.count == 1, let only = mapped.first {
                scalars.append(only)
            } else if scalar == "\u{130}" {
                scalars.append("i")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Kargo trims one trailing `/`, then one `.git`, from the decoded path.
    private static func trimmingRepositorySuffixes(_ path: [UInt8]) -> [UInt8] {
        var path = path
        if path.last == UInt8(ascii: "/") { path.removeLast() }
        if path.count >= 4, path.suffix(4).elementsEqual(".git".utf8) { path.removeLast(4) }
        return path
    }

    /// Kargo's `^((?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*)(?::(.*))?$` (RE2, `\w` is ASCII): the
    /// `[user@]host` and the path after the first colon, empty when there is none.
    private static func scpParts(_ s: [UInt8]) -> ([UInt8], [UInt8])? {
        func isWord(_ c: UInt8) -> Bool { GoURL.isAlphanumeric(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") }
        let colon = s.firstIndex(of: UInt8(ascii: ":")) ?? s.endIndex
        let userHost = Array(s[..<colon])
        let path = colon < s.endIndex ? Array(s[(colon + 1)...]) : []
        if path.contains(UInt8(ascii: "\n")) { return nil }
        var host = userHost[...]
        if let at = userHost.firstIndex(of: UInt8(ascii: "@")) {
            let user = userHost[..<at]
            guard !user.isEmpty, user.allSatisfy(isWord) else { return nil }
            host = userHost[(at + 1)...]
        }
        let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isWord) }) else { return nil }
        return (userHost, path)
    }
}

/// go-containerregistry's `name.ParseReference` with weak validation, reduced to what
/// Kargo reads from it: the registry and the repository path (with Docker Hub's `library/`).
enum ImageReference {
    static let defaultRegistry = "index.docker.io"
    private static let repositoryChars = Set("abcdefghijklmnopqrstuvwxyz0123456789_-./".unicodeScalars)
    private static let tagChars = Set("abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)

    /// A tag reference first, then a digest reference, as `ParseReference` tries them.
    static func parse(_ s: String) -> (registry: String, repository: String)? {
        parseTag(s) ?? parseDigest(s)
    }

    private static func parseTag(_ name: String) -> (registry: String, repository: String)? {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        var base = Substring(name)
        if parts.count > 1, let tag = parts.last, !tag.contains("/") {
            guard !tag.isEmpty, isElement(tag, allowed: tagChars, min: 1, max: 128) else { return nil }
            base = name[..<tag.startIndex].dropLast()
        }
        return parseRepository(String(base))
    }

    private static func parseDigest(_ name: String) -> (registry: String, repository: String)? {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let digest = parts[1]
        guard digest.hasPrefix("sha256:") else { return nil }
        let hex = digest.dropFirst(7).utf8
        guard hex.count == 64, hex.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            return nil
        }
        var base = String(parts[0])
        if let tagged = parseTag(base) { base = "\(tagged.registry)/\(tagged.repository)" }
        return parseRepository(base)
    }

    /// `NewRepository`: the first path element is the registry when it is `localhost` or
    /// holds a `.` or `:`; otherwise the repository is on Docker Hub.
    private static func parseRepository(_ name: String) -> (registry: String, repository: String)? {
        guard !name.isEmpty else { return nil }
        var registry = ""
        var repository = Substring(name)
        if let slash = name.firstIndex(of: "/") {
            let candidate = name[..<slash]
            if candidate == "localhost" || candidate.contains(".") || candidate.contains(":") {
                registry = String(candidate)
                repository = name[name.index(after: slash)...]
            }
        }
        guard isElement(repository, allowed: repositoryChars, min: 1, max: 255) else { return nil }
        guard isValidRegistry(registry) else { return nil }
        if registry.isEmpty || registry == "docker.io" { registry = defaultRegistry }
        if registry == defaultRegistry && !repository.contains("/") {
            return (registry, "library/\(repository)")
        }
        return (registry, String(repository))
    }

    /// `checkRegistry`: `url.Parse("//" + name)` must succeed with exactly `name` as its host.
    private static func isValidRegistry(_ name: String) -> Bool {
        guard let url = GoURL.parse(Array("//\(name)".utf8)) else { return false }
        return url.host == Array(name.utf8)
    }

    private static func isElement(_ s: Substring, allowed: Set<Unicode.Scalar>, min: Int, max: Int) -> Bool {
        let count = s.unicodeScalars.count
        return count >= min && count <= max && s.unicodeScalars.allSatisfy(allowed.contains)
    }
}
