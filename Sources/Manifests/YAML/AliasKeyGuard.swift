/// Spots an alias used as a mapping key (`*bomb: x`) before parsing. The YAML library
/// hashes keys to find duplicates, and hashing an alias to a deeply shared structure is
/// exponential; real Kubernetes YAML never needs an alias as a key.
enum AliasKeyGuard {
    static func firstAliasKey(in text: String) -> (line: Int, column: Int)? {
        guard text.utf8.contains(UInt8(ascii: "*")) && text.utf8.contains(UInt8(ascii: "&")) else { return nil }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var rest = line.drop { $0 == " " || $0 == "\t" }
            // Block sequence entries and explicit keys may come first: `- ? *a : b`.
            while let first = rest.first, first == "-" || first == "?" || first == "{" || first == "," {
                let after = rest.dropFirst()
                guard after.first == " " || after.first == "\t" || first == "{" || first == "," else { break }
                rest = after.drop { $0 == " " || $0 == "\t" }
            }
            guard rest.first == "*" else { continue }
            let name = rest.dropFirst().prefix { !" \t,:[]{}".contains($0) }
            let after = rest.dropFirst(1 + name.count).drop { $0 == " " || $0 == "\t" }
            if !name.isEmpty, after.first == ":" {
                let column = line.distance(from: line.startIndex, to: rest.startIndex) + 1
                return (lineNumber, column)
            }
        }
        return nil
    }
}
