import Manifests
import Pipeline

/// The canonical file layout of state (DESIGN §2): one object per file under its Project.
///
///     <project>/freight/<name>.yaml
///     <project>/stages/<name>.yaml
///     <project>/promotions/<name>.yaml
///     <project>/warehouses/<name>.yaml
///     <project>/analysisruns/<name>.yaml   verification runs (Argo Rollouts' AnalysisRun shape)
///     freightline.yaml                  (state schema version)
public enum StateLayout {
    public static let schemaFile = "freightline.yaml"
    public static let schemaVersion = 1

    /// Every file of `state`, path → YAML text, deterministic.
    public static func files(for state: PipelineState) throws -> [String: String] {
        var files: [String: String] = [:]
        files[schemaFile] = YAMLWriter.document(.object([
            "apiVersion": .string("freightline.dev/v1alpha1"),
            "kind": .string("StateSchema"),
            "version": .int(Int64(schemaVersion)),
        ]))
        for freight in state.freight {
            files[path(freight.metadata, "freight")] = YAMLWriter.document(try JSONValue.encoding(freight))
        }
        for stage in state.stages {
            files[path(stage.metadata, "stages")] = YAMLWriter.document(try JSONValue.encoding(stage))
        }
        for warehouse in state.warehouses {
            files[path(warehouse.metadata, "warehouses")] = YAMLWriter.document(try JSONValue.encoding(warehouse))
        }
        for promotion in state.promotions {
            files[path(promotion.metadata, "promotions")] = YAMLWriter.document(try JSONValue.encoding(promotion))
        }
        for run in state.analysisRuns {
            files[path(run.metadata, "analysisruns")] = YAMLWriter.document(try JSONValue.encoding(run))
        }
        return files
    }

    /// The paths `files(for:)` would write, without rendering any YAML: what a store needs
    /// to know which files a state it has just written consists of.
    public static func paths(for state: PipelineState) -> Set<String> {
        var paths: Set<String> = [schemaFile]
        for freight in state.freight { paths.insert(path(freight.metadata, "freight")) }
        for stage in state.stages { paths.insert(path(stage.metadata, "stages")) }
        for warehouse in state.warehouses { paths.insert(path(warehouse.metadata, "warehouses")) }
        for promotion in state.promotions { paths.insert(path(promotion.metadata, "promotions")) }
        for run in state.analysisRuns { paths.insert(path(run.metadata, "analysisruns")) }
        return paths
    }

    static func path(_ metadata: ObjectMeta, _ folder: String) -> String {
        "\(metadata.namespace ?? "default")/\(folder)/\(metadata.name).yaml"
    }
}
