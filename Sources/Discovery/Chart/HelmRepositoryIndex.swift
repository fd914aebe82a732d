import Manifests

/// The part of a classic Helm repository's `index.yaml` discovery reads: the versions listed
/// for one chart (`entries.<name>[].version`). Read with the project's YAML reader, so a
/// broken index is reported with the line and column where it breaks.
public enum HelmRepositoryIndex {
    /// The versions listed for `chart`, in the index's order, as written (a plain `1.10`
    /// stays `1.10`, as Go's YAML library gives it to Kargo's string field). Nil when the
    /// index has no entry for `chart`. `file` names the index in positions (its URL).
    public static func versions(
        of chart: String, in bytes: [UInt8], file: String
    ) throws(HelmIndexProblem) -> (versions: [String]?, charts: [String]) {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        var sink = DiagnosticSink()
        let documents = YAMLReader.documents(from: body, file: file, sink: &sink)
        if let problem = sink.sorted.first(where: { $0.severity == .error }) {
            throw HelmIndexProblem(problem.message, at: problem.location)
        }
        guard let root = documents.first?.root else {
            throw HelmIndexProblem("the index holds no YAML document; a Helm repository index is a mapping with apiVersion and entries", at: .start(of: file))
        }
        guard root.entries != nil else {
            throw HelmIndexProblem("the index is a \(root.typeName), expected a mapping with apiVersion and entries", at: location(root, file))
        }
        guard let entries = root["entries"], case let .mapping(charts) = entries.value else {
            if let entries = root["entries"], case .null = entries.value { return (nil, []) }
            if let entries = root["entries"] {
                throw HelmIndexProblem("`entries` is a \(entries.typeName), expected a mapping of chart names to lists of chart versions", at: location(entries, file))
            }
            return (nil, [])
        }
        let names = charts.map(\.key)
        guard let listed = charts.last(where: { $0.key == chart })?.value else { return (nil, names) }
        if case .null = listed.value { return ([], names) }
        guard let items = listed.items else {
            throw HelmIndexProblem("`entries.\(chart)` is a \(listed.typeName), expected a list of chart versions", at: location(listed, file))
        }
        var versions: [String] = []
        versions.reserveCapacity(items.count)
        for item in items {
            guard item.entries != nil else {
                throw HelmIndexProblem("an item of `entries.\(chart)` is a \(item.typeName), expected a mapping with name and version", at: location(item, file))
            }
            // Kargo skips entries whose version is missing or not SemVer; so does selection.
            guard let version = item["version"], let text = scalarText(version, in: body) else { continue }
            versions.append(text)
        }
        return (versions, names)
    }

    private static func location(_ node: YAMLNode, _ file: String) -> FileLocation {
        FileLocation(file: file, line: node.line, column: node.column)
    }

    /// A scalar as written: plain numbers keep their spelling (`1.10`, not 1.1).
    private static func scalarText(_ node: YAMLNode, in body: [UInt8]) -> String? {
        switch node.value {
        case .string(let text): return text
        case .sequence, .mapping, .null: return nil
        case .bool, .int, .double:
            if node.style == .plain, node.startOffset < node.endOffset, node.endOffset <= body.count {
                return String(decoding: body[node.startOffset..<node.endOffset], as: UTF8.self)
            }
            return node.scalarText
        }
    }
}

/// Why an index could not be read, and where.
public struct HelmIndexProblem: Error, Sendable, Hashable {
    public var message: String
    public var location: FileLocation

    public init(_ message: String, at location: FileLocation) {
        self.message = message
        self.location = location
    }
}
