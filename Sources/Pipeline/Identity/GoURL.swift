/// The parts of Go 1.26's `net/url` (`Parse`, `URL.String`, `Query`) that Kargo's URL
/// normalization runs through, on bytes as Go does, so odd inputs come out byte for byte
/// as Kargo's do (strict colons in hosts, IPv6-only brackets, RawPath hints).
struct GoURL: Equatable {
    typealias Bytes = [UInt8]

    var scheme: Bytes = []
    var opaque: Bytes = []
    var user: GoUserinfo?
    var host: Bytes = []
    var path: Bytes = []
    var rawPath: Bytes = []
    var omitHost = false
    var forceQuery = false
    var rawQuery: Bytes = []
    var fragment: Bytes = []
    var rawFragment: Bytes = []

    /// `url.Parse`: nil wherever Go returns an error.
    static func parse(_ raw: Bytes) -> GoURL? {
        let (u, frag, _) = cut(raw, at: ascii("#"))
        guard var url = parseWithoutFragment(u) else { return nil }
        if frag.isEmpty { return url }
        guard let f = unescape(frag, .fragment) else { return nil }
        url.fragment = f
        url.rawFragment = escape(f, .fragment) == frag ? [] : frag
        return url
    }

    private static func parseWithoutFragment(_ raw: Bytes) -> GoURL? {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return nil }
        var url = GoURL()
        if raw == [ascii("*")] {
            url.path = raw
            return url
        }
        guard let (scheme, afterScheme) = splitScheme(raw) else { return nil }
        url.scheme = scheme.map(asciiLower)
        var rest = afterScheme
        if rest.last == ascii("?"), rest.count(where: { $0 == ascii("?") }) == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else {
            (rest, url.rawQuery, _) = cut(rest, at: ascii("?"))
        }
        if rest.first != ascii("/") {
            if !url.scheme.isEmpty {
                url.opaque = rest
                return url
            }
            // A relative path whose first segment has a colon would read as a scheme.
            if cut(rest, at: ascii("/")).before.contains(ascii(":")) { return nil }
        }
        if (!url.scheme.isEmpty || !rest.starts(with: Array("///".utf8))) && rest.starts(with: Array("//".utf8)) {
            let (authority, remainder) = splitAuthority(Array(rest.dropFirst(2)))
            guard let (user, host) = parseAuthority(scheme: url.scheme, authority) else { return nil }
            url.user = user
            url.host = host
            rest = remainder
        } else if !url.scheme.isEmpty, rest.first == ascii("/") {
            url.omitHost = true
        }
        guard let unescaped = unescape(rest, .path) else { return nil }
        url.path = unescaped
        url.rawPath = escape(unescaped, .path) == rest ? [] : rest
        return url
    }

    /// `getScheme`: `[a-zA-Z][a-zA-Z0-9+.-]*:`, or no scheme; nil for a leading colon.
    private static func splitScheme(_ raw: Bytes) -> (Bytes, Bytes)? {
        for (i, c) in raw.enumerated() {
            switch c {
            case ascii("a")...ascii("z"), ascii("A")...ascii("Z"):
                continue
            case ascii("0")...ascii("9"), ascii("+"), ascii("-"), ascii("."):
                if i == 0 { return ([], raw) }
            case ascii(":"):
                if i == 0 { return nil }
                return (Array(raw[..<i]), Array(raw[(i + 1)...]))
            default:
                return ([], raw)
            }
        }
        return ([], raw)
    }

    private static func splitAuthority(_ s: Bytes) -> (Bytes, Bytes) {
        guard let i = s.firstIndex(of: ascii("/")) else { return (s, []) }
        return (Array(s[..<i]), Array(s[i...]))
    }

    private static func parseAuthority(scheme: Bytes, _ authority: Bytes) -> (GoUserinfo?, Bytes)? {
        let at = authority.lastIndex(of: ascii("@"))
        let hostPart = at.map { Array(authority[($0 + 1)...]) } ?? authority
        guard let host = parseHost(scheme: scheme, hostPart) else { return nil }
        guard let at else { return (nil, host) }
        let userinfo = Array(authority[..<at])
        guard validUserinfo(userinfo) else { return nil }
        if !userinfo.contains(ascii(":")) {
            guard let name = unescape(userinfo, .userPassword) else { return nil }
            return (GoUserinfo(username: name, password: nil), host)
        }
        let (rawName, rawPassword, _) = cut(userinfo, at: ascii(":"))
        guard let name = unescape(rawName, .userPassword),
              let password = unescape(rawPassword, .userPassword) else { return nil }
        return (GoUserinfo(username: name, password: password), host)
    }

    private static func validUserinfo(_ s: Bytes) -> Bool {
        let allowed = Array("-._:~!$&'()*+,;=%@".utf8)
        return s.allSatisfy { isAlphanumeric($0) || allowed.contains($0) }
    }

    /// `parseHost` of Go 1.26: brackets only around an IPv6 address, and the first colon
    /// (the last one for postgres, which lists several hosts) starts a digits-only port.
    private static func parseHost(scheme: Bytes, _ host: Bytes) -> Bytes? {
        if let open = host.lastIndex(of: ascii("[")) {
            guard open == 0, let close = host.lastIndex(of: ascii("]")) else { return nil }
            let colonPort = Array(host[(close + 1)...])
            guard validOptionalPort(colonPort), let port = unescape(colonPort, .host) else { return nil }
            let name = Array(host[1..<close])
            var unescaped: Bytes
            if let zone = firstRange(of: Array("%25".utf8), in: name) {
                guard let head = unescape(Array(name[..<zone]), .host),
                      let tail = unescape(Array(name[zone...]), .zone) else { return nil }
                unescaped = head + tail
            } else {
                guard let plain = unescape(name, .host) else { return nil }
                unescaped = plain
            }
            guard GoIPv6.isValidIPv6Literal(unescaped) else { return nil }
            return [ascii("[")] + unescaped + [ascii("]")] + port
        }
        if var colon = host.firstIndex(of: ascii(":")) {
            if scheme == Array("postgres".utf8) || scheme == Array("postgresql".utf8) {
                colon = host.lastIndex(of: ascii(":")) ?? colon
            }
            guard validOptionalPort(Array(host[colon...])) else { return nil }
        }
        return unescape(host, .host)
    }

    private static func validOptionalPort(_ port: Bytes) -> Bool {
        guard let first = port.first else { return true }
        return first == ascii(":") && port.dropFirst().allSatisfy { ascii("0")...ascii("9") ~= $0 }
    }

    /// `URL.String`.
    var string: Bytes {
        var buf: Bytes = []
        if !scheme.isEmpty {
            buf += scheme + [ascii(":")]
        }
        if !opaque.isEmpty {
            buf += opaque
        } else {
            if (!scheme.isEmpty || !host.isEmpty || user != nil) && !(omitHost && host.isEmpty && user == nil) {
                if !host.isEmpty || !path.isEmpty || user != nil {
                    buf += Array("//".utf8)
                }
                if let user {
                    buf += Self.escape(user.username, .userPassword)
                    if let password = user.password {
                        buf += [ascii(":")] + Self.escape(password, .userPassword)
                    }
                    buf.append(ascii("@"))
                }
                buf += Self.escape(host, .host)
            }
            let escapedPath = Self.escapedForm(raw: rawPath, decoded: path, .path)
            if let first = escapedPath.first, first != ascii("/"), !host.isEmpty {
                buf.append(ascii("/"))
            }
            if buf.isEmpty, Self.cut(escapedPath, at: ascii("/")).before.contains(ascii(":")) {
                buf += Array("./".utf8)
            }
            buf += escapedPath
        }
        if forceQuery || !rawQuery.isEmpty {
            buf += [ascii("?")] + rawQuery
        }
        if !fragment.isEmpty {
            buf += [ascii("#")] + Self.escapedForm(raw: rawFragment, decoded: fragment, .fragment)
        }
        return buf
    }

    /// `EscapedPath` / `EscapedFragment`: the raw hint while it still decodes to the value.
    private static func escapedForm(raw: Bytes, decoded: Bytes, _ mode: Mode) -> Bytes {
        if !raw.isEmpty, validEncoded(raw, mode), unescape(raw, mode) == decoded {
            return raw
        }
        if mode == .path, decoded == [ascii("*")] { return decoded }
        return escape(decoded, mode)
    }

    private static func validEncoded(_ s: Bytes, _ mode: Mode) -> Bool {
        let allowed = Array("!$&'()*+,;=:@[]%".utf8)
        return s.allSatisfy { allowed.contains($0) || !shouldEscape($0, mode) }
    }

    /// Whether `Query()` finds any parameter (`ParseQuery` keeps the well-formed ones and
    /// gives up on more than 10,000).
    var hasQueryValues: Bool {
        if rawQuery.isEmpty { return false }
        if rawQuery.count(where: { $0 == ascii("&") }) + 1 > 10_000 { return false }
        for part in rawQuery.split(separator: ascii("&"), omittingEmptySubsequences: false) {
            if part.isEmpty || part.contains(ascii(";")) { continue }
            let (key, value, _) = Self.cut(Array(part), at: ascii("="))
            if Self.unescape(key, .queryComponent) != nil, Self.unescape(value, .queryComponent) != nil {
                return true
            }
        }
        return false
    }

    // MARK: Escaping

    enum Mode { case path, host, zone, userPassword, queryComponent, fragment }

    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        if isAlphanumeric(c) { return false }
        if mode == .host || mode == .zone, Array("!$&'()*+,;=:[]<>\"".utf8).contains(c) {
            return false
        }
        if Array("-_.~".utf8).contains(c) { return false }
        if Array("$&+,/:;=?@".utf8).contains(c) {
            switch mode {
            case .path: return c == ascii("?")
            case .userPassword: return Array("@/?:".utf8).contains(c)
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: break
            }
        }
        if mode == .fragment, Array("!()*".utf8).contains(c) { return false }
        return true
    }

    /// `unescape`: nil for a malformed `%` escape or, in a host, a byte hosts cannot hold.
    static func unescape(_ s: Bytes, _ mode: Mode) -> Bytes? {
        var out: Bytes = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case ascii("%"):
                guard i + 2 < s.count, let high = hexValue(s[i + 1]), let low = hexValue(s[i + 2]) else {
                    return nil
                }
                let isPercent25 = s[i + 1] == ascii("2") && s[i + 2] == ascii("5")
                if mode == .host, high < 8, !isPercent25 { return nil }
                let byte = high << 4 | low
                if mode == .zone, !isPercent25, byte != ascii(" "), shouldEscape(byte, .host) { return nil }
                out.append(byte)
                i += 3
            case ascii("+"):
                out.append(mode == .queryComponent ? ascii(" ") : c)
                i += 1
            default:
                if mode == .host || mode == .zone, c < 0x80, shouldEscape(c, mode) { return nil }
                out.append(c)
                i += 1
            }
        }
        return out
    }

    static func escape(_ s: Bytes, _ mode: Mode) -> Bytes {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: Bytes = []
        out.reserveCapacity(s.count)
        for c in s {
            if c == ascii(" "), mode == .queryComponent {
                out.append(ascii("+"))
            } else if shouldEscape(c, mode) {
                out += [ascii("%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
            } else {
                out.append(c)
            }
        }
        return out
    }

    // MARK: Bytes

    static func cut(_ s: Bytes, at separator: UInt8) -> (before: Bytes, after: Bytes, found: Bool) {
        guard let i = s.firstIndex(of: separator) else { return (s, [], false) }
        return (Array(s[..<i]), Array(s[(i + 1)...]), true)
    }

    static func firstRange(of needle: Bytes, in haystack: Bytes) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case ascii("0")...ascii("9"): c - ascii("0")
        case ascii("a")...ascii("f"): c - ascii("a") + 10
        case ascii("A")...ascii("F"): c - ascii("A") + 10
        default: nil
        }
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (ascii("a")...ascii("z")).contains(c) || (ascii("A")...ascii("Z")).contains(c)
            || (ascii("0")...ascii("9")).contains(c)
    }

    static func asciiLower(_ c: UInt8) -> UInt8 {
        (ascii("A")...ascii("Z")).contains(c) ? c + 32 : c
    }
}

/// `url.Userinfo`: a username and, when a colon was written, a password.
struct GoUserinfo: Equatable {
    var username: [UInt8]
    var password: [UInt8]?
}

@inline(__always) fileprivate func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }

/// `netip.ParseAddr`, as far as `net/url` asks it: is this a valid IPv6 address (with an
/// optional zone), not an IPv4 one?
enum GoIPv6 {
    static func isValidIPv6Literal(_ input: [UInt8]) -> Bool {
        for c in input {
            switch c {
            case ascii("."): return false  // IPv4 (valid or not) is refused either way
            case ascii(":"): return parseIPv6(input)
            case ascii("%"): return false
            default: continue
            }
        }
        return false
    }

    private static func parseIPv6(_ input: [UInt8]) -> Bool {
        var s = input[...]
        if let percent = input.firstIndex(of: ascii("%")) {
            if percent == input.count - 1 { return false }
            s = input[..<percent]
        }
        var ellipsis = -1
        if s.starts(with: Array("::".utf8)) {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return true }
        }
        var i = 0
        while i < 16 {
            var off = 0
            var acc = 0
            while off < s.count, let digit = GoURL.hexValue(s[s.startIndex + off]) {
                acc = acc << 4 + Int(digit)
                if off > 3 || acc > 0xFFFF { return false }
                off += 1
            }
            if off == 0 { return false }
            if off < s.count, s[s.startIndex + off] == ascii(".") {
                if ellipsis < 0 && i != 12 { return false }
                if i + 4 > 16 { return false }
                guard isValidIPv4(Array(s)) else { return false }
                s = s.dropFirst(s.count)
                i += 4
                break
            }
            i += 2
            s = s.dropFirst(off)
            if s.isEmpty { break }
            if s.first != ascii(":") || s.count == 1 { return false }
            s = s.dropFirst()
            if s.first == ascii(":") {
                if ellipsis >= 0 { return false }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return false }
        return i < 16 ? ellipsis >= 0 : ellipsis < 0
    }

    /// `parseIPv4Fields`: four dot-separated decimal fields, each 0-255 without leading zeros.
    private static func isValidIPv4(_ s: [UInt8]) -> Bool {
        var value = 0, fields = 0, digits = 0
        for (i, c) in s.enumerated() {
            if (ascii("0")...ascii("9")).contains(c) {
                if digits == 1 && value == 0 { return false }
                value = value * 10 + Int(c - ascii("0"))
                digits += 1
                if value > 255 { return false }
            } else if c == ascii(".") {
                if i == 0 || i == s.count - 1 || s[i - 1] == ascii(".") { return false }
                if fields == 3 { return false }
                fields += 1
                value = 0
                digits = 0
            } else {
                return false
            }
        }
        return fields == 3
    }
}
