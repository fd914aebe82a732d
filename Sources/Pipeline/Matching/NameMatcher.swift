/// Kargo's name patterns (`pkg/pattern`): an exact name, `glob:<pattern>` (doublestar
/// semantics), or `regex:` / `regexp:` followed by an unanchored regular expression.
public struct NameMatcher: Sendable {
    private enum Kind: Sendable {
        case exact(String)
        case glob(String)
        case regex(String)
    }

    private let kind: Kind

    public init(_ pattern: String) {
        if pattern.hasPrefix("glob:") {
            kind = .glob(String(pattern.dropFirst(5)))
        } else if pattern.hasPrefix("regex:") {
            kind = .regex(String(pattern.dropFirst(6)))
        } else if pattern.hasPrefix("regexp:") {
            kind = .regex(String(pattern.dropFirst(7)))
        } else {
            kind = .exact(pattern)
        }
    }

    /// A pattern that cannot compile matches nothing (validation reports it).
    public func matches(_ name: String) -> Bool {
        switch kind {
        case .exact(let pattern): return pattern == name
        case .glob(let pattern): return Glob.matches(pattern, name)
        case .regex(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return name.contains(regex)
        }
    }
}

/// Glob matching with doublestar rules: `*` and `?` stay within a path segment, `**`
/// crosses segments, `[...]` classes (with `!`/`^` negation and ranges), `{a,b}`
/// alternatives, and `\` escapes.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        for expanded in expandBraces(pattern) {
            if match(Array(expanded.unicodeScalars), 0, Array(text.unicodeScalars), 0) { return true }
        }
        return false
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ t: [Unicode.Scalar], _ ti: Int) -> Bool {
        var pi = pi, ti = ti
        while pi < p.count {
            let c = p[pi]
            switch c {
            case "*":
                let doubleStar = pi + 1 < p.count && p[pi + 1] == "*"
                if doubleStar {
                    var next = pi + 2
                    if next < p.count && p[next] == "/" { next += 1 }
                    // `**` matches zero or more whole segments.
                    var k = ti
                    while true {
                        if match(p, next, t, k) { return true }
                        if k >= t.count { return false }
                        k += 1
                    }
                }
                var k = ti
                while true {
                    if match(p, pi + 1, t, k) { return true }
                    if k >= t.count || t[k] == "/" { return false }
                    k += 1
                }
            case "?":
                guard ti < t.count, t[ti] != "/" else { return false }
                pi += 1; ti += 1
            case "[":
                guard ti < t.count, let (matched, end) = matchClass(p, pi, t[ti]) else { return false }
                guard matched else { return false }
                pi = end; ti += 1
            case "\\" where pi + 1 < p.count:
                guard ti < t.count, t[ti] == p[pi + 1] else { return false }
                pi += 2; ti += 1
            default:
                guard ti < t.count, t[ti] == c else { return false }
                pi += 1; ti += 1
            }
        }
        return ti == t.count
    }

    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ ch: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            var low = p[i]
            if low == "\\" && i + 1 < p.count { i += 1; low = p[i] }
            var high = low
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                high = p[i + 2]
                i += 2
            }
            if low.value <= ch.value && ch.value <= high.value { matched = true }
            i += 1
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }

    /// `{a,b}c` → `ac`, `bc`; nested braces expand recursively.
    static func expandBraces(_ pattern: String) -> [String] {
        let scalars = Array(pattern)
        var depth = 0
        var open: Int?
        for (index, character) in scalars.enumerated() {
            if character == "{" {
                if depth == 0 { open = index }
                depth += 1
            } else if character == "}" && depth > 0 {
                depth -= 1
                if depth == 0, let start = open {
                    let prefix = String(scalars[..<start])
                    let suffix = String(scalars[(index + 1)...])
                    var options: [String] = []
                    var current = ""
                    var level = 0
                    for inner in scalars[(start + 1)..<index] {
                        if inner == "," && level == 0 { options.append(current); current = ""; continue }
                        if inner == "{" { level += 1 }
                        if inner == "}" { level -= 1 }
                        current.append(inner)
                    }
                    options.append(current)
                    return options.flatMap { expandBraces(prefix + $0 + suffix) }
                }
            }
        }
        return [pattern]
    }
}
