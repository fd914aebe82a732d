import Manifests
import Pipeline

/// Where state lives between runs. The directory backend serves tests and experiments;
/// the Git backend (a dedicated ref) serves real runs and is the one that is safe when
/// several runs race: its writes are compare-and-swap.
public protocol StateStore {
    /// Reads the whole state. Problems in state files are diagnostics; the caller refuses
    /// to go on (and to write) when any is an error.
    func load() throws -> LoadedState
    /// Writes `state` in the canonical layout, replacing what `load` read, as one change
    /// described by `change`. Returns whether anything was written.
    ///
    /// - Throws: `StateConflict` when another writer changed the state since `previous`
    ///   was read (the caller re-reads, re-plans and tries again).
    @discardableResult
    func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool
    /// The version the last successful save wrote (nil when the backend has no versions),
    /// so a run can chain its next save onto its own write without re-reading.
    var savedRevision: String? { get }
}

extension StateStore {
    public var savedRevision: String? { nil }

    /// A save described only by a summary line.
    @discardableResult
    public func save(_ state: PipelineState, replacing previous: LoadedState) throws -> Bool {
        try save(state, replacing: previous, change: StateChange(summary: "Update state"))
    }
}

/// State as read, with where each object came from and what was wrong.
public struct LoadedState: Sendable {
    public var state: PipelineState
    public var diagnostics: DiagnosticSink
    /// Every file the state was read from (relative to the store's root).
    public var files: Set<String>
    /// The version read (a commit id for the Git backend; nil for a folder or a state
    /// ref that does not exist yet). A save replaces exactly this version or fails.
    public var revision: String?

    public init(state: PipelineState = PipelineState(), diagnostics: DiagnosticSink = DiagnosticSink(),
                files: Set<String> = [], revision: String? = nil) {
        self.state = state
        self.diagnostics = diagnostics
        self.files = files
        self.revision = revision
    }
}

/// A state store that cannot be read or written at all.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Another writer changed the state between our read and our write; nothing was written.
public struct StateConflict: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
