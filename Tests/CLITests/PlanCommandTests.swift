import Foundation
import Testing

/// `plan`, `get` and the manual actions on the bundled example with its hand-made state,
/// run as a user runs them.
@Suite struct PlanCommandTests {
    static let example = "fixtures/examples/kargo-demo"

    private func copyOfState() throws -> URL {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("\(Self.example)/state"), to: folder)
        return folder
    }

    @Test func exampleExplainsEveryStage() throws {
        let result = try CLI.run(["plan", "--offline", "--config", "\(Self.example)/kargo", "--state", "\(Self.example)/state",
                                  "--now", "2026-11-23T09:15:00Z", "--format", "json"])
        #expect(result.status == 0, "\(result.output)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let stages = try #require((plan["projects"] as? [[String: Any]])?.first?["stages"] as? [[String: Any]])
        #expect(stages.map { $0["name"] as? String } == ["test", "uat", "prod-us", "prod-eu"])
        #expect(stages.map { $0["decision"] as? String } == ["up-to-date", "promote", "blocked", "blocked"])
        #expect(stages.allSatisfy { !($0["reasons"] as? [String] ?? []).isEmpty })
        let prodReasons = stages[2]["reasons"] as? [String] ?? []
        #expect(prodReasons.contains { $0.contains("soak: 40m of 1h in uat") })
        // Every documented key is present on every Stage, null included; `promotionWindow`
        // only where a window applies (the example's Friday freeze covers prod-*).
        let keys: Set<String> = ["name", "current", "decision", "freight", "alias", "promotions", "autoPromotion", "reasons"]
        for stage in stages {
            let name = stage["name"] as? String ?? ""
            #expect(Set(stage.keys) == (name.hasPrefix("prod-") ? keys.union(["promotionWindow"]) : keys), "\(name)")
        }
        let window = try #require(stages[2]["promotionWindow"] as? [String: Any])
        #expect(window["closed"] as? Bool == false)
        #expect(window["nextClose"] as? String == "2026-11-27T17:00:00Z", "Friday 18:00 in Paris")
    }

    @Test func soakElapsesAsNowMovesForward() throws {
        let later = try CLI.run(["plan", "--offline", "--config", "\(Self.example)/kargo", "--state", "\(Self.example)/state",
                                 "--now", "2026-11-23T09:35:00Z"])
        #expect(later.stdout.contains("prod-us  current: plucky-magpie  manual → gallant-capybara"), "\(later.stdout)")
    }

    @Test func markdownIsATable() throws {
        let result = try CLI.run(["plan", "--offline", "--config", "\(Self.example)/kargo", "--state", "\(Self.example)/state",
                                  "--now", "2026-11-23T09:15:00Z", "--format", "markdown"])
        #expect(result.stdout.contains("| Stage | Current | Decision | Freight | Reason |"))
        #expect(result.stdout.contains("| uat | gallant-capybara | **promote** | `chipper-sloth` |"))
    }

    @Test func approvePromoteHoldRejectRoundTripThroughTheStateFolder() throws {
        let state = try copyOfState()
        defer { try? FileManager.default.removeItem(at: state) }
        let inputs = ["--config", "\(Self.example)/kargo", "--state", state.path, "--now", "2026-11-23T09:20:00Z"]
        let common = inputs + ["--actor", "alice"]
        let refused = try CLI.run(["promote", "--stage", "prod-us", "--freight", "gallant-capybara"] + common)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("soak: 45m of 1h in uat"))
        #expect(try CLI.run(["approve", "--stage", "prod-us", "--freight", "gallant-capybara"] + common).status == 0)
        let promoted = try CLI.run(["promote", "--stage", "prod-us", "--freight", "gallant-capybara"] + common)
        #expect(promoted.status == 0, "\(promoted.output)")
        #expect(try CLI.run(["hold", "--stage", "prod-eu", "--reason", "freeze"] + common).status == 0)
        #expect(try CLI.run(["reject", "--freight", "chipper-sloth", "--reason", "CVE-2026-1"] + common).status == 0)

        let plan = try CLI.run(["plan", "--offline"] + inputs)
        #expect(plan.stdout.contains("prod-us  current: plucky-magpie  promote → gallant-capybara"), "\(plan.stdout)")
        #expect(plan.stdout.contains("promotion prod-us.20261123092000.676d6d8 requested by alice"))
        #expect(plan.stdout.contains("rejected for every Stage by alice at 2026-11-23T09:20:00Z: CVE-2026-1"))
        #expect(plan.stdout.contains("held on plucky-magpie by alice at 2026-11-23T09:20:00Z: freeze"))
        let promotions = try CLI.run(["get", "promotions", "--format", "yaml"] + inputs)
        #expect(promotions.stdout.contains("kind: Promotion\nmetadata:\n  annotations:\n    kargo.akuity.io/create-actor: alice"))
        let stages = try CLI.run(["get", "stages"] + inputs)
        #expect(stages.stdout.contains("held"))
    }

    @Test func badNowAndUnknownStageExitTwoAndWriteNothing() throws {
        let state = try copyOfState()
        defer { try? FileManager.default.removeItem(at: state) }
        let before = try FileManager.default.subpathsOfDirectory(atPath: state.path).sorted()
        let badNow = try CLI.run(["plan", "--offline", "--config", "\(Self.example)/kargo", "--state", state.path, "--now", "yesterday"])
        #expect(badNow.status == 2)
        #expect(badNow.stderr.contains("not an RFC 3339 time"))
        let unknown = try CLI.run(["approve", "--config", "\(Self.example)/kargo", "--state", state.path, "--stage", "qa", "--freight", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Stage `qa` not found in Project `kargo-demo`; Stages: test, uat, prod-us, prod-eu"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: state.path).sorted() == before)
    }

    @Test func corruptStateIsRefusedWithTheExpectedName() throws {
        let state = try copyOfState()
        defer { try? FileManager.default.removeItem(at: state) }
        let file = state.appendingPathComponent("kargo-demo/freight/676d6d808fa3c349ef099a63227ed9b323322406.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "tag: 1.1.0", with: "tag: 1.1.1")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let plan = try CLI.run(["plan", "--offline", "--config", "\(Self.example)/kargo", "--state", state.path])
        #expect(plan.status == 2)
        #expect(plan.stderr.contains("does not match its content; Kargo's name for this origin and these artifacts is"))
        let validate = try CLI.run(["validate", "--config", "\(Self.example)/kargo", "--state", state.path])
        #expect(validate.status == 2)
    }
}
