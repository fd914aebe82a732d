import Expressions
import Pipeline
import Testing

/// Members, indexes, slices and literals on maps and lists.
@Suite struct AccessTests {
    static let table: [(String, ExpressionValue)] = [
        ("ctx.project", "shop"),
        ("ctx.stage", "prod"),
        ("ctx.promotion", "prod.01j.abc"),
        ("ctx.targetFreight.name", "f1a2b3"),
        ("ctx.targetFreight.origin.name", "app"),
        ("ctx.targetFreight.origin.kind", "Warehouse"),
        ("ctx.meta.promotion.actor", "admin@acme.dev"),
        ("ctx['stage']", "prod"),
        ("vars.nested.inner.value", "deep"),
        ("vars['nested'][\"inner\"].value", "deep"),
        ("vars.missing", nil),
        ("undefinedName", nil),
        ("outputs.commit.commit", "0123abc"),
        ("task.outputs.render.path", "task/out"),
        ("secrets.db.password", "s3cr3t"),
        ("vars.list[0]", 1),
        ("vars.list[-1]", 3),
        ("vars.list[1 + 1]", 3),
        ("vars.list[1:3]", [2, 3]),
        ("vars.list[:2]", [1, 2]),
        ("vars.list[1:]", [2, 3]),
        ("vars.list[:]", [1, 2, 3]),
        ("vars.list[-2:]", [2, 3]),
        ("vars.list[2:10]", [3]),
        ("'freight'[0:5]", "freig"),
        ("'freight'[2]", "e"),
        ("'freight'[-1]", "t"),
        ("[1, 'two', true, nil]", [1, "two", true, nil]),
        ("[]", []),
        ("[1, 2,]", [1, 2]),
        ("{a: 1, \"b\": 2}", ["a": 1, "b": 2]),
        ("{a: {b: [1]}}.a.b[0]", 1),
        ("{}", [:]),
        ("{'x-y': ctx.stage}['x-y']", "prod"),
        ("[[1, 2], [3]][1][0]", 3),
    ]

    @Test(arguments: table)
    func evaluates(_ source: String, _ expected: ExpressionValue) throws {
        #expect(try TestContext.eval(source) == expected, "\(source)")
    }
}
