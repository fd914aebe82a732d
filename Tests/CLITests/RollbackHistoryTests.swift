import Foundation
import Pipeline
import TestSupport
import Testing

/// `rollback` and `history` on the bundled example: uat goes back to the Freight it held
/// before through its real steps, auto-promotion leaves it there, and the audit trail says
/// who did what, when and why, from the state ref's commits alone.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct RollbackHistoryTests {
    @Test func rollbackRunsTheStepsAndHistoryTellsTheStory() throws {
        let fixture = try GitOpsFixture()
        let older = fixture.freight("1.1.0", discovered: "2026-11-23T08:00:00Z")
        let newer = fixture.freight("1.2.0", discovered: "2026-11-23T09:05:00Z")
        try fixture.addFreight(older)
        #expect(try fixture.reconcile(now: "2026-11-23T09:00:00Z").status == 0)
        try fixture.addFreight(newer)
        #expect(try fixture.reconcile(now: "2026-11-23T09:10:00Z").status == 0)
        #expect(try fixture.onServer("show", "main:env/uat/kustomization.yaml").contains("newTag: 1.2.0"))

        let rollback = try CLI.run(["rollback", "--stage", "uat", "--actor", "alice"] + fixture.flags()
                                   + ["--now", "2026-11-23T09:15:00Z"], environment: fixture.environment)
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.stdout.contains("requested rollback of uat to"))
        let run = try fixture.reconcile(now: "2026-11-23T09:20:00Z")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("1 promoted"), "\(run.stdout)")
        #expect(try fixture.onServer("show", "main:env/uat/kustomization.yaml").contains("newTag: 1.1.0"))
        var state = try fixture.state()
        #expect(state.freight(in: "kargo-demo", named: older.metadata.name)?.status?.currentlyIn?["uat"] != nil)
        // Auto-promotion does not undo it: 1.2.0 was promoted to uat before.
        let later = try fixture.reconcile(now: "2026-11-23T09:30:00Z")
        #expect(later.status == 0 && later.stdout.contains("Nothing to promote"), "\(later.stdout)")
        state = try fixture.state()
        #expect(state.freight(in: "kargo-demo", named: older.metadata.name)?.status?.currentlyIn?["uat"] != nil)

        // A Freight not in uat's history is refused, and nothing is written.
        let tip = try fixture.onServer("rev-parse", "freightline/state")
        let refused = try CLI.run(["rollback", "--stage", "uat", "--steps", "5"] + fixture.flags()
                                  + ["--now", "2026-11-23T09:35:00Z"], environment: fixture.environment)
        #expect(refused.status == 2 && refused.stderr.contains("cannot go back 5"), "\(refused.output)")
        #expect(try fixture.onServer("rev-parse", "freightline/state") == tip)

        // The audit trail, newest first.
        let history = try CLI.run(["history", "--stage", "uat"] + fixture.flags(), environment: fixture.environment)
        #expect(history.status == 0, "\(history.output)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("TIME") == true)
        let rows = lines.dropFirst()
        #expect(rows.first?.contains("2026-11-23T09:20:00Z") == true && rows.first?.contains("rollback") == true, "\(history.stdout)")
        #expect(rows.contains { $0.contains("2026-11-23T09:15:00Z") && $0.contains("rollback") && $0.contains("alice") })
        #expect(rows.contains { $0.contains("2026-11-23T09:10:00Z") && $0.contains("promotion") })

        let json = try CLI.run(["history", "--format", "json", "--freight", older.metadata.name, "--since", "2026-11-23T09:14:00Z"]
                               + fixture.flags(), environment: fixture.environment)
        #expect(json.status == 0, "\(json.output)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["rollback", "claim", "rollback"])
        #expect(events.last?["actor"] as? String == "alice")
        #expect(events.first?["reason"] as? String == "rollback succeeded")
        #expect(events.allSatisfy { ($0["stages"] as? [String]) == ["kargo-demo/uat"] })
    }

    @Test func historyWithoutARepositoryOrStateSaysSo() throws {
        let none = try CLI.run(["history", "--config", "fixtures/examples/kargo-demo/kargo"])
        #expect(none.status == 2 && none.stderr.contains("give --repo"), "\(none.output)")
        let fixture = try GitOpsFixture()
        let empty = try CLI.run(["history"] + fixture.flags(), environment: fixture.environment)
        #expect(empty.status == 0 && empty.stdout.contains("does not exist yet"), "\(empty.output)")
    }
}
