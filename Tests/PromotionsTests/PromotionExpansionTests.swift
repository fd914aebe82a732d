import Pipeline
import Promotions
import Testing

@Suite struct PromotionExpansionTests {
    static let task = PromotionTask(
        metadata: ObjectMeta(name: "open-pr", namespace: "demo"),
        spec: PromotionTaskSpec(
            vars: [variable("repo"), variable("branch", "main")],
            steps: [
                step("compose-output", as: "out", ["branch": "${{ vars.branch }}", "repo": "${{ vars.repo }}"]),
                step("compose-output", ["echo": "${{ task.outputs.out.branch }}"]),
            ]))

    @Test func plainStepsGetKargoDefaultAliasesAndTasksAreInflated() throws {
        let template = PromotionTemplate(spec: PromotionTemplateSpec(steps: [
            step("file-write", ["path": "a", "contents": "x"]),
            PromotionStep(task: PromotionTaskReference(name: "open-pr"), as: "pr", vars: [variable("repo", "r1")]),
            PromotionStep(task: PromotionTaskReference(name: "open-pr"), vars: [variable("repo", "r2"), variable("branch", "dev")]),
            step("compose-output", as: "last", ["x": "y"]),
        ]))
        let steps = try PromotionExpansion.steps(for: template, tasks: [Self.task])
        #expect(steps.map(\.as) == ["step-1", "pr::out", "pr::step-2", "task-3::out", "task-3::step-2", "last"])
        #expect(steps.allSatisfy { $0.task == nil && $0.uses != nil })
        // Task defaults first, then the task step's vars, which override when evaluated in order.
        #expect(steps[1].vars == [variable("branch", "main"), variable("repo", "r1")])
        #expect(steps[3].vars == [variable("branch", "main"), variable("repo", "r2"), variable("branch", "dev")])
        #expect(steps[0].vars == nil)
    }

    @Test func clusterTasksAreFoundByKind() throws {
        let cluster = ClusterPromotionTask(metadata: ObjectMeta(name: "shared"), spec: PromotionTaskSpec(steps: [
            step("compose-output", ["a": "b"]),
        ]))
        let template = PromotionTemplate(spec: PromotionTemplateSpec(steps: [
            PromotionStep(task: PromotionTaskReference(name: "shared", kind: .clusterPromotionTask)),
        ]))
        #expect(try PromotionExpansion.steps(for: template, clusterTasks: [cluster]).map(\.as) == ["task-1::step-1"])
        #expect(throws: PromotionExpansionError.taskNotFound(index: 0, name: "shared", kind: .promotionTask)) {
            try PromotionExpansion.steps(for: PromotionTemplate(spec: PromotionTemplateSpec(steps: [
                PromotionStep(task: PromotionTaskReference(name: "shared")),
            ])), clusterTasks: [cluster])
        }
    }

    @Test func missingTaskInputIsRefusedUnlessThePromotionDefinesIt() throws {
        let template = PromotionTemplate(spec: PromotionTemplateSpec(steps: [
            PromotionStep(task: PromotionTaskReference(name: "open-pr"), as: "pr"),
        ]))
        #expect(throws: PromotionExpansionError.missingTaskVariable(task: "open-pr", taskAlias: "pr", variable: "repo")) {
            try PromotionExpansion.steps(for: template, tasks: [Self.task])
        }
        let steps = try PromotionExpansion.steps(for: template, promotionVars: [variable("repo", "global")], tasks: [Self.task])
        #expect(steps[0].vars == [variable("branch", "main")])
    }

    @Test func nestedTasksAndUnknownStepsAreRefused() {
        let nested = PromotionTask(metadata: ObjectMeta(name: "outer"), spec: PromotionTaskSpec(steps: [
            PromotionStep(task: PromotionTaskReference(name: "open-pr")),
        ]))
        #expect(throws: PromotionExpansionError.nestedTask(task: "outer", index: 0)) {
            try PromotionExpansion.steps(for: PromotionTemplate(spec: PromotionTemplateSpec(steps: [
                PromotionStep(task: PromotionTaskReference(name: "outer")),
            ])), tasks: [nested, Self.task])
        }
        let unknown = PromotionTemplate(spec: PromotionTemplateSpec(steps: [step("snow-create", as: "ticket")]))
        #expect(throws: PromotionExpansionError.unsupportedStep(alias: "ticket", uses: "snow-create")) {
            try PromotionExpansion.steps(for: unknown)
        }
        #expect(PromotionExpansionError.unsupportedStep(alias: "ticket", uses: "snow-create").description
            == "step `ticket`: step `snow-create` is not supported by Freightline yet")
        let duplicate = PromotionTemplate(spec: PromotionTemplateSpec(steps: [step("compose-output", as: "a"), step("fail", as: "a")]))
        #expect(throws: PromotionExpansionError.duplicateAlias("a")) { try PromotionExpansion.steps(for: duplicate) }
    }

    @Test func specCarriesStageAndTemplateVars() throws {
        var stage = Fixture.stage(vars: [variable("b", "2")], steps: [step("set-metadata", as: "meta")])
        stage.spec.vars = [variable("a", "1")]
        let spec = try PromotionExpansion.spec(stage: stage, freight: "f1")
        #expect(spec.stage == "test")
        #expect(spec.freight == "f1")
        #expect(spec.vars == [variable("a", "1"), variable("b", "2")])
        #expect(spec.steps?.map(\.as) == ["meta"])
        let bad = Fixture.stage(steps: [PromotionStep(task: PromotionTaskReference(name: "missing"))])
        #expect(throws: PromotionSetupError.self) { try PromotionExpansion.steps(for: bad).get() }
    }
}
