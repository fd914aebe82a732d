import Foundation

/// A `WWW-Authenticate` challenge: `Basic realm="…"` or
/// `Bearer realm="https://…/token",service="…",scope="repository:app:pull"`.
struct RegistryChallenge: Sendable, Hashable {
    /// Lowercased: `basic`, `bearer`.
    var scheme: String
    /// Keys lowercased.
    var parameters: [String: String]

    init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Parses one challenge; nil when the header names no scheme.
    init?(header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        let scheme = trimmed.prefix { !$0.isWhitespace }
        guard !scheme.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        var rest = trimmed.dropFirst(scheme.count)[...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = value
        }
        self.init(scheme: scheme.lowercased(), parameters: parameters)
    }
}

/// Pagination of `tags/list`: the `rel="next"` target of a `Link` header.
enum RegistryLink {
    /// `</v2/app/tags/list?n=2&last=b>; rel="next"` → the target, made absolute against `origin`.
    static func next(_ header: String, origin: String) -> String? {
        for part in header.split(separator: ",") {
            guard part.contains("rel=\"next\"") || part.contains("rel=next"),
                  let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            let target = String(part[part.index(after: open)..<close])
            return target.hasPrefix("/") ? origin + target : target
        }
        return nil
    }
}

/// The `Authorization` header values learned during one run, per repository (a bearer
/// token's scope is one repository), so each challenge is answered once.
public actor RegistryAuthorizations {
    private var values: [String: String] = [:]

    public init() {}

    func value(for key: String) -> String? { values[key] }

    func set(_ value: String?, for key: String) { values[key] = value }
}
