import Expressions
import Pipeline
import Testing

/// Syntax errors carry the column and a plain message; runtime errors say what is missing.
@Suite struct ErrorTests {
    static let syntax: [(String, String)] = [
        ("1 + )", "unexpected `)` at column 5; expected an operand"),
        ("(1 + 2", "unexpected end of expression at column 7; expected `)` to close the `(` at column 1"),
        (
            "imageFrom(vars.image).Tag)",
            "unexpected `)` at column 26; expected an operator or the end of the expression"
        ),
        ("'abc", "unterminated string literal at column 1; expected a closing '"),
        ("a ? b", "unexpected end of expression at column 6; expected `:` in the conditional started at column 3"),
        ("imagefrom('x')", "unknown function `imagefrom` at column 1; did you mean `imageFrom`?"),
        ("vars.list[1", "unexpected end of expression at column 12; expected `]` to close the `[` at column 10"),
        ("1 +* 2", "unexpected `*` at column 4; expected an operand"),
        ("vars.a | upper()", "unexpected `|` at column 8; pipes are not supported"),
        ("", "empty expression at column 1; expected an operand"),
        ("1 @ 2", "unexpected character `@` at column 3"),
        ("{a 1}", "unexpected number `1` at column 4; expected `:` after the map key"),
        ("'\\q'", "invalid escape `\\q` in string literal at column 2; expected one of \\n \\t \\r \\\\ \\' \\\" \\xHH \\uHHHH"),
        ("vars.'x'", "unexpected string literal at column 6; expected a field name after `.`"),
        ("[1, 2", "unexpected end of expression at column 6; expected `,` or `]` to close the array at column 1"),
        ("f(1, 2", "unknown function `f` at column 1"),
        ("1 and", "unexpected end of expression at column 6; expected an operand"),
        ("in [1]", "unexpected `in` at column 1; expected an operand"),
    ]

    @Test(arguments: syntax)
    func syntaxErrors(_ source: String, _ message: String) {
        #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression(source) }
        do {
            _ = try ParsedExpression(source)
        } catch {
            #expect(error.message == message)
        }
    }

    static let checks: [(String, [Int])] = [
        ("image: ${{ imageFrom( }}", [23]),
        ("${{ ctx.stage }} and ${{ 1 + }}", [30]),
        ("${{ unclosed", [1]),
        ("no expressions here", []),
        ("${{ a }} ${{ b( }} ${{ ) }}", [14, 24]),
        ("${{ commitFrom( vars.repoURL ).ID }}", []),
        ("${% 1 + %}", [9]),
    ]

    @Test(arguments: checks)
    func checkReportsColumnsInTheWholeText(_ text: String, _ columns: [Int]) {
        #expect(ExpressionTemplate.check(text).map(\.column) == columns)
    }

    @Test func checkMessageNamesTheTextColumn() {
        let errors = ExpressionTemplate.check("image: ${{ imageFrom( }}")
        #expect(errors.map(\.message) == ["unexpected end of expression at column 23; expected an operand"])
    }

    static let runtime: [(String, String, Int?)] = [
        ("imageFrom('ghcr.io/x/y').Tag", "no image ghcr.io/x/y in the target Freight", 1),
        (
            "imageFrom('ghcr.io/acme/shared')",
            "image ghcr.io/acme/shared is ambiguous: 2 target Freight hold it (from Warehouse app, Warehouse infra); "
                + "pass an origin, e.g. imageFrom(\"ghcr.io/acme/shared\", warehouse(\"app\"))", 1
        ),
        (
            "commitFrom('https://github.com/acme/app', warehouse('infra'))",
            "no commit https://github.com/acme/app in the target Freight from Warehouse infra", 1
        ),
        (
            "chartFrom('https://charts.example.com', 'nope')",
            "no chart https://charts.example.com (chart nope) in the target Freight", 1
        ),
        ("artifactFrom('nope')", "no artifact from subscription nope in the target Freight", 1),
        ("imageFrom(vars.image).tag", "type Image has no field tag; did you mean Tag?", 23),
        ("commitFrom(vars.repoURL).Sha", "type GitCommit has no field Sha (fields: RepoURL, ID, Branch, Tag, Message, Author, Committer)", 26),
        ("'a' + 1", "invalid operation: string + int (mismatched types)", 5),
        ("1 % 0", "integer divide by zero", 3),
        ("vars.list[5]", "index out of range: 5 (array length is 3)", 10),
        ("vars.missing.deeper", "cannot fetch deeper from nil", 14),
        ("warehouse('')", "warehouse(): name must not be empty", 1),
        ("1 ? 2 : 3", "the condition of `?:` must be a bool, not int", 3),
        ("'a' && true", "invalid operation: `&&` needs bool operands, got string", 5),
        ("commitFrom(1)", "commitFrom(): first argument must be string, got int", 1),
        (
            "imageFrom('x', 'y')",
            "imageFrom(): second argument must be FreightOrigin (use warehouse(\"name\")), got string", 1
        ),
        ("semverDiff('1')", "semverDiff(): expected 2 arguments, got 1", 1),
        ("'x' < 1", "invalid operation: string < int (mismatched types)", 5),
        ("len(1)", "invalid argument for len (type int)", 1),
        ("semverParse('1.0.0').Bump()", "type semver.Version has no method Bump (methods: Major, Minor, Patch, Prerelease, Metadata, Original, String, IncMajor, IncMinor, IncPatch, LessThan, GreaterThan, Equal, Compare)", 22),
        ("fromJSON('{')", "invalid JSON: expected a string key at offset 2", 1),
    ]

    @Test(arguments: runtime)
    func runtimeErrors(_ source: String, _ message: String, _ column: Int?) throws {
        let expression = try ParsedExpression(source)
        #expect(throws: ExpressionRuntimeError(message, column: column)) {
            try expression.evaluate(in: TestContext.context)
        }
    }

    @Test func deepNestingIsASyntaxErrorNotACrash() {
        let source = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression(source) }
        #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression(String(repeating: "-", count: 5_000) + "1") }
    }

    @Test func longChainsEvaluateWithoutExhaustingTheStack() throws {
        let sum = Array(repeating: "1", count: 90).joined(separator: " + ")
        #expect(try TestContext.eval(sum) == 90)
        let nested = String(repeating: "(", count: 63) + "1" + String(repeating: ")", count: 63)
        #expect(try TestContext.eval(nested) == 1)
        #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression(sum + String(repeating: " + 1", count: 20)) }
    }

    @Test func deeplyNestedJSONIsRefused() throws {
        var context = TestContext.context
        context.variables["text"] = .string(String(repeating: "[", count: 10_000))
        #expect(throws: ExpressionRuntimeError("invalid JSON: nesting deeper than 100 levels at offset 101", column: 1)) {
            try TestContext.eval("fromJSON(text)", in: context)
        }
    }

    @Test func semverParseRejectsNonVersions() throws {
        let expression = try ParsedExpression("semverParse('nope')")
        do {
            _ = try expression.evaluate(in: TestContext.context)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("semverParse(): invalid semantic version"))
        }
    }

    @Test func regexOutsideRE2IsRefused() throws {
        let expression = try ParsedExpression("'x' matches '(?=a)'")
        #expect(throws: ExpressionRuntimeError.self) { try expression.evaluate(in: TestContext.context) }
    }

    @Test func templateErrorsUseTextColumns() {
        #expect(throws: ExpressionError.runtime(ExpressionRuntimeError("cannot fetch b from nil", column: 19))) {
            try ExpressionTemplate.evaluate("value: ${{ vars.a.b }}", context: TestContext.context)
        }
        #expect(throws: ExpressionError.syntax(ExpressionSyntaxError(column: 15, problem: "unexpected end of expression", expectation: "expected an operand"))) {
            try ExpressionTemplate.evaluate("value: ${{ 1 +}}", context: TestContext.context)
        }
    }
}
