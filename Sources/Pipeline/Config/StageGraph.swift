/// The directed graph of Stages within one Project: an edge from each upstream Stage
/// named in `requestedFreight[].sources.stages` to the Stage requesting from it.
public struct StageGraph: Sendable {
    /// Upstream Stage names per Stage, in declaration order, duplicates removed.
    public let upstreams: [String: [String]]
    /// Stage names in declaration order.
    public let stages: [String]

    public init(stages: [String], upstreams: [String: [String]]) {
        self.stages = stages
        self.upstreams = upstreams
    }

    /// The graph of one Project's Stages, from their `requestedFreight` sources.
    public init(_ stages: [Stage]) {
        self.init(
            stages: stages.map(\.metadata.name),
            upstreams: Dictionary(stages.map { stage in
                (stage.metadata.name, (stage.spec.requestedFreight ?? []).flatMap { $0.sources?.stages ?? [] })
            }, uniquingKeysWith: { first, _ in first }))
    }

    /// Stage names in flow order, or declaration order when there is a cycle.
    public var flowOrder: [String] {
        topologicalOrder() ?? stages
    }

    /// One cycle, as the Stage names along it with the first repeated at the end
    /// (`a → b → c → a`), or nil when the graph is acyclic. Deterministic: the search
    /// starts from Stages in declaration order.
    public func firstCycle() -> [String]? {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        let known = Set(stages)

        func visit(_ stage: String) -> [String]? {
            marks[stage] = .visiting
            stack.append(stage)
            for upstream in upstreams[stage] ?? [] where known.contains(upstream) {
                switch marks[upstream] {
                case .visiting?:
                    let start = stack.lastIndex(of: upstream)!
                    // Report in the direction Freight flows: upstream first.
                    return (Array(stack[start...]) + [upstream]).reversed()
                case .done?:
                    continue
                case nil:
                    if let cycle = visit(upstream) { return cycle }
                }
            }
            stack.removeLast()
            marks[stage] = .done
            return nil
        }

        for stage in stages where marks[stage] == nil {
            if let cycle = visit(stage) { return cycle }
        }
        return nil
    }

    /// Stages in an order where every upstream comes before its downstreams (ties in
    /// declaration order); nil when there is a cycle.
    public func topologicalOrder() -> [String]? {
        guard firstCycle() == nil else { return nil }
        var placed = Set<String>()
        var order: [String] = []
        let known = Set(stages)
        while order.count < stages.count {
            for stage in stages where !placed.contains(stage) {
                let ready = (upstreams[stage] ?? []).allSatisfy { placed.contains($0) || !known.contains($0) }
                if ready {
                    placed.insert(stage)
                    order.append(stage)
                }
            }
        }
        return order
    }
}
