import Pipeline
import Promotions
import Testing

@Suite struct PromotionFailureTests {
    @Test func configThatBreaksTheSchemaAfterEvaluationNamesStepAndField() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("compose-output", as: "numbers", ["answer": "${{ 40 + 2 }}"]),
            step("file-write", as: "write", ["path": "out.txt", "contents": "${{ outputs.numbers.answer }}", "mode": "0644"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        let message = try #require(outcome.status.message)
        #expect(message.hasPrefix("step `write` errored: invalid config for step `file-write`: "))
        #expect(message.contains("config.contents: expected a string, found integer"))
        #expect(message.contains("config.mode: unknown field `mode`"))
        #expect(folder.read("out.txt") == nil)
    }

    @Test func setMetadataWithAWrongKindIsRefusedBySchema() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("set-metadata", as: "meta", ["updates": .array([.object(["kind": "Warehouse", "name": "x", "values": .object(["a": "b"])])])]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.stepStatus("meta") == .errored)
        #expect(outcome.stepMessage("meta")?.contains("config.updates[0].kind") == true)
    }

    @Test func unsupportedStepFailsThePromotion() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([step("snow-create", as: "ticket", ["table": "x"])])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        #expect(outcome.status.message == "step `ticket` errored: step `snow-create` is not supported by Freightline yet")
    }

    @Test func unexpandedTaskReferenceErrors() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([PromotionStep(task: PromotionTaskReference(name: "t"), as: "t")])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        #expect(outcome.status.message?.contains("must be expanded") == true)
    }

    @Test func secretsNeverReachMessagesOrRecordedState() async throws {
        let folder = try WorkFolder()
        let secrets = ["creds": ["token": "s3cr3t-token-value"]]
        let promotion = Fixture.promotion([
            step("compose-output", as: "auth", ["header": "Bearer ${{ secret('creds').token }}"]),
            step("file-write", as: "use", ["path": "token.txt", "contents": "${{ outputs.auth.header }}"]),
            step("fail", as: "leak", ["message": "bad token ${{ secrets.creds.token }}"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read)
            .run(promotion, in: Fixture.environment(folder, secrets: secrets))
        // Later steps of the same run see the real value...
        #expect(folder.read("token.txt") == "Bearer s3cr3t-token-value")
        // ...but nothing recorded holds it.
        #expect(outcome.output("auth") == ["header": "Bearer ***"])
        #expect(outcome.status.message == "step `leak` failed: bad token ***")
        #expect(outcome.stepMessage("leak") == "bad token ***")
    }

    /// A token a step authenticates with (a step that echoed its own request, say) is masked
    /// too, though no expression can read it.
    @Test func credentialsStepsUseAreMaskedWithoutBeingReadable() async throws {
        let folder = try WorkFolder()
        var environment = Fixture.environment(folder)
        environment.maskedValues = ["argocd-t0ken-123"]
        let promotion = Fixture.promotion([
            step("compose-output", as: "echo", ["request": "Authorization: Bearer argocd-t0ken-123"]),
            step("fail", as: "leak", ["message": "401 for argocd-t0ken-123"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: environment)
        #expect(outcome.output("echo") == ["request": "Authorization: Bearer ***"])
        #expect(outcome.stepMessage("leak") == "401 for ***")
    }

    @Test func promotionVarsCannotSeeOutputsOrSecrets() async throws {
        let folder = try WorkFolder()
        let environment = Fixture.environment(folder, secrets: ["creds": ["token": "abcdefgh"]])
        let hidden = Fixture.promotion([
            step("compose-output", as: "b", ["secret": "${{ vars.hidden }}", "viaStepVar": "${{ vars.token }}"],
                 ).with(vars: [variable("token", "${{ secrets.creds }}")]),
        ], vars: [variable("hidden", "${{ secrets.creds }}")])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(hidden, in: environment)
        #expect(outcome.phase == .succeeded)
        #expect(outcome.output("b") == ["secret": .null, "viaStepVar": .null])

        let early = Fixture.promotion([
            step("compose-output", as: "a", ["x": "1"]),
            step("compose-output", as: "b", ["y": "${{ vars.early }}"]),
        ], vars: [variable("early", "${{ outputs.a.x }}")])
        let failed = await PromotionEngine(clock: TickingClock().read).run(early, in: environment)
        #expect(failed.phase == .errored)
        #expect(failed.stepMessage("a")?.hasPrefix("evaluating variable `early`: ") == true)
    }
}

extension PromotionStep {
    func with(vars: [PromotionVariable]) -> PromotionStep {
        var copy = self
        copy.vars = vars
        return copy
    }
}
