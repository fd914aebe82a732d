import Expressions
import Pipeline
import Testing

/// Kargo's functions against two target Freight, plus expr-lang builtins.
@Suite struct FunctionTests {
    static let kargo: [(String, ExpressionValue)] = [
        // artifacts and Go field names
        ("imageFrom(vars.image).Tag", "1.2.3"),
        ("imageFrom('ghcr.io/acme/app').Digest", "sha256:aaa"),
        ("imageFrom('GHCR.io/acme/app').RepoURL", "ghcr.io/acme/app"),
        ("imageFrom('ghcr.io/acme/app').Annotations['org.opencontainers.image.revision']", "deadbeef"),
        ("imageFrom('nginx').Tag", "1.25.3"),
        ("imageFrom('docker.io/nginx').Digest", "sha256:bbb"),
        ("imageFrom('ghcr.io/acme/shared', warehouse('infra')).Tag", "2.1.0"),
        ("imageFrom('ghcr.io/acme/shared', warehouse('app')).Tag", "2.0.0"),
        ("commitFrom(vars.repoURL).ID", "deadbeef"),
        ("commitFrom('https://github.com/acme/app.git').Message", "Fix checkout"),
        ("commitFrom('https://GitHub.com/acme/app/').Branch", "main"),
        ("commitFrom(vars.repoURL).Tag", "v1.2.3"),
        ("commitFrom(vars.repoURL).Author", "Ada <ada@acme.dev>"),
        ("commitFrom(vars.repoURL).Committer", "Bot <bot@acme.dev>"),
        ("commitFrom(vars.repoURL).RepoURL", "https://github.com/acme/app.git"),
        ("commitFrom('https://github.com/acme/infra', warehouse('infra')).ID", "cafef00d"),
        ("commitFrom('https://github.com/acme/infra').Tag", ""),
        ("chartFrom('oci://ghcr.io/acme/charts/app').Version", "1.0.0"),
        ("chartFrom('https://charts.example.com', 'redis').Version", "18.0.0"),
        ("chartFrom('https://charts.example.com', 'redis', warehouse('infra')).Name", "redis"),
        ("chartFrom('oci://ghcr.io/acme/charts/app', warehouse('app')).RepoURL", "oci://ghcr.io/acme/charts/app"),
        ("artifactFrom('docs').Version", "v7"),
        ("artifactFrom('docs').Metadata.size", 12),
        ("artifactFrom('app-image').Version", "1.2.3"),
        ("artifactFrom('app-src', warehouse('app')).ArtifactType", "git"),
        ("warehouse('app').Name", "app"),
        ("warehouse('app').Kind", "Warehouse"),
        // metadata, config, secrets
        ("freightMetadata(ctx.targetFreight.name).approvedBy", "alice"),
        ("freightMetadata('f1a2b3', 'score')", 3),
        ("freightMetadata('old999').note", "superseded"),
        ("freightMetadata('unknown')", nil),
        ("freightMetadata('f1a2b3', 'absent')", nil),
        ("stageMetadata(ctx.stage).lastPromotedAt", "2026-11-20T10:00:00Z"),
        ("stageMetadata('prod', 'owner')", "ops"),
        ("stageMetadata('qa')", nil),
        ("configMap('settings').region", "eu-west-1"),
        ("configMap('absent')", [:]),
        ("secret('db').password", "s3cr3t"),
        ("secret('absent').password", nil),
        // quoting
        ("quote('hi')", "\"hi\""),
        ("quote(42)", "\"42\""),
        ("quote(true)", "\"true\""),
        ("quote('a\"b')", "\"a\\\"b\""),
        ("unsafeQuote('hi')", "\"\"hi\"\""),
        ("unsafeQuote({a: 1})", "\"{\"a\":1}\""),
        ("asJSON([1, 'x'])", "[1,\"x\"]"),
        // semver
        ("semverParse('1.2.3').Major()", 1),
        ("semverParse(vars.version).Minor()", 4),
        ("semverParse(vars.version).Patch()", 2),
        ("semverParse(vars.version).Prerelease()", "rc.1"),
        ("semverParse(vars.version).Metadata()", "build.9"),
        ("semverParse(vars.version).Original()", "v1.4.2-rc.1+build.9"),
        ("semverParse(vars.version).String()", "1.4.2-rc.1+build.9"),
        ("semverParse('v2').Major", 2),
        ("semverParse('1.2.3').IncMinor().String()", "1.3.0"),
        ("semverParse('1.2.3-rc.1').IncPatch().String()", "1.2.3"),
        ("semverParse('1.2.3').IncMajor().String()", "2.0.0"),
        ("semverParse('1.2.3').LessThan(semverParse('1.10.0'))", true),
        ("semverParse('1.2.3').GreaterThan('1.2.3-rc.1')", true),
        ("semverParse('1.2.3').Compare('1.2.3')", 0),
        ("semverDiff('1.2.3', '2.0.0')", "Major"),
        ("semverDiff('1.2.3', '1.3.0')", "Minor"),
        ("semverDiff('1.2.3', '1.2.4')", "Patch"),
        ("semverDiff('1.2.3+a', '1.2.3+b')", "Metadata"),
        ("semverDiff('v1.2.3', '1.2.3')", "None"),
        ("semverDiff('1.2.3-rc.1', '1.2.3')", "None"),
        ("semverDiff('latest', '1.2.3')", "Incomparable"),
        // step status
        ("always()", true),
        ("failure()", true),
        ("success()", false),
        ("status('render')", "Failed"),
        ("status('clone')", ""),
        ("status('unknown')", ""),
        ("outputFrom('commit').commit", "0123abc"),
        ("outputFrom('render', 'task').path", "out/prod"),
        ("outputFrom('absent')", nil),
    ]

    @Test(arguments: kargo)
    func kargoFunctions(_ source: String, _ expected: ExpressionValue) throws {
        #expect(try TestContext.eval(source) == expected, "\(source)")
    }

    @Test func statusFunctionsWhenHealthy() throws {
        #expect(try TestContext.eval("success()", in: TestContext.healthy) == true)
        #expect(try TestContext.eval("failure()", in: TestContext.healthy) == false)
        #expect(try TestContext.eval("status('clone')", in: TestContext.healthy) == "Succeeded")
    }

    @Test func nowUsesTheInjectedClock() throws {
        let value = try TestContext.eval("now()")
        #expect(value.jsonValue == .string("2026-11-23T10:45:00.5Z"))
        #expect(try TestContext.eval("now() == now()") == true)
    }

    static let builtins: [(String, ExpressionValue)] = [
        ("len('héllo')", 5),
        ("len(vars.list)", 3),
        ("len({a: 1})", 1),
        ("upper('abc')", "ABC"),
        ("lower('ABC')", "abc"),
        ("trim('  x y  ')", "x y"),
        ("trim('--x--', '-')", "x"),
        ("trimPrefix('v1.2', 'v')", "1.2"),
        ("trimSuffix('app.git', '.git')", "app"),
        ("split('a,b,c', ',')", ["a", "b", "c"]),
        ("split('a,b,c', ',', 2)", ["a", "b,c"]),
        ("split('', ',')", [""]),
        ("join(['a', 'b'], '-')", "a-b"),
        ("join(vars.names)", "abc"),
        ("replace('a.b.c', '.', '/')", "a/b/c"),
        ("repeat('ab', 3)", "ababab"),
        ("indexOf('hello', 'l')", 2),
        ("lastIndexOf('hello', 'l')", 3),
        ("hasPrefix('release/1', 'release/')", true),
        ("hasSuffix('x.yaml', '.yml')", false),
        ("toJSON({b: 1, a: [true, nil]})", "{\n  \"a\": [\n    true,\n    null\n  ],\n  \"b\": 1\n}"),
        ("toJSON('<&>')", "\"\\u003c\\u0026\\u003e\""),
        ("fromJSON('{\"a\": [1, \"x\"]}').a[1]", "x"),
        ("fromJSON('3') + 1", 4.0),
        ("toBase64('kargo')", "a2FyZ28="),
        ("fromBase64('a2FyZ28=')", "kargo"),
        ("string(42)", "42"),
        ("string(1.5)", "1.5"),
        ("string(1e21)", "1e+21"),
        ("string(vars.list)", "[1 2 3]"),
        ("string(nil)", "<nil>"),
        ("int('42')", 42),
        ("int(3.9)", 3),
        ("float('2.5')", 2.5),
        ("float(2)", 2.0),
        ("abs(-3)", 3),
        ("abs(-2.5)", 2.5),
        ("ceil(1.2)", 2.0),
        ("floor(1.8)", 1.0),
        ("round(2.5)", 3.0),
        ("max(1, 5, 3)", 5),
        ("min(vars.list)", 1),
        ("max(1, 2.5)", 2.5),
        ("sum([1, 2, 3])", 6),
        ("mean([1, 2])", 1.5),
        ("first(vars.names)", "a"),
        ("last(vars.names)", "c"),
        ("first([])", nil),
        ("keys({b: 1, a: 2})", ["a", "b"]),
        ("values({b: 1, a: 2})", [2, 1]),
        ("type(1.5)", "float"),
        ("reverse([1, 2, 3])", [3, 2, 1]),
        ("sort([3, 1, 2])", [1, 2, 3]),
        ("sort(['b', 'a'], 'desc')", ["b", "a"]),
        ("uniq([1, 1, 2])", [1, 2]),
        ("concat([1], [2, 3])", [1, 2, 3]),
        ("flatten([1, [2, [3]]])", [1, 2, 3]),
        ("get({a: 1}, 'a')", 1),
        ("get([1], 5)", nil),
    ]

    @Test(arguments: builtins)
    func exprBuiltins(_ source: String, _ expected: ExpressionValue) throws {
        #expect(try TestContext.eval(source) == expected, "\(source)")
    }

    @Test func artifactsMarshalWithJSONTags() throws {
        let image = try TestContext.eval("imageFrom(vars.image)")
        #expect(
            image.jsonValue
                == .object([
                    "repoURL": .string("ghcr.io/acme/app"), "tag": .string("1.2.3"), "digest": .string("sha256:aaa"),
                    "annotations": .object(["org.opencontainers.image.revision": .string("deadbeef")]),
                ]))
        let origin = try TestContext.eval("warehouse('app')")
        #expect(origin.jsonValue == .object(["kind": .string("Warehouse"), "name": .string("app")]))
        #expect(try TestContext.eval("semverParse('v1.2')").jsonValue == .string("1.2.0"))
    }
}

@Suite struct SharedResourceTests {
    @Test func sharedConfigMapAndSecret() throws {
        var context = TestContext.context
        context.sharedConfigMaps = ["global": ["tz": "UTC"]]
        context.sharedSecrets = ["token": ["value": "t0k"]]
        #expect(try TestContext.eval("sharedConfigMap('global').tz", in: context) == "UTC")
        #expect(try TestContext.eval("sharedSecret('token').value", in: context) == "t0k")
        #expect(try TestContext.eval("sharedSecret('absent')", in: context) == [:])
    }

    @Test func unsupportedKargoFunctionsParseButFailAtRuntime() throws {
        #expect(ExpressionTemplate.check("${{ freightStatus('x') }} ${{ asYAML(vars) }}").isEmpty)
        #expect(throws: ExpressionRuntimeError("freightStatus() is not supported by Freightline", column: 1)) {
            try TestContext.eval("freightStatus('x')")
        }
    }
}
