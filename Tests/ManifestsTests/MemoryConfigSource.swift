import Manifests

/// Configuration files held in memory, so loader tests need no disk.
struct MemoryConfigSource: ConfigSource {
    var contents: [String: [UInt8]]

    init(_ files: [String: String]) {
        contents = files.mapValues { Array($0.utf8) }
    }

    func files() throws -> [ConfigFileEntry] {
        contents.keys.sorted().map { ConfigFileEntry(displayPath: $0, locator: $0, size: contents[$0]!.count) }
    }

    func read(_ entry: ConfigFileEntry) throws -> [UInt8] {
        contents[entry.locator]!
    }
}

/// Loads and cross-checks, as `freightline validate` does.
func validate(_ files: [String: String], strict: Bool = false, runnableSteps: Set<String>? = nil) -> LoadedConfig {
    var loaded = try! ManifestLoader(strict: strict).load(from: MemoryConfigSource(files))
    ConfigValidator(loaded, runnableSteps: runnableSteps).check(into: &loaded.diagnostics)
    return loaded
}

extension LoadedConfig {
    var errors: [Diagnostic] { diagnostics.sorted.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.sorted.filter { $0.severity == .warning } }
}

let projectYAML = """
    apiVersion: kargo.akuity.io/v1alpha1
    kind: Project
    metadata:
      name: demo
    """

let warehouseYAML = """
    apiVersion: kargo.akuity.io/v1alpha1
    kind: Warehouse
    metadata:
      name: app
      namespace: demo
    spec:
      subscriptions:
      - image:
          repoURL: ghcr.io/example/app
    """

/// A Stage requesting Warehouse `app`, from `upstreams` or directly when empty.
func stageYAML(_ name: String, upstreams: [String] = [], extra: String = "") -> String {
    let sources = upstreams.isEmpty ? "direct: true" : "stages: [\(upstreams.joined(separator: ", "))]"
    return """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata:
          name: \(name)
          namespace: demo
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources:
              \(sources)
        \(extra)
        """
}
