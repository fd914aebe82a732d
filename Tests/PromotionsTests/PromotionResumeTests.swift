import Pipeline
import Promotions
import Steps
import Testing

@Suite struct PromotionResumeTests {
    @Test func retryableErrorsAreRetriedOnLaterRunsUpToTheThreshold() async throws {
        let folder = try WorkFolder()
        let attempts = Attempts()
        let engine = PromotionEngine(
            clock: TickingClock().read, runner: runners(ScriptedStep([.retryable, .retryable, .succeed], attempts: attempts)))
        var promotion = Fixture.promotion([
            step("compose-output", as: "before", ["x": "1"]),
            step("scripted", as: "push", retry: PromotionStepRetry(errorThreshold: 3)),
            step("compose-output", as: "after", ["attempt": "${{ outputs.push.attempt }}"]),
        ])
        let environment = Fixture.environment(folder)

        let first = await engine.run(promotion, in: environment)
        #expect(first.phase == .running)
        #expect(first.waiting == .retrying(alias: "push", errorCount: 1, errorThreshold: 3))
        #expect(first.status.currentStep == 1)
        #expect(first.stepStatus("push") == .errored)
        #expect(first.stepMessage("push") == "attempt 1 of 3 failed, retrying on the next run: registry busy (attempt 1)")
        #expect(first.status.finishedAt == nil)

        promotion.status = first.status
        let second = await engine.run(promotion, in: environment)
        #expect(second.waiting == .retrying(alias: "push", errorCount: 2, errorThreshold: 3))

        promotion.status = second.status
        let third = await engine.run(promotion, in: environment)
        #expect(third.phase == .succeeded)
        #expect(third.output("after") == ["attempt": .int(3)])
        #expect(third.status.stepExecutionMetadata?[1].errorCount == 2)
        #expect(third.status.stepExecutionMetadata?[1].startedAt == first.status.stepExecutionMetadata?[1].startedAt)
        #expect(attempts.total == 3)
    }

    @Test func meetingTheThresholdErrorsThePromotion() async throws {
        let folder = try WorkFolder()
        let engine = PromotionEngine(
            clock: TickingClock().read, runner: runners(ScriptedStep([.retryable], attempts: Attempts())))
        var promotion = Fixture.promotion([step("scripted", as: "push", retry: PromotionStepRetry(errorThreshold: 2))])
        let first = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(first.phase == .running)
        promotion.status = first.status
        let second = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(second.phase == .errored)
        #expect(second.status.message == "step `push` errored: failed 2 times (error threshold 2): registry busy (attempt 2)")
    }

    @Test func withoutRetryOneRetryableErrorEndsTheStep() async throws {
        let folder = try WorkFolder()
        let engine = PromotionEngine(
            clock: TickingClock().read, runner: runners(ScriptedStep([.retryable], attempts: Attempts())))
        let outcome = await engine.run(Fixture.promotion([step("scripted", as: "push")]), in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        #expect(outcome.status.message == "step `push` errored: registry busy (attempt 1)")
        #expect(outcome.status.stepExecutionMetadata?.first?.errorCount == 1)
    }

    @Test func stepDefaultsSetTheThresholdWhenRetryIsUnset() async throws {
        let folder = try WorkFolder()
        let engine = PromotionEngine(
            clock: TickingClock().read, runner: runners(ScriptedStep([.retryable], attempts: Attempts())),
            retryDefaults: { $0 == ScriptedStep.name ? StepRetryDefaults(errorThreshold: 5) : .system })
        let outcome = await engine.run(Fixture.promotion([step("scripted", as: "push")]), in: Fixture.environment(folder))
        #expect(outcome.waiting == .retrying(alias: "push", errorCount: 1, errorThreshold: 5))
    }

    @Test func runningStepLeavesThePromotionRunningAndResumesThere() async throws {
        let folder = try WorkFolder()
        let log = BoundaryLog()
        let engine = PromotionEngine(
            clock: TickingClock().read, runner: runners(ScriptedStep([.running, .succeed], attempts: Attempts())),
            stepBoundary: log.callback)
        var promotion = Fixture.promotion([
            // Writing again would fail (no overwrite), so a rerun of this step would show.
            step("file-write", as: "write", ["path": "once.txt", "contents": "1"]),
            step("compose-output", as: "a", ["x": "from-a"]),
            step("scripted", as: "wait"),
            step("compose-output", as: "b", ["y": "${{ outputs.a.x }}"]),
        ])
        let first = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(first.phase == .running)
        #expect(first.waiting == .stepRunning(alias: "wait"))
        #expect(first.status.currentStep == 2)
        #expect(first.status.message == "waiting for the pull request")
        #expect(first.stepStatus("wait") == .running)
        #expect(first.status.state?["a"] == .object(["x": "from-a"]))

        promotion.status = first.status
        let second = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(second.phase == .succeeded)
        #expect(second.output("b") == ["y": "from-a"])
        #expect(second.status.startedAt == first.status.startedAt)
        let resumed = log.all.dropFirst(6).map { "\($0.moment.rawValue) \($0.alias)" }
        #expect(resumed == ["willStart wait", "didEnd wait", "willStart b", "didEnd b"])
    }

    @Test func resumeFromARecordedStatusRestoresState() async throws {
        let folder = try WorkFolder()
        let status = PromotionStatus(
            phase: .running, startedAt: Timestamp(secondsSinceEpoch: 100), currentStep: 1,
            stepExecutionMetadata: [StepExecutionMetadata(alias: "write", status: .succeeded)],
            state: .object(["write": .object(["path": "kept.txt"])]))
        let promotion = Fixture.promotion([
            step("fail", as: "write", ["message": "must not run again"]),
            step("file-write", as: "next", ["path": "${{ outputs.write.path }}", "contents": "${{ quote(success()) }}"]),
        ], status: status)
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .succeeded)
        #expect(folder.read("kept.txt") == "true")
        #expect(outcome.status.startedAt == Timestamp(secondsSinceEpoch: 100))
    }

    @Test func stepThatEndedBeforeACrashIsNotRunAgain() async throws {
        let folder = try WorkFolder()
        let status = PromotionStatus(
            phase: .running, currentStep: 0,
            stepExecutionMetadata: [StepExecutionMetadata(
                alias: "write", startedAt: Timestamp(secondsSinceEpoch: 1), finishedAt: Timestamp(secondsSinceEpoch: 2),
                status: .succeeded)])
        let promotion = Fixture.promotion([
            step("fail", as: "write", ["message": "must not run again"]),
            step("compose-output", as: "next", ["ok": "yes"]),
        ], status: status)
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .succeeded)
        #expect(outcome.output("next") == ["ok": "yes"])
    }

    @Test func runningStepPastItsTimeoutErrors() async throws {
        let folder = try WorkFolder()
        let clock = TickingClock()
        let engine = PromotionEngine(clock: clock.read, runner: runners(ScriptedStep([.running], attempts: Attempts())))
        var promotion = Fixture.promotion([step("scripted", as: "wait", retry: PromotionStepRetry(timeout: "1h"))])
        let first = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(first.phase == .running)
        clock.advance(by: 3_601)
        promotion.status = first.status
        let second = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(second.phase == .errored)
        #expect(second.status.message == "step `wait` errored: timed out after 1h0m0s")
    }

    @Test func finishedPromotionIsLeftAlone() async throws {
        let folder = try WorkFolder()
        let status = PromotionStatus(phase: .succeeded, currentStep: 0)
        let promotion = Fixture.promotion([step("fail", ["message": "no"])], status: status)
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.status == status)
    }
}

/// A waiting step sees, on its next run, what it output when it was left Running.
@Suite struct WaitingStepMemoryTests {
    struct Looking: PromotionStepRunner {
        static let name = "looking"
        init() {}
        func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
            let looks = (context.previousOutput["looks"].flatMap { if case .int(let n) = $0 { n } else { nil } } ?? 0) + 1
            return StepResult(status: looks < 3 ? .running : .succeeded, output: ["looks": .int(looks)])
        }
    }

    @Test func previousOutputCarriesAcrossRuns() async throws {
        let folder = try WorkFolder()
        let engine = PromotionEngine(clock: TickingClock().read) { $0 == Looking.name ? Looking() : StepRegistry.runner(named: $0) }
        var promotion = Fixture.promotion([step("looking", as: "look")])
        for expected in [Int64(1), 2] {
            let outcome = await engine.run(promotion, in: Fixture.environment(folder))
            #expect(outcome.phase == .running)
            #expect(outcome.output("look") == ["looks": .int(expected)])
            promotion.status = outcome.status
        }
        let last = await engine.run(promotion, in: Fixture.environment(folder))
        #expect(last.phase == .succeeded)
        #expect(last.output("look") == ["looks": .int(3)])
    }
}
