import Pipeline
import Steps

/// `set-metadata`: records key/value pairs on Stages or Freight (`updates: [{kind, name,
/// values}]`), which later steps and verification read with `stageMetadata()` and
/// `freightMetadata()`. Keys are set one by one; keys not named keep their values.
enum SetMetadataStep {
    static func apply(config: JSONValue, to changes: inout PromotionStateChanges, freight: [Freight]) throws(StepError) {
        guard let updates = config["updates"]?.arrayValue, !updates.isEmpty else {
            throw .terminal("set-metadata: `updates` must list at least one update")
        }
        var pending = changes
        for (index, update) in updates.enumerated() {
            guard let kind = update["kind"]?.stringValue, let name = update["name"]?.stringValue, !name.isEmpty,
                  let values = update["values"]?.objectValue, !values.isEmpty
            else {
                throw .terminal("set-metadata: updates[\(index)] needs `kind`, `name` and non-empty `values`")
            }
            switch kind {
            case "Stage":
                pending.stageMetadata[name, default: [:]].merge(values) { _, new in new }
            case "Freight":
                guard freight.contains(where: { $0.metadata.name == name }) else {
                    throw .terminal("set-metadata: updates[\(index)]: Freight `\(name)` not found")
                }
                pending.freightMetadata[name, default: [:]].merge(values) { _, new in new }
            default:
                throw .terminal("set-metadata: updates[\(index)].kind `\(kind)` must be Stage or Freight")
            }
        }
        // All or nothing: a bad update later in the list leaves earlier ones unapplied.
        changes = pending
    }
}
