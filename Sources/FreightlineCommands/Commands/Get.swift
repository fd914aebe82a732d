import ArgumentParser
import Foundation
import Manifests
import Pipeline

/// `freightline get`: list what configuration and state hold, as a table or as the
/// Kargo objects themselves (JSON or YAML).
struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List projects, warehouses, freight, stages or promotions.",
        discussion: ExitStatus.helpText)

    enum Resource: String, CaseIterable, ExpressibleByArgument {
        case projects, warehouses, freight, stages, promotions
    }

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, yaml
    }

    @ArgumentParser.Argument(help: "What to list: projects, warehouses, freight, stages or promotions.")
    var resource: Resource

    @OptionGroup var source: ConfigOptions
    @OptionGroup var stateOptions: StateOptions

    @Option(name: .long, help: ArgumentHelp("Only this Project.", valueName: "name"))
    var project: String?

    @Option(name: .long, help: "Output format: table, json or yaml.")
    var format: Format = .table

    func run() throws {
        let inputs = try Workspace.open(config: source, state: stateOptions)
        let listing = ResourceListing(config: inputs.config.config, state: inputs.state.state, project: project, now: stateOptions.time)
        let (table, objects) = try listing.list(resource)
        switch format {
        case .table:
            Output.print(table.render())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(JSONValue.array(objects))
            Output.print(String(decoding: data, as: UTF8.self))
        case .yaml:
            Output.print(objects.map(YAMLWriter.document).joined(separator: "---\n"))
        }
    }
}
