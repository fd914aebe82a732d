import Pipeline
import Promotions
import Testing

@Suite struct StateStepTests {
    @Test func setMetadataIsVisibleToLaterStepsAndReported() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("set-metadata", as: "meta", ["updates": .array([
                .object(["kind": "Stage", "name": "${{ ctx.stage }}", "values": .object(["release": "v2", "count": .int(3)])]),
                .object(["kind": "Freight", "name": "${{ ctx.targetFreight.name }}", "values": .object(["tested": .bool(true)])]),
            ])]),
            step("compose-output", as: "read", [
                "release": "${{ stageMetadata('test', 'release') }}",
                "kept": "${{ stageMetadata('test', 'owner') }}",
                "tested": "${{ freightMetadata('f1', 'tested') }}",
            ]),
        ])
        let environment = Fixture.environment(folder, stageMetadata: ["test": ["owner": "team-a", "release": "v1"]])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: environment)
        #expect(outcome.phase == .succeeded)
        #expect(outcome.output("read") == ["release": "v2", "kept": "team-a", "tested": .bool(true)])
        #expect(outcome.stageMetadataUpdates == ["test": ["release": "v2", "count": .int(3)]])
        #expect(outcome.freightMetadataUpdates == ["f1": ["tested": .bool(true)]])
        #expect(outcome.freightAliasUpdates.isEmpty)
        #expect(outcome.result.stageMetadata == outcome.stageMetadataUpdates)
    }

    @Test func setMetadataOnUnknownFreightErrors() async throws {
        let folder = try WorkFolder()
        let promotion = Fixture.promotion([
            step("set-metadata", as: "meta", ["updates": .array([
                .object(["kind": "Freight", "name": "nope", "values": .object(["a": "b"])]),
            ])]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read).run(promotion, in: Fixture.environment(folder))
        #expect(outcome.phase == .errored)
        #expect(outcome.status.message == "step `meta` errored: set-metadata: updates[0]: Freight `nope` not found")
        #expect(outcome.freightMetadataUpdates.isEmpty)
    }

    @Test func setFreightAliasRenamesAndRefusesTakenAliases() async throws {
        let folder = try WorkFolder()
        let other = Fixture.freight("f0", alias: "brave-fox")
        let promotion = Fixture.promotion([
            step("set-freight-alias", as: "rename", ["name": "${{ ctx.targetFreight.name }}", "alias": "release-2"]),
            step("compose-output", as: "read", ["alias": "${{ ctx.targetFreight.alias }}"]),
            step("set-freight-alias", as: "clash", if: "${{ always() }}", ["name": "f1", "alias": "brave-fox"]),
        ])
        let outcome = await PromotionEngine(clock: TickingClock().read)
            .run(promotion, in: Fixture.environment(folder, known: [other]))
        #expect(outcome.output("read") == ["alias": "release-2"])
        #expect(outcome.freightAliasUpdates == ["f1": "release-2"])
        #expect(outcome.phase == .errored)
        #expect(outcome.stepMessage("clash") == "set-freight-alias: alias `brave-fox` is already used by Freight `f0`")
    }
}
