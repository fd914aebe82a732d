import Expressions
import Pipeline
import Testing

/// Operators and precedence, checked against what expr-lang gives for the same text.
@Suite struct OperatorTests {
    static let table: [(String, ExpressionValue)] = [
        // precedence
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("2 * 3 + 4 * 5", 26),
        ("10 - 4 - 3", 3),
        ("2 ** 3 ** 2", 512.0),
        ("-2 ** 2", -4.0),
        ("2 ^ 10", 1024.0),
        ("1 + 2 == 3", true),
        ("1 < 2 == true", true),
        ("true || false && false", true),
        ("(true || false) && false", false),
        ("!true || true", true),
        ("not false and true", true),
        ("nil ?? 1 + 1", 2),
        ("1 + 2 > 2 ? 'big' : 'small'", "big"),
        ("false ? 1 : true ? 2 : 3", 2),
        ("1 in [1, 2] && 'a' in {a: 1}", true),
        // arithmetic
        ("7 / 2", 3.5),
        ("6 / 3", 2.0),
        ("7 % 3", 1),
        ("-7 % 3", -1),
        ("1.5 + 1", 2.5),
        ("0.1 * 3", 0.30000000000000004),
        ("-vars.replicas", -3),
        ("+4", 4),
        ("vars.replicas * vars.ratio", 1.5),
        ("1_000 + 0x10", 1016),
        ("1e3", 1000.0),
        (".5 + .5", 1.0),
        ("9223372036854775807 + 1", -9223372036854775808),
        // comparison
        ("1 == 1.0", true),
        ("1 != 2", true),
        ("2 >= 2", true),
        ("2 <= 1", false),
        ("3 > 2.5", true),
        ("'abc' < 'abd'", true),
        ("'B' < 'a'", true),
        ("'a' == 'a'", true),
        ("1 == '1'", false),
        ("[1, 2] == [1, 2]", true),
        ("{a: 1} == {a: 1.0}", true),
        ("nil == nil", true),
        ("vars.missing == nil", true),
        ("vars.stage != nil", true),
        // logic
        ("true and false", false),
        ("false or true", true),
        ("!vars.flag", false),
        ("not (1 > 2)", true),
        ("false && undefinedName.x", false),
        ("true || undefinedName.x", true),
        // strings
        ("'Update ' + vars.stage", "Update prod"),
        ("\"a\" + 'b' + `c`", "abc"),
        ("'tab\\there'", "tab\there"),
        ("\"quote \\\" inside\"", "quote \" inside"),
        ("'\\u00e9t\\x41'", "étA"),
        ("'it\\'s'", "it's"),
        ("'abc' contains 'b'", true),
        ("'abc' startsWith 'ab'", true),
        ("'abc' endsWith 'bc'", true),
        ("'abc' not contains 'z'", true),
        ("'abc' not startsWith 'b'", true),
        ("'abc' not endsWith 'c'", false),
        ("'v1.2.3' matches '^v[0-9]+\\\\.'", true),
        ("'main' not matches 'rel.*'", true),
        // in
        ("2 in vars.list", true),
        ("5 not in vars.list", true),
        ("'b' in vars.names", true),
        ("'inner' in vars.nested", true),
        ("'nope' in vars.nested", false),
        ("'Tag' in imageFrom(vars.image)", true),
        ("1 in nil", false),
        // nil coalescing and optional chaining
        ("vars.missing ?? 'default'", "default"),
        ("vars.stage ?? 'default'", "prod"),
        ("vars.missing.deeper ?? 'safe'", "safe"),
        ("vars.missing?.deeper", nil),
        ("vars.missing?.a.b.c", nil),
        ("vars.nested?.inner?.value", "deep"),
        ("vars.missing?.[0]", nil),
        ("vars.nested.empty ?? 0", 0),
        ("false ?? true", false),
    ]

    @Test(arguments: table)
    func evaluates(_ source: String, _ expected: ExpressionValue) throws {
        #expect(try TestContext.eval(source) == expected, "\(source)")
    }
}
