import Foundation

/// Reads the shared YAML corpus for lines holding expressions; tests only, so Foundation is fine.
enum CorpusFiles {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func templateLines(under root: String) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [(String, String)] = []
        for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            guard let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.contains("${{") {
                found.append((path, String(line)))
            }
        }
        return found
    }
}
