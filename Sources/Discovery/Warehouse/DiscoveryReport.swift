import Pipeline

/// What discovery did, Warehouse by Warehouse, and the state changes it makes.
public struct DiscoveryReport: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var project: String
        public var warehouse: String
        public var result: Result = .notDue(until: Timestamp(secondsSinceEpoch: 0))

        public enum Result: Sendable, Hashable {
            case notDue(until: Timestamp)
            case created(String)
            case unchanged(String)
            case nothingNew(String)
            case failed([String])
            /// Not asked this run because the request budget ran out; asked again next run.
            case skipped([String])
        }
    }

    public var entries: [Entry] = []
    public var newFreight: [Freight] = []
    public var warehouseStates: [WarehouseState] = []

    public init() {}

    /// The state with the new Freight added and the Warehouse states replaced.
    public func apply(to state: inout PipelineState) {
        for freight in newFreight where !state.freight.contains(where: {
            $0.metadata.namespace == freight.metadata.namespace && $0.metadata.name == freight.metadata.name
        }) {
            state.freight.append(freight)
        }
        for record in warehouseStates {
            if let index = state.warehouses.firstIndex(where: {
                $0.metadata.namespace == record.metadata.namespace && $0.metadata.name == record.metadata.name
            }) {
                state.warehouses[index] = record
            } else {
                state.warehouses.append(record)
            }
        }
    }

    /// One line per Warehouse for progress output.
    public var lines: [String] {
        entries.map { entry in
            let name = "\(entry.project)/\(entry.warehouse)"
            switch entry.result {
            case .notDue(let until): return "\(name): not due until \(until.rfc3339)"
            case .created(let freight): return "\(name): new Freight \(freight.prefix(7))"
            case .unchanged(let freight): return "\(name): nothing new (newest is \(freight.prefix(7)))"
            case .nothingNew(let reason): return "\(name): no Freight: \(reason)"
            case .failed(let reasons): return "\(name): discovery failed: \(reasons.joined(separator: "; "))"
            case .skipped(let reasons): return "\(name): skipped until the next run: \(reasons.joined(separator: "; "))"
            }
        }
    }
}
