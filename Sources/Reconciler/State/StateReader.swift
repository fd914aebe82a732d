import Manifests
import Pipeline

/// Reads state objects out of YAML files in any layout: the canonical one, hand-written
/// files, or `kubectl get -o yaml` exports (single objects or a `List`).
struct StateReader {
    var sink = DiagnosticSink()
    var state = PipelineState()
    private var seen: [String: FileLocation] = [:]

    mutating func read(_ bytes: [UInt8], file: String) {
        for document in YAMLReader.documents(from: bytes, file: file, sink: &sink) {
            let root = document.root
            if root["kind"]?.string == "List", let items = root["items"]?.items {
                for index in items.indices {
                    add(ObjectOrigin(document: document, prefix: ["items", .index(index)]))
                }
            } else {
                add(ObjectOrigin(document: document))
            }
        }
    }

    private mutating func add(_ origin: ObjectOrigin) {
        let node = origin.node
        guard node.entries != nil else {
            sink.error(at: origin.location(of: .root), path: origin.prefix, "a state object must be a mapping with `apiVersion` and `kind`")
            return
        }
        let kind = node["kind"]?.string ?? ""
        let apiVersion = node["apiVersion"]?.string ?? ""
        do {
            switch (apiVersion, kind) {
            case ("kargo.akuity.io/v1alpha1", "Freight"):
                let freight = try NodeDecoder().decode(Freight.self, from: node)
                guard unique("Freight", freight.metadata, origin) else { return }
                checkName(freight, origin)
                state.freight.append(freight)
            case ("kargo.akuity.io/v1alpha1", "Stage"):
                let stage = try NodeDecoder().decode(StageState.self, from: node)
                guard unique("Stage", stage.metadata, origin) else { return }
                state.stages.append(stage)
            case ("kargo.akuity.io/v1alpha1", "Promotion"):
                let promotion = try NodeDecoder().decode(Promotion.self, from: node)
                guard unique("Promotion", promotion.metadata, origin) else { return }
                state.promotions.append(promotion)
            case ("kargo.akuity.io/v1alpha1", "Warehouse"):
                let warehouse = try NodeDecoder().decode(WarehouseState.self, from: node)
                guard unique("Warehouse", warehouse.metadata, origin) else { return }
                state.warehouses.append(warehouse)
            case (AnalysisRun.apiVersion, AnalysisRun.kind):
                let run = try NodeDecoder().decode(AnalysisRun.self, from: node)
                guard unique("AnalysisRun", run.metadata, origin) else { return }
                state.analysisRuns.append(run)
            case ("freightline.dev/v1alpha1", "StateSchema"):
                if case .int(let version)? = node["version"]?.value, version > Int64(StateLayout.schemaVersion) {
                    sink.error(at: origin.location(of: ["version"]), path: origin.fullPath(["version"]),
                               "state schema version \(version) is newer than this Freightline understands (\(StateLayout.schemaVersion)); upgrade Freightline")
                }
            default:
                sink.warning(at: origin.location(of: ["kind"]), path: origin.fullPath(["kind"]),
                             "`\(apiVersion) \(kind)` is not a state object (Freight, Stage, Promotion, Warehouse, AnalysisRun); ignored")
            }
        } catch let error as DecodingError {
            let (path, message) = error.fieldPathAndMessage
            sink.error(at: origin.location(of: path), path: origin.fullPath(path), message)
        } catch {
            sink.error(at: origin.location(of: .root), "\(error)")
        }
    }

    private mutating func unique(_ kind: String, _ metadata: ObjectMeta, _ origin: ObjectOrigin) -> Bool {
        guard let namespace = metadata.namespace, !namespace.isEmpty else {
            sink.error(at: origin.location(of: ["metadata"]), path: origin.fullPath(["metadata", "namespace"]),
                       "\(kind) `\(metadata.name)` has no `metadata.namespace`; state objects name their Project there")
            return false
        }
        let key = "\(kind)/\(namespace)/\(metadata.name)"
        if let first = seen[key] {
            sink.error(at: origin.location(of: ["metadata", "name"]), path: origin.fullPath(["metadata", "name"]),
                       "duplicate \(kind) `\(metadata.name)` in Project `\(namespace)`; first at \(first)")
            return false
        }
        seen[key] = origin.location(of: ["metadata", "name"])
        return true
    }

    /// A Freight's name is the hash of its content; any other name means corrupt state.
    private mutating func checkName(_ freight: Freight, _ origin: ObjectOrigin) {
        let expected = FreightIdentity.name(of: freight)
        if freight.metadata.name != expected {
            sink.error(at: origin.location(of: ["metadata", "name"]), path: origin.fullPath(["metadata", "name"]),
                       "Freight name `\(freight.metadata.name)` does not match its content; Kargo's name for this origin and these artifacts is `\(expected)` (the file was edited or is corrupt)")
        }
    }
}
