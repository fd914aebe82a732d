import Manifests
import Pipeline

/// Where state lives between runs. The directory backend serves tests and experiments;
/// the Git backend (a dedicated ref) serves real runs.
public protocol StateStore {
    /// Reads the whole state. Problems in state files are diagnostics; the caller refuses
    /// to go on (and to write) when any is an error.
    func load() throws -> LoadedState
    /// Writes `state` in the canonical layout, replacing what `load` read.
    func save(_ state: PipelineState, replacing previous: LoadedState) throws
}

/// State as read, with where each object came from and what was wrong.
public struct LoadedState: Sendable {
    public var state: PipelineState
    public var diagnostics: DiagnosticSink
    /// Every file the state was read from (relative to the store's root).
    public var files: Set<String>

    public init(state: PipelineState = PipelineState(), diagnostics: DiagnosticSink = DiagnosticSink(), files: Set<String> = []) {
        self.state = state
        self.diagnostics = diagnostics
        self.files = files
    }
}

/// A state store that cannot be read or written at all.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
