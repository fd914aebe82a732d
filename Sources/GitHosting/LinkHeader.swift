import Foundation

/// RFC 8288 `Link` headers as GitHub sends them for pagination:
/// `<https://api.github.com/…&page=2>; rel="next", <…&page=5>; rel="last"`.
package enum LinkHeader {
    /// The target of the link whose `rel` includes `relation`, if any.
    package static func target(of relation: String, in header: String) -> String? {
        for link in splitLinks(header) {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, first.hasPrefix("<"), first.hasSuffix(">") else { continue }
            let relations = parts.dropFirst().compactMap { parameter -> [String]? in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { return nil }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.split(separator: " ").map { $0.lowercased() }
            }.flatMap { $0 }
            if relations.contains(relation.lowercased()) { return String(first.dropFirst().dropLast()) }
        }
        return nil
    }

    /// Splits at commas outside `<…>` (a URL may itself contain commas).
    private static func splitLinks(_ header: String) -> [String] {
        var links: [String] = []
        var current = ""
        var insideURL = false
        for character in header {
            switch character {
            case "<": insideURL = true; current.append(character)
            case ">": insideURL = false; current.append(character)
            case "," where !insideURL:
                links.append(current)
                current = ""
            default: current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { links.append(current) }
        return links.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
