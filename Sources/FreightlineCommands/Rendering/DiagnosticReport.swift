import Manifests
import Pipeline

/// Everything `validate` found, as one value the renderers turn into text, JSON or
/// annotations, so the formats cannot disagree.
struct DiagnosticReport {
    var diagnostics: [Diagnostic]
    var statistics: LoadStatistics
    var config: KargoConfig

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    init(_ loaded: LoadedConfig) {
        diagnostics = loaded.diagnostics.sorted
        statistics = loaded.statistics
        config = loaded.config
    }
}
