import Foundation
import Pipeline
import TestSupport
import Testing

/// Many runs at once on one repository (overlapping cron jobs, a CI matrix) and runs
/// killed mid-promotion: each (Stage, Freight) is promoted exactly once, no state update
/// is lost, and a killed run's promotion is finished by the next run.
@Suite(.enabled(if: GitServerAvailability.available,
                "needs nginx, fcgiwrap and git http-backend (scripts/install-deps.sh); CI=true fails instead"))
struct ReconcileRaceTests {
    @Test func eightRunsAtOnceOverSeveralRoundsPromoteEachStageAndFreightOnce() async throws {
        let fixture = try GitOpsFixture()
        let rounds = [("1.1.0", "2026-11-23T09:00:00Z"), ("1.2.0", "2026-11-23T10:00:00Z"), ("1.3.0", "2026-11-23T11:00:00Z")]
        var freightNames: [String] = []
        for (tag, now) in rounds {
            let freight = fixture.freight(tag, discovered: now)
            freightNames.append(freight.metadata.name)
            try fixture.addFreight(freight)
            // Runs 0–3 share one cache folder (one machine), 4–7 have their own (CI jobs).
            let results = try await withThrowingTaskGroup(of: CLIResult.self) { group in
                for index in 0..<8 {
                    let cache = index < 4 ? "shared-cache" : "cache-\(index)"
                    group.addTask { try fixture.reconcile(now: now, cache: cache) }
                }
                var all: [CLIResult] = []
                for try await result in group { all.append(result) }
                return all
            }
            for result in results { #expect(result.status == 0, "\(result.output)") }
            let promoted = results.map { $0.stdout.components(separatedBy: "Succeeded").count - 1 }.reduce(0, +)
            #expect(promoted == 2, "round \(tag): \(results.map(\.stdout))")
        }

        let state = try fixture.state()
        // Every (Stage, Freight) exactly once, and all of them succeeded.
        var seen: [String: Int] = [:]
        for promotion in state.promotions { seen["\(promotion.spec.stage)/\(promotion.spec.freight ?? "")", default: 0] += 1 }
        #expect(seen.count == 6 && seen.values.allSatisfy { $0 == 1 }, "\(seen)")
        #expect(state.promotions.allSatisfy { $0.status?.phase == .succeeded && $0.lease == nil })
        // No lost update: the newest Freight is where it should be, older ones moved out.
        let newest = try #require(state.freight(in: "kargo-demo", named: freightNames[2]))
        #expect(newest.status?.currentlyIn?.keys.sorted() == ["test", "uat"])
        for older in freightNames.dropLast() {
            #expect(state.freight(in: "kargo-demo", named: older)?.status?.currentlyIn == nil)
        }
        #expect(state.stage(in: "kargo-demo", named: "test")?.status.freightHistory?.count == 3)
        // History complete: one claim and one result commit per promotion on the state ref,
        // and one manifest commit per promotion on main.
        let subjects = try fixture.onServer("log", "--format=%s", "freightline/state").split(separator: "\n")
        #expect(subjects.filter { $0.hasPrefix("Promoted ") }.count == 6)
        #expect(subjects.filter { $0.hasPrefix("Claim ") }.count >= 3)
        let main = try fixture.onServer("log", "--format=%s", "main").split(separator: "\n")
        #expect(main.filter { $0.hasPrefix("Promote ") }.count == 6)
    }

    /// Every step boundary of the example's five-step promotion (clone, set image, commit,
    /// push, set-metadata), before and after each step.
    static let boundaries: [String] = (0..<5).flatMap { ["before:\($0)", "after:\($0)"] }

    @Test(arguments: boundaries)
    func aRunKilledAtAStepBoundaryIsFinishedByTheNextRun(boundary: String) async throws {
        let fixture = try GitOpsFixture()
        try fixture.addFreight(fixture.freight("1.1.0"))
        let killed = try await runUntilPaused(fixture, now: "2026-11-23T09:00:00Z", boundary: boundary)
        #expect(killed, "the run never reached \(boundary)")
        // The killed run's claim holds for its lease; a run right after leaves it alone…
        let early = try fixture.reconcile(now: "2026-11-23T09:05:00Z", ["--stage", "test"])
        #expect(early.status == 0 && early.stdout.contains("Nothing to promote"), "\(early.output)")
        // …and once the lease has expired the next run finishes it.
        let next = try fixture.reconcile(now: "2026-11-23T09:11:00Z")
        #expect(next.status == 0, "\(next.output)")
        #expect(next.stdout.contains("Succeeded (resumed)"), "\(next.stdout)")

        let state = try fixture.state()
        let test = state.promotions.filter { $0.spec.stage == "test" }
        #expect(test.count == 1)
        #expect(test.first?.status?.phase == .succeeded && test.first?.lease == nil)
        #expect(state.freight[0].status?.currentlyIn?["test"] != nil)
        // The manifest change happened exactly once, whether or not the killed run had pushed.
        let main = try fixture.onServer("log", "--format=%s", "main").split(separator: "\n")
        #expect(main.filter { $0 == "Promote localhost:5000/demo/guestbook:1.1.0 to test" }.count == 1, "\(main)")
        #expect(try fixture.onServer("show", "main:env/test/kustomization.yaml").contains("newTag: 1.1.0"))
    }

    /// Starts `reconcile` with the pause hook, waits for it to reach the boundary, and
    /// kills it with SIGKILL. Returns whether it paused.
    private func runUntilPaused(_ fixture: GitOpsFixture, now: String, boundary: String) async throws -> Bool {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["reconcile", "--offline"] + fixture.flags(cache: "killed") + ["--now", now, "--stage", "test"]
        process.environment = ProcessInfo.processInfo.environment
            .merging(fixture.environment) { $1 }
            .merging(["FREIGHTLINE_TEST_PAUSE_AT": boundary]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        var paused = false
        while Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            if String(decoding: seen, as: UTF8.self).contains("freightline-test: paused") { paused = true; break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return paused
    }
}
