import Foundation
import Manifests
import Pipeline
import Reconciler

/// `make bench`: generates a synthetic pipeline (1,000 Stages in 200 pipelines, 200
/// Warehouses, 20,000 Freight, 100,000 history entries) and prints, in one run, the
/// libyaml parse floor, the load and plan times, their ratio to the floor, and peak memory.
/// Then one promotion by Freightline's steps against the same promotion by a git CLI
/// script, over the local Git server (`--skip-promotion` leaves it out).

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func yamlFiles(under root: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".yaml") { files.append(root + "/" + path) }
    }
    return files.sorted()
}

let arguments = CommandLine.arguments
if arguments.contains("--only-promotion") {
    try await PromotionBenchmark(rounds: 15, manifests: 200).run()
    exit(0)
}
if arguments.contains("--only-discovery") {
    try await DiscoveryBenchmark().run()
    exit(0)
}
if arguments.contains("--only-history") {
    try HistoryBenchmark().run()
    exit(0)
}
let keep = arguments.contains("--keep")
let root = arguments.firstIndex(of: "--dir").map { arguments[$0 + 1] }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("freightline-bench-\(getpid())").path
let configRoot = root + "/config", stateRoot = root + "/state"
let synthetic = SyntheticPipeline()

if !FileManager.default.fileExists(atPath: stateRoot + "/freightline.yaml") {
    print("Generating the synthetic pipeline in \(root) ...")
    let generation = try seconds { try synthetic.write(config: configRoot, state: stateRoot) }
    print(String(format: "  generated in %.2f s", generation))
}
defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }

let files = yamlFiles(under: configRoot) + yamlFiles(under: stateRoot)
// Warm the file cache so every phase reads from memory.
_ = LibYAMLFloor.parse(files: files)

var floorResult = (events: 0, bytes: 0)
let floor = seconds { floorResult = LibYAMLFloor.parse(files: files) }

var loadedConfig: LoadedConfig!
var loadedState: LoadedState!
let load = try seconds {
    loadedConfig = try ManifestLoader().load(from: try DirectoryConfigSource(path: configRoot))
    loadedState = try DirectoryStateStore(root: stateRoot).load()
}
let configErrors = loadedConfig.diagnostics.errorCount + loadedState.diagnostics.errorCount
var plan: Plan!
let planning = seconds {
    plan = Planner().plan(config: loadedConfig.config, state: loadedState.state, now: synthetic.now)
}
let peak = peakResidentMegabytes()

let stages = plan.projects.reduce(0) { $0 + $1.stages.count }
let history = loadedState.state.stages.reduce(0) { $0 + ($1.status.freightHistory?.count ?? 0) }
let decisions = Dictionary(grouping: plan.projects.flatMap(\.stages), by: \.decision.rawValue).mapValues(\.count)

print("Synthetic pipeline: \(plan.projects.count) pipelines, \(loadedConfig.config.warehouses.count) Warehouses, \(stages) Stages, \(loadedState.state.freight.count) Freight, \(history) history entries")
print("  \(files.count) files, \(floorResult.bytes / 1_048_576) MB, \(floorResult.events) YAML events; \(configErrors) errors")
print("  decisions: \(decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
print(String(format: "floor (read + libyaml parse)   %8.3f s", floor))
print(String(format: "load into the model            %8.3f s   (%.2f× floor)", load, load / floor))
print(String(format: "plan                           %8.3f s   (%.2f× floor)", planning, planning / floor))
print(String(format: "plan-total / floor             %8.2f     (target ≤ 1.5)", (load + planning) / floor))
print(String(format: "peak memory                    %8.1f MB  (target ≤ 200 MB)", peak))

// Where loading spends its time, for whoever optimises it next.
if arguments.contains("--breakdown") {
    var listed: [ConfigFileEntry] = []
    let source = try DirectoryConfigSource(path: stateRoot)
    let listing = try seconds { listed = try source.files() }
    var contents: [([UInt8], String)] = []
    let reading = try seconds { contents = try listed.map { (try source.read($0), $0.displayPath) } }
    var documents: [YAMLDocument] = []
    let parsing = seconds {
        var sink = DiagnosticSink()
        for (bytes, file) in contents { documents += YAMLReader.documents(from: bytes, file: file, sink: &sink) }
    }
    let decoding = seconds {
        for document in documents where document.root["kind"]?.string == "Freight" {
            _ = try? NodeDecoder().decode(Freight.self, from: document.root)
        }
        for document in documents where document.root["kind"]?.string == "Stage" {
            _ = try? NodeDecoder().decode(StageState.self, from: document.root)
        }
    }
    print(String(format: "  state breakdown: list %.3f s, read %.3f s, parse to nodes %.3f s, decode %.3f s", listing, reading, parsing, decoding))
}

if !arguments.contains("--skip-promotion") {
    print("")
    try await PromotionBenchmark(rounds: 15, manifests: 200).run()
    print("")
    try await DiscoveryBenchmark().run()
}
print("")
try HistoryBenchmark().run()
