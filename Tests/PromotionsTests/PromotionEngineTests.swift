import Pipeline
import Promotions
import Testing

@Suite struct PromotionEngineTests {
    @Test func outputsAndVarsFlowBetweenRealFileSteps() async throws {
        let folder = try WorkFolder()
        let clock = TickingClock()
        let stage = Fixture.stage(vars: [variable("greeting", "hello ${{ ctx.stage }}"), variable("file", "a.txt")])
        let promotion = Fixture.promotion([
            step("file-write", as: "write", ["path": "${{ vars.file }}", "contents": "${{ vars.greeting }}\n"]),
            step("compose-output", as: "info", vars: [variable("file", "b.txt")],
                 ["source": "a.txt", "target": "${{ vars.file }}", "answer": "${{ 40 + 2 }}"]),
            step("copy", ["inPath": "${{ outputs.info.source }}", "outPath": "${{ outputs.info.target }}"]),
            step("file-write", ["path": "c.txt",
                                "contents": "${{ outputs.info.answer }} from ${{ ctx.targetFreight.alias }} by ${{ ctx.meta.promotion.actor }}"]),
        ], vars: PromotionExpansion.variables(for: stage))
        let outcome = await PromotionEngine(clock: clock.read).run(promotion, in: Fixture.environment(folder, stage: stage))

        #expect(outcome.phase == .succeeded)
        #expect(outcome.status.message == nil)
        #expect(folder.read("a.txt") == "hello test\n")
        #expect(folder.read("b.txt") == "hello test\n")
        #expect(folder.read("c.txt") == "42 from calm-otter by admin")
        #expect(outcome.output("info") == ["source": "a.txt", "target": "b.txt", "answer": .int(42)])
        #expect(outcome.status.stepExecutionMetadata?.map(\.alias) == ["write", "info", "step-3", "step-4"])
        #expect(outcome.status.stepExecutionMetadata?.allSatisfy { $0.status == .succeeded } == true)
        #expect(outcome.status.currentStep == 3)
        #expect(outcome.status.finishedAt != nil)
        #expect(outcome.isFinal && outcome.waiting == nil)
    }

    @Test func runIsDeterministicGivenTheClock() async throws {
        func once() async throws -> PromotionStatus {
            let folder = try WorkFolder()
            let promotion = Fixture.promotion([
                step("compose-output", as: "a", ["now": "${{ now() }}"]),
                step("fail", ["message": "stop"]),
                step("compose-output", if: "${{ always() }}", ["x": "y"]),
            ])
            return await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder)).status
        }
        let first = try await once()
        let second = try await once()
        #expect(first == second)
        #expect(first.startedAt == Timestamp(secondsSinceEpoch: 1_800_000_001))
        #expect(first.stepExecutionMetadata?.first?.startedAt == Timestamp(secondsSinceEpoch: 1_800_000_002))
    }

    @Test func taskStepsSeeTheirVarsAndTaskOutputsAndPublishComposedOutputs() async throws {
        let folder = try WorkFolder()
        let task = PromotionTask(metadata: ObjectMeta(name: "render", namespace: "demo"), spec: PromotionTaskSpec(
            vars: [variable("name"), variable("suffix", "txt")],
            steps: [
                step("file-write", as: "write", ["path": "${{ vars.name }}.${{ vars.suffix }}", "contents": "rendered"]),
                step("compose-output", as: "local", ["file": "${{ vars.name }}.${{ vars.suffix }}"]),
                step("compose-output", ["path": "${{ task.outputs.local.file }}", "status": "${{ status('write') }}"]),
            ]))
        let stage = Fixture.stage(steps: [
            PromotionStep(task: PromotionTaskReference(name: "render"), as: "render", vars: [variable("name", "app")]),
            step("copy", ["inPath": "${{ outputs.render.path }}", "outPath": "copy-of-${{ outputs['render::local'].file }}"]),
        ])
        let spec = try PromotionExpansion.spec(stage: stage, freight: "f1", tasks: [task])
        #expect(spec.steps?.map(\.as) == ["render::write", "render::local", "render::step-3", "step-2"])
        let promotion = Promotion(metadata: ObjectMeta(name: "p", namespace: "demo"), spec: spec)
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder, stage: stage))

        #expect(outcome.phase == .succeeded)
        #expect(folder.read("app.txt") == "rendered")
        #expect(folder.read("copy-of-app.txt") == "rendered")
        // Every compose-output inside the task publishes under the task's alias, as in Kargo.
        #expect(outcome.output("render") == ["file": "app.txt", "path": "app.txt", "status": "Succeeded"])
        #expect(outcome.output("render::local") == ["file": "app.txt"])
    }

    @Test func conditionsFollowSuccessFailureAndAlways() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("fail", as: "boom", ["message": "tests are red"]),
            step("compose-output", as: "always", if: "${{ always() }}", ["ran": "yes"]),
            step("compose-output", as: "on-failure", if: "${{ failure() }}", ["status": "${{ status('boom') }}"]),
            step("compose-output", as: "on-success", if: "${{ success() }}", ["ran": "yes"]),
            step("compose-output", as: "default", ["ran": "yes"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))

        #expect(outcome.phase == .failed)
        #expect(outcome.status.message == "step `boom` failed: tests are red")
        #expect(outcome.stepStatus("boom") == .failed)
        #expect(outcome.stepStatus("always") == .succeeded)
        #expect(outcome.output("on-failure") == ["status": "Failed"])
        #expect(outcome.stepStatus("on-success") == .skipped)
        #expect(outcome.stepStatus("default") == .skipped)
        #expect(outcome.output("default") == nil)
    }

    @Test func ifThatIsNotABooleanErrorsTheStep() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([step("compose-output", as: "odd", if: "${{ 'yes' }}", ["a": "b"])])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        #expect(outcome.stepMessage("odd")?.contains("must evaluate to a boolean") == true)
    }

    @Test func continueOnErrorKeepsThePromotionSucceeding() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("fail", as: "optional", continueOnError: true, ["message": "lint warnings"]),
            step("compose-output", as: "next", ["success": "${{ success() }}", "status": "${{ status('optional') }}"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .succeeded)
        #expect(outcome.stepStatus("optional") == .failed)
        #expect(outcome.status.stepExecutionMetadata?.first?.continueOnError == true)
        #expect(outcome.output("next") == ["success": .bool(true), "status": "Failed"])
    }

    @Test func boundaryEventsSurroundEveryStep() async throws {
        let folder = try WorkFolder()
        let log = BoundaryLog()
        let promotion = Fixture.promotion([step("compose-output", as: "a", ["x": "1"]), step("compose-output", as: "b", ["y": "2"])])
        _ = await PromotionEngine(clock: TickingClock().read, stepBoundary: log.callback).run(promotion, in: Fixture.environment(folder))
        let events = log.all
        #expect(events.map { "\($0.moment.rawValue) \($0.alias)" } == ["willStart a", "didEnd a", "willStart b", "didEnd b"])
        #expect(events[1].stepStatus == .succeeded)
        #expect(events[2].promotionStatus.currentStep == 1)
        #expect(events[2].promotionStatus.phase == .running)
        #expect(events[2].promotionStatus.state?["a"]?["x"] == "1")
    }
}
