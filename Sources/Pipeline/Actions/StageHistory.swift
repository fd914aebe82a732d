/// What a Stage holds now, read from its state: the newest `freightHistory` entry, or,
/// for hand-written state without history, the Freight whose status places it there.
public enum StageHistory {
    /// Freight name per origin key (`Warehouse/<name>`).
    public static func currentItems(of stage: String, in project: String, state: PipelineState) -> [String: String] {
        currentItems(stageState: state.stage(in: project, named: stage), stage: stage,
                     freight: state.freight(in: project).sorted(by: ProjectSnapshot.newerFirst))
    }

    /// `freight` newest first, so with several Freight claiming the Stage the newest wins.
    static func currentItems(stageState: StageState?, stage: String, freight: [Freight]) -> [String: String] {
        var items: [String: String] = [:]
        if let collection = stageState?.status.freightHistory?.first {
            for (key, reference) in collection.items ?? [:] {
                if let name = reference.name { items[reference.origin?.key ?? key] = name }
            }
            return items
        }
        for item in freight where item.status?.currentlyIn?[stage] != nil {
            if items[item.origin.key] == nil { items[item.origin.key] = item.metadata.name }
        }
        return items
    }
}
