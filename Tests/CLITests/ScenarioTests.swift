import Foundation
import Testing

/// Planner scenarios as data: `fixtures/scenarios/<name>/{config/, state/, now, expected.json}`,
/// each run through the real `freightline plan --format json`.
///
/// `expected.json` names the facts that matter per Stage (`"<stage>"`, or
/// `"<project>/<stage>"` when several Projects exist): `decision`, optionally `freight`
/// (name or alias of the Freight to promote, or null), `current` (name or alias, or null)
/// and `reasons` (each must appear inside some reason).
@Suite struct ScenarioTests {
    static let root = CLI.packageRoot.appendingPathComponent("fixtures/scenarios")

    static let scenarios: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted()

    @Test func thereAreAtLeastThirtyScenarios() {
        #expect(Self.scenarios.count >= 30, "only \(Self.scenarios.count) scenarios")
    }

    @Test(arguments: scenarios)
    func scenario(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let now = try String(contentsOf: folder.appendingPathComponent("now"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CLI.run(["plan", "--offline", "--config", "config", "--state", "state", "--now", now, "--format", "json"], in: folder)
        try #require(result.status == 0, "\(name): exit \(result.status)\n\(result.output)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as? [String: Any])
        let projects = try #require(plan["projects"] as? [[String: Any]])
        var stages: [String: [String: Any]] = [:]
        var aliases: [String: String] = [:]
        for project in projects {
            let projectName = project["name"] as? String ?? ""
            for freight in project["freight"] as? [[String: Any]] ?? [] {
                if let freightName = freight["name"] as? String, let alias = freight["alias"] as? String { aliases[freightName] = alias }
            }
            for stage in project["stages"] as? [[String: Any]] ?? [] {
                let stageName = stage["name"] as? String ?? ""
                stages[projects.count == 1 ? stageName : "\(projectName)/\(stageName)"] = stage
            }
        }
        let expectedStages = try #require(expected["stages"] as? [String: [String: Any]], "\(name): expected.json needs \"stages\"")
        for (stageKey, facts) in expectedStages.sorted(by: { $0.key < $1.key }) {
            guard let stage = stages[stageKey] else {
                Issue.record("\(name): no Stage \(stageKey) in the plan (has \(stages.keys.sorted()))")
                continue
            }
            let reasons = stage["reasons"] as? [String] ?? []
            let context = "\(name)/\(stageKey): \(stage["decision"] ?? "?") \(reasons)"
            if let decision = facts["decision"] as? String {
                #expect(stage["decision"] as? String == decision, "\(context)")
            }
            if facts.keys.contains("freight") {
                let wanted = facts["freight"] as? String
                let actual = stage["freight"] as? String
                let matches = wanted == nil ? actual == nil : (actual == wanted || actual.flatMap { aliases[$0] } == wanted)
                #expect(matches, "\(context): freight \(actual ?? "null"), expected \(wanted ?? "null")")
            }
            if facts.keys.contains("current") {
                let wanted = facts["current"] as? String
                let current = stage["current"] as? [String: Any]
                let actual = current?["freight"] as? String
                let matches = wanted == nil ? current == nil : (actual == wanted || current?["alias"] as? String == wanted)
                #expect(matches, "\(context): current \(actual ?? "null"), expected \(wanted ?? "null")")
            }
            for fragment in facts["reasons"] as? [String] ?? [] {
                #expect(reasons.contains { $0.contains(fragment) }, "\(context): no reason contains \"\(fragment)\"")
            }
        }
    }

    @Test(arguments: scenarios.prefix(5))
    func planIsByteIdenticalAcrossRunsAndFormats(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let now = try String(contentsOf: folder.appendingPathComponent("now"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        for format in ["json", "text", "markdown"] {
            let arguments = ["plan", "--offline", "--config", "config", "--state", "state", "--now", now, "--format", format]
            let first = try CLI.run(arguments, in: folder)
            let second = try CLI.run(arguments, in: folder)
            #expect(first.status == 0)
            #expect(first.stdout == second.stdout, "\(name) \(format) differs between runs")
        }
    }
}
