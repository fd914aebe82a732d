import Expressions
import Pipeline
import Testing

/// Whole-expression typing versus mixed text, Kargo's rendering, and the corpus expressions.
@Suite struct TemplateTests {
    static let table: [(String, JSONValue)] = [
        ("${{ 1 + 1 }}", .int(2)),
        ("${{ true }}", .bool(true)),
        ("${{ vars.ratio }}", .double(0.5)),
        ("${{ {a: 1} }}", .object(["a": .int(1)])),
        ("${{ vars.list }}", .array([.int(1), .int(2), .int(3)])),
        ("${{ vars.missing }}", .null),
        ("${{ 1e-7 }}", .double(1e-7)),
        ("${{ vars.replicas }}\n", .int(3)),
        ("${{ vars.stage }}\n", .string("prod\n")),
        ("${{ quote(42) }}", .string("42")),
        ("${{ quote('x') }}", .string("x")),
        ("${{ unsafeQuote('x') }}", .string("\"x\"")),
        ("${{ imageFrom(vars.image).Tag }}", .string("1.2.3")),
        ("plain text", .string("plain text")),
        ("42", .string("42")),
        ("true", .string("true")),
        ("", .string("")),
        ("$ {{ not an expression }}", .string("$ {{ not an expression }}")),
        ("replicas: ${{ vars.replicas }}", .string("replicas: 3")),
        ("ratio ${{ vars.ratio * 2 }}", .string("ratio 1")),
        ("${{ 3.0 }} apples", .string("3 apples")),
        ("${{ 1e21 }} and ${{ 0.000001 }}", .string("1e+21 and 0.000001")),
        ("${{ vars.list }} items", .string("[1,2,3] items")),
        ("flag=${{ vars.flag }}", .string("flag=true")),
        ("x${{ vars.missing }}", .string("xnull")),
        ("map ${{ {b: 'x<y', a: nil} }}", .string("map {\"a\":null,\"b\":\"x\\u003cy\"}")),
        (
            "img ${{ imageFrom(vars.image) }}",
            .string(
                "img {\"repoURL\":\"ghcr.io/acme/app\",\"tag\":\"1.2.3\",\"digest\":\"sha256:aaa\","
                    + "\"annotations\":{\"org.opencontainers.image.revision\":\"deadbeef\"}}")
        ),
        ("${{ warehouse('app') }}!", .string("{\"kind\":\"Warehouse\",\"name\":\"app\"}!")),
        ("${% ctx.stage %}", .string("prod")),
        ("${{ ctx.stage }}/${% ctx.project %}", .string("prod/shop")),
        ("line1\n${{ ctx.stage }}\n", .string("line1\nprod\n")),
        // corpus (/work/shared/corpus/**/*.yaml)
        ("${{ 'Update ' + vars.stage + ' to ' + imageFrom(vars.image).Tag }}", .string("Update prod to 1.2.3")),
        ("${{ commitFrom( vars.repoURL ).ID }}", .string("deadbeef")),
        ("${{ commitFrom( vars.repoURL ).Message }}", .string("Fix checkout")),
        ("${{ commitFrom(vars.gitRepo).ID }}", .string("deadbeef")),
        ("${{ imageFrom( vars.image ).Tag }}", .string("1.2.3")),
        ("${{ ctx.project }}-${{ ctx.stage }}", .string("shop-prod")),
        ("${{ ctx.project }}", .string("shop")),
        ("${{ ctx.stage }}", .string("prod")),
        ("${{ vars.stage }}", .string("prod")),
        ("${{ vars.repoURL }}", .string("https://github.com/acme/app")),
        ("${{ vars.branch }}", .string("env/prod")),
        ("${{ vars.gitRepo }}", .string("https://github.com/acme/app.git")),
        ("${{ ctx.targetFreight.name }}", .string("f1a2b3")),
        ("${{ stageMetadata(ctx.stage).lastPromotedAt }}", .string("2026-11-20T10:00:00Z")),
        ("${{ now() }}", .string("2026-11-23T10:45:00.5Z")),
        // Kargo marshals a time.Time with json.Marshal, quotes included, inside mixed text.
        ("promoted at ${{ now() }}", .string("promoted at \"2026-11-23T10:45:00.5Z\"")),
    ]

    @Test(arguments: table)
    func evaluates(_ text: String, _ expected: JSONValue) throws {
        #expect(try ExpressionTemplate.evaluate(text, context: TestContext.context) == expected, "\(text)")
    }

    @Test func evaluatesStepConfigRecursively() throws {
        let config: JSONValue = .object([
            "path": .string("./out/${{ ctx.stage }}"),
            "replicas": .string("${{ vars.replicas }}"),
            "${{ keys }}": .string("kept"),
            "images": .array([.object(["tag": .string("${{ imageFrom(vars.image).Tag }}")]), .int(7)]),
            "enabled": .bool(false),
        ])
        let result = try ExpressionTemplate.evaluate(config, context: TestContext.context)
        #expect(
            result
                == .object([
                    "path": .string("./out/prod"),
                    "replicas": .int(3),
                    "${{ keys }}": .string("kept"),
                    "images": .array([.object(["tag": .string("1.2.3")]), .int(7)]),
                    "enabled": .bool(false),
                ]))
    }
}

/// Every `${{ }}` in the shared corpus (../shared/corpus beside the repository) parses.
/// CI always has the corpus; elsewhere its absence is tolerated.
@Suite struct CorpusTests {
    @Test func corpusExpressionsParse() throws {
        let root = CorpusFiles.root
        let lines = CorpusFiles.templateLines(under: root)
        if CorpusFiles.exists(root) || CorpusFiles.isCI { #expect(lines.count >= 20, "corpus at \(root)") }
        for (file, line) in lines {
            #expect(ExpressionTemplate.check(line).isEmpty, "\(file): \(line)")
        }
    }
}
