import Pipeline
import Testing

@Suite struct RE2CompatibilityTests {
    @Test("flags constructs Go's RE2 rejects", arguments: [
        // Lookaround.
        (#"^v(?=\d)"#, "lookahead `(?=` is not supported by Go's RE2"),
        (#"^(?!latest$).*"#, "negative lookahead `(?!` is not supported by Go's RE2"),
        (#"(?<=v)\d+"#, "lookbehind `(?<=` is not supported by Go's RE2"),
        (#"(?<!-rc)\d$"#, "negative lookbehind `(?<!` is not supported by Go's RE2"),
        // Backreferences.
        (#"(a)\1"#, #"backreference `\1` is not supported by Go's RE2"#),
        (#"(a)(b)\9"#, #"backreference `\9` is not supported by Go's RE2"#),
        (#"(a)\8"#, #"backreference `\8` is not supported by Go's RE2"#),
        (#"(?P<x>a)\k<x>"#, #"named backreference `\k<x>` is not supported by Go's RE2"#),
        (#"(?P<x>a)(?P=x)"#, "named backreference `(?P=x)` is not supported by Go's RE2"),
        (#"(a)\g1"#, #"backreference `\g1` is not supported by Go's RE2"#),
        (#"(a)\g{-1}"#, #"backreference `\g{-1}` is not supported by Go's RE2"#),
        // Possessive quantifiers.
        ("a*+", "possessive quantifier `*+` is not supported by Go's RE2"),
        ("a++b", "possessive quantifier `++` is not supported by Go's RE2"),
        ("a?+", "possessive quantifier `?+` is not supported by Go's RE2"),
        ("(ab)*+", "possessive quantifier `*+` is not supported by Go's RE2"),
        ("a{2,3}+", "possessive quantifier `{2,3}+` is not supported by Go's RE2"),
        // Atomic groups, conditionals, recursion, comments.
        ("(?>a|ab)c", "atomic group `(?>` is not supported by Go's RE2"),
        ("(a)?(?(1)b|c)", "conditional `(?(` is not supported by Go's RE2"),
        (#"\((?:[^()]|(?R))*\)"#, "recursion `(?R)` is not supported by Go's RE2"),
        ("(a)(?1)", "recursion `(?1)` is not supported by Go's RE2"),
        ("a(?#note)b", "inline comment `(?#` is not supported by Go's RE2"),
        // The first one wins.
        (#"(?=a)\1"#, "lookahead `(?=` is not supported by Go's RE2"),
        (#"[(?=]\1"#, #"backreference `\1` is not supported by Go's RE2"#),
        (#"\(?=(?!x)"#, "negative lookahead `(?!` is not supported by Go's RE2"),
    ] as [(String, String)])
    func flags(_ pattern: String, _ expected: String) {
        #expect(RE2Compatibility.unsupportedFeature(in: pattern) == expected)
    }

    @Test("accepts what Go's RE2 accepts", arguments: [
        #"^v?\d+\.\d+\.\d+$"#,
        #"^1\.2\.\d+(-rc\.\d+)?$"#,
        #"\(?="#,                 // escaped parenthesis: a literal "(" then "?="
        "[(?=]",                  // inside a character class
        "[(?!x)(?<=y)]",
        "[]a(?=]",                // a leading ] is literal in a class
        "[^](?>]",
        #"[\](?=]"#,              // escaped ] inside the class
        "[[:alpha:](?=]+",
        #"\Q(?=\1\E"#,            // \Q...\E is literal text
        "(?:a|b)+",
        "(?i)latest",
        "(?i:ab)c",
        "(?P<major>\\d+)",
        "a*?b+?c??",              // lazy quantifiers
        "a{2}?b",
        "a{,3}+",                 // {,3} is a literal in Go, so + is an ordinary quantifier
        "x{+",
        #"\12"#,                  // octal escape, not a backreference
        #"\0"#,
        #"\\1"#,                  // escaped backslash then a literal 1
        #"\d+\s*\w\b"#,
        "",
    ])
    func accepts(_ pattern: String) {
        #expect(RE2Compatibility.unsupportedFeature(in: pattern) == nil)
    }

    @Test func findingCarriesKindAndPosition() throws {
        let finding = try #require(RE2Compatibility.firstUnsupportedFeature(in: #"^v\d+(?!-rc)"#))
        #expect(finding.kind == .negativeLookahead)
        #expect(finding.construct == "(?!")
        #expect(finding.utf8Offset == 5)

        let possessive = try #require(RE2Compatibility.firstUnsupportedFeature(in: "ab*+"))
        #expect(possessive.kind == .possessiveQuantifier)
        #expect(possessive.utf8Offset == 2)
    }
}
