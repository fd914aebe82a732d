import Pipeline

/// Reads every YAML file of a configuration source, keeps the documents that are Kargo
/// objects (and the Secrets, ConfigMaps and AnalysisTemplates beside them), checks each
/// against its schema, and decodes it into the typed model. Other documents are counted
/// and skipped: real GitOps repositories mix Kargo YAML with everything else.
public struct ManifestLoader {
    public var strict: Bool

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// Throws only when the source cannot be listed at all (a missing folder or ref);
    /// everything wrong inside the files becomes a diagnostic.
    public func load(from source: some ConfigSource) throws -> LoadedConfig {
        var sink = DiagnosticSink(strict: strict)
        var statistics = LoadStatistics()
        let entries = try source.files()

        var candidates: [Candidate] = []
        for entry in entries {
            if let refusal = entry.refusal {
                sink.error(at: .start(of: entry.displayPath), refusal)
                continue
            }
            if entry.size > YAMLReader.maxFileBytes {
                sink.error(at: .start(of: entry.displayPath),
                           "file is \(Self.megabytes(entry.size)) MB; the limit is \(YAMLReader.maxFileBytes / 1024 / 1024) MB per file (Kubernetes objects are at most ~1.5 MB), so it was not read")
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try source.read(entry)
            } catch {
                sink.error(at: .start(of: entry.displayPath), "\(error)")
                continue
            }
            statistics.files += 1
            statistics.bytes += bytes.count
            for document in YAMLReader.documents(from: bytes, file: entry.displayPath, sink: &sink) {
                statistics.documents += 1
                collect(document, into: &candidates, statistics: &statistics, sink: &sink)
            }
        }

        var builder = ConfigBuilder(sink: sink)
        builder.build(candidates)
        statistics.objects = builder.origins.count
        return LoadedConfig(config: builder.config, origins: builder.origins, diagnostics: builder.sink, statistics: statistics)
    }

    /// Sorts one document into Kargo objects to load, `List` items, or skipped kinds.
    private func collect(_ document: YAMLDocument, into candidates: inout [Candidate], statistics: inout LoadStatistics, sink: inout DiagnosticSink) {
        let root = document.root
        guard root.entries != nil else {
            let found = root.items != nil ? "a list" : "a single \(root.typeName) value"
            sink.error(at: document.location(of: .root),
                       "document \(document.index + 1) is \(found); a Kubernetes object is a mapping with `apiVersion`, `kind` and `metadata`")
            return
        }
        if root["kind"]?.string == "List", root["apiVersion"]?.string == "v1", let items = root["items"]?.items {
            for index in items.indices {
                let prefix: FieldPath = ["items", .index(index)]
                classify(ObjectOrigin(document: document, prefix: prefix), into: &candidates, statistics: &statistics, sink: &sink)
            }
            return
        }
        classify(ObjectOrigin(document: document), into: &candidates, statistics: &statistics, sink: &sink)
    }

    private func classify(_ origin: ObjectOrigin, into candidates: inout [Candidate], statistics: inout LoadStatistics, sink: inout DiagnosticSink) {
        let node = origin.node
        guard node.entries != nil else {
            sink.error(at: origin.location(of: .root), path: origin.prefix, "list item is \(node.typeName); a Kubernetes object is a mapping")
            return
        }
        guard let apiVersion = node["apiVersion"]?.string, let kind = node["kind"]?.string else {
            statistics.skipped["not a Kubernetes object", default: 0] += 1
            return
        }
        switch KindIdentification.identify(apiVersion: apiVersion, kind: kind) {
        case .load(let kargoKind):
            candidates.append(Candidate(kind: kargoKind, apiVersion: apiVersion, origin: origin))
        case .projectNamespace:
            candidates.append(Candidate(kind: .project, apiVersion: apiVersion, origin: origin, fromNamespace: true))
        case .skip:
            statistics.skipped["\(apiVersion) \(kind)", default: 0] += 1
        case .unknownKargoKind(let known):
            sink.warning(at: origin.location(of: ["kind"]), path: origin.fullPath(["kind"]),
                         "unknown kind `\(kind)` in \(apiVersion); kinds known to Freightline: \(known) (skipped)")
            statistics.skipped["\(apiVersion) \(kind)", default: 0] += 1
        case .unsupportedVersion(let supported):
            sink.warning(at: origin.location(of: ["apiVersion"]), path: origin.fullPath(["apiVersion"]),
                         "`\(apiVersion)` is not a version Freightline reads for \(kind); use \(supported) (skipped)")
            statistics.skipped["\(apiVersion) \(kind)", default: 0] += 1
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format1: Double(bytes) / 1_048_576)
    }
}

/// A document (or List item) that holds an object Freightline loads.
struct Candidate {
    var kind: KargoKind
    var apiVersion: String
    var origin: ObjectOrigin
    /// A `Namespace` labelled `kargo.akuity.io/project: "true"`: how Kargo before v0.6
    /// declared a Project.
    var fromNamespace = false
}

extension String {
    /// One decimal place, without Foundation's formatting.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
