/// What a configuration change does to the plan: the same state and time planned with the
/// pull request's base configuration and with its head, Stage by Stage. This is what a
/// reviewer needs: which Stages appear or go, and where a decision, the Freight it
/// concerns or its reasons change.
public struct PlanComparison: Codable, Sendable, Hashable {
    public enum ChangeKind: String, Codable, Sendable {
        case added
        case removed
        case changed
    }

    /// One Stage's decision as one side of the comparison sees it.
    public struct Side: Codable, Sendable, Hashable {
        public var decision: StageDecision
        public var freight: String?
        public var alias: String?
        public var reasons: [String]

        init(_ stage: StagePlan) {
            decision = stage.decision
            freight = stage.freight
            alias = stage.alias
            reasons = stage.reasons
        }
    }

    public struct StageChange: Codable, Sendable, Hashable {
        public var project: String
        public var stage: String
        public var kind: ChangeKind
        public var base: Side?
        public var head: Side?
    }

    /// Changed Stages, in the head plan's flow order (removed Stages last, by name).
    public var changes: [StageChange]

    public init(base: Plan, head: Plan) {
        var changes: [StageChange] = []
        let baseStages = Dictionary(base.projects.flatMap { project in project.stages.map { ("\(project.name)/\($0.name)", $0) } },
                                    uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for project in head.projects {
            for stage in project.stages {
                let key = "\(project.name)/\(stage.name)"
                seen.insert(key)
                let after = Side(stage)
                guard let earlier = baseStages[key] else {
                    changes.append(StageChange(project: project.name, stage: stage.name, kind: .added, base: nil, head: after))
                    continue
                }
                let before = Side(earlier)
                if before != after {
                    changes.append(StageChange(project: project.name, stage: stage.name, kind: .changed, base: before, head: after))
                }
            }
        }
        for project in base.projects {
            for stage in project.stages.sorted(by: { $0.name < $1.name }) where !seen.contains("\(project.name)/\(stage.name)") {
                changes.append(StageChange(project: project.name, stage: stage.name, kind: .removed, base: Side(stage), head: nil))
            }
        }
        self.changes = changes
    }
}
