import Pipeline

/// `--dry-run`: reads the real state once, then keeps every save in memory, so a run
/// goes through all its rounds (claims, results) exactly as it would, and writes nothing.
public final class DryRunStateStore<Base: StateStore>: StateStore {
    private let base: Base
    private var latest: LoadedState?
    /// The changes that would have been committed, in order.
    public private(set) var changes: [StateChange] = []

    public init(_ base: Base) {
        self.base = base
    }

    public var savedRevision: String? { latest?.revision }

    public func load() throws -> LoadedState {
        if let latest { return latest }
        let loaded = try base.load()
        latest = loaded
        return loaded
    }

    @discardableResult
    public func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool {
        guard state != previous.state else { return false }
        latest = LoadedState(state: state, diagnostics: previous.diagnostics,
                             files: StateLayout.paths(for: state), revision: previous.revision)
        changes.append(change)
        return true
    }
}
