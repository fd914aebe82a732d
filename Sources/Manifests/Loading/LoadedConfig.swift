import Pipeline

/// The result of loading a configuration folder: the typed configuration, where each
/// object came from, what was skipped, and every diagnostic found on the way.
public struct LoadedConfig: Sendable {
    public var config: KargoConfig
    public var origins: [ObjectKey: ObjectOrigin]
    public var diagnostics: DiagnosticSink
    public var statistics: LoadStatistics

    public init(config: KargoConfig = KargoConfig(), origins: [ObjectKey: ObjectOrigin] = [:],
                diagnostics: DiagnosticSink, statistics: LoadStatistics = LoadStatistics()) {
        self.config = config
        self.origins = origins
        self.diagnostics = diagnostics
        self.statistics = statistics
    }
}

/// What the loader read, for the summary line of `validate`.
public struct LoadStatistics: Sendable, Hashable {
    public var files = 0
    public var bytes = 0
    public var documents = 0
    public var objects = 0
    /// Documents that are not Kargo's (Argo CD Applications, Helm values...), by kind.
    public var skipped: [String: Int] = [:]

    public init() {}

    public var skippedCount: Int { skipped.values.reduce(0, +) }
}
