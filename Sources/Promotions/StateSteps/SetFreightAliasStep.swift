import Pipeline
import Steps

/// `set-freight-alias`: gives a Freight a new human-friendly alias (`name`, `alias`).
/// Aliases are unique within a Project, so an alias another Freight holds is refused.
enum SetFreightAliasStep {
    static func apply(config: JSONValue, to changes: inout PromotionStateChanges, freight: [Freight]) throws(StepError) {
        guard let name = config["name"]?.stringValue, !name.isEmpty,
              let alias = config["alias"]?.stringValue, !alias.isEmpty
        else {
            throw .terminal("set-freight-alias: `name` and `alias` are required")
        }
        let current = changes.applied(toFreight: freight)
        guard current.contains(where: { $0.metadata.name == name }) else {
            throw .terminal("set-freight-alias: Freight `\(name)` not found")
        }
        if let holder = current.first(where: { $0.alias == alias && $0.metadata.name != name }) {
            throw .terminal("set-freight-alias: alias `\(alias)` is already used by Freight `\(holder.metadata.name)`")
        }
        changes.freightAliases[name] = alias
    }
}
