import Pipeline
import Testing

@Suite struct SemVerTests {
    // MARK: Versions

    @Test("strict parsing accepts SemVer 2.0", arguments: [
        ("1.2.3", 1, 2, 3, "", ""),
        ("0.0.0", 0, 0, 0, "", ""),
        ("10.20.30", 10, 20, 30, "", ""),
        ("1.2.3-rc.1", 1, 2, 3, "rc.1", ""),
        ("1.2.3-rc.1+build.5", 1, 2, 3, "rc.1", "build.5"),
        ("1.0.0-alpha.beta", 1, 0, 0, "alpha.beta", ""),
        ("1.0.0-0.3.7", 1, 0, 0, "0.3.7", ""),
        ("1.0.0-x-y-z.--", 1, 0, 0, "x-y-z.--", ""),
        ("1.2.3--x", 1, 2, 3, "-x", ""),
        ("1.2.3-0a", 1, 2, 3, "0a", ""),
        ("1.0.0+20130313144700", 1, 0, 0, "", "20130313144700"),
        ("1.2.3+build.01", 1, 2, 3, "", "build.01"),
        ("1.0.0-beta+exp.sha.5114f85", 1, 0, 0, "beta", "exp.sha.5114f85"),
        ("18446744073709551615.0.0", UInt64.max, 0, 0, "", ""),
    ] as [(String, UInt64, UInt64, UInt64, String, String)])
    func strictParse(_ text: String, _ major: UInt64, _ minor: UInt64, _ patch: UInt64, _ pre: String, _ build: String) throws {
        let version = try SemanticVersion(parsing: text)
        #expect(version.major == major)
        #expect(version.minor == minor)
        #expect(version.patch == patch)
        #expect(version.prerelease == pre)
        #expect(version.buildMetadata == build)
        #expect(version.isPrerelease == !pre.isEmpty)
        #expect(version.description == text)
        #expect(version.original == text)
        #expect(try SemanticVersion(parsing: text, strict: false) == version, "loose accepts every strict version")
    }

    @Test("strict parsing rejects loose and malformed forms", arguments: [
        "", "v1.2.3", "v1.2", "1.2", "1", "01.2.3", "1.02.3", "1.2.03", "1.2.3.4", "1.2-beta", "1-rc.1",
        "1.2.3-", "1.2.3+", "1.2.3-01", "1.2.3-rc..1", "1.2.3-rc_1", "1.2.3+b..1", "a.b.c", "1..3",
        "18446744073709551616.0.0", " 1.2.3", "1.2.3 ", "V1.2.3",
    ])
    func strictRejects(_ text: String) {
        #expect(throws: SemanticVersionError.self) { try SemanticVersion(parsing: text) }
    }

    @Test("loose parsing coerces as Masterminds NewVersion", arguments: [
        ("v1.2.3", "1.2.3"), ("v1.2", "1.2.0"), ("1.2", "1.2.0"), ("1", "1.0.0"), ("v1", "1.0.0"),
        ("01.02.03", "1.2.3"), ("1.2-beta", "1.2.0-beta"), ("1-rc.1", "1.0.0-rc.1"),
        ("v1.2.3+build.5", "1.2.3+build.5"), ("1.2.3--x", "1.2.3--x"), ("0", "0.0.0"),
    ])
    func looseParse(_ text: String, _ canonical: String) throws {
        let version = try SemanticVersion(parsing: text, strict: false)
        #expect(version.description == canonical)
        #expect(version.original == text)
    }

    @Test("loose parsing still rejects non-versions", arguments: [
        "", "1.2.3.4", "V1.2", "vv1", "v", "x", "1.2.", "1..2", ".1", "1.2.3-01", "1.2.3-rc.", "1.2.3-",
        "1.2.3+", "1.2.3-rc..1", "1.2.3-rc_1", "a.b.c", "18446744073709551616.0.0", " 1.2.3", "1.2.3 ", "latest",
    ])
    func looseRejects(_ text: String) {
        #expect(throws: SemanticVersionError.self) { try SemanticVersion(parsing: text, strict: false) }
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: SemanticVersionError.empty) { try SemanticVersion(parsing: "") }
        #expect(throws: SemanticVersionError.malformed("1.2", strict: true)) { try SemanticVersion(parsing: "1.2") }
        #expect(throws: SemanticVersionError.leadingZero("01.2.3", part: "01")) { try SemanticVersion(parsing: "01.2.3") }
        #expect(throws: SemanticVersionError.invalidPrerelease("1.2.3-01", prerelease: "01")) {
            try SemanticVersion(parsing: "1.2.3-01")
        }
        #expect(throws: SemanticVersionError.invalidBuildMetadata("1.2.3+a..b", metadata: "a..b")) {
            try SemanticVersion(parsing: "1.2.3+a..b")
        }
        #expect(throws: SemanticVersionError.numberTooLarge("18446744073709551616.0.0", part: "18446744073709551616")) {
            try SemanticVersion(parsing: "18446744073709551616.0.0")
        }
        #expect(SemanticVersionError.malformed("1.2.3.4", strict: false).description.contains("such as v1.2"))
        #expect(SemanticVersionError.leadingZero("01.2.3", part: "01").description
            == #"invalid semantic version "01.2.3": numeric part "01" has a leading zero"#)
    }

    /// SemVer 2.0 §11 precedence, as Masterminds' Compare.
    @Test("precedence", arguments: [
        ("1.0.0", "2.0.0", -1), ("2.0.0", "2.1.0", -1), ("2.1.0", "2.1.1", -1), ("2.1.1", "2.1.0", 1),
        ("1.0.0-alpha", "1.0.0", -1), ("1.0.0", "1.0.0-rc.1", 1),
        ("1.0.0-alpha", "1.0.0-alpha.1", -1), ("1.0.0-alpha.1", "1.0.0-alpha.beta", -1),
        ("1.0.0-alpha.beta", "1.0.0-beta", -1), ("1.0.0-beta", "1.0.0-beta.2", -1),
        ("1.0.0-beta.2", "1.0.0-beta.11", -1), ("1.0.0-beta.11", "1.0.0-rc.1", -1),
        ("1.0.0-1", "1.0.0-alpha", -1), ("1.0.0-alpha", "1.0.0-1", 1), ("1.0.0-rc.1", "1.0.0-rc.10", -1),
        ("1.0.0-0", "1.0.0-alpha", -1), ("1.0.0-Beta", "1.0.0-alpha", -1),
        ("1.0.0+a", "1.0.0+b", 0), ("1.0.0-rc.1+a", "1.0.0-rc.1", 0), ("v1.2", "1.2.0", 0),
        ("10.0.0", "9.99.99", 1), ("0.0.1", "0.0.0", 1),
    ] as [(String, String, Int)])
    func precedence(_ lhs: String, _ rhs: String, _ expected: Int) throws {
        let a = try SemanticVersion(parsing: lhs, strict: false)
        let b = try SemanticVersion(parsing: rhs, strict: false)
        #expect(a.comparePrecedence(to: b) == expected)
        #expect(b.comparePrecedence(to: a) == -expected)
        #expect(a.hasSamePrecedence(as: b) == (expected == 0))
        if expected != 0 { #expect((a < b) == (expected < 0)) }
    }

    @Test func sortsBySpecOrder() throws {
        let spec = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                    "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"]
        let versions = try spec.reversed().map { text throws(SemanticVersionError) in try SemanticVersion(parsing: text) }
        #expect(versions.sorted().map(\.description) == spec)
    }

    @Test func buildMetadataIsNotPrecedenceButIsIdentity() throws {
        let a = try SemanticVersion(parsing: "1.2.3+a")
        let b = try SemanticVersion(parsing: "1.2.3+b")
        #expect(a.hasSamePrecedence(as: b))
        #expect(a != b)
        #expect(a < b, "ties broken by build metadata so < agrees with ==")
        #expect(try SemanticVersion(parsing: "v1.2.3", strict: false) == SemanticVersion(major: 1, minor: 2, patch: 3))
        #expect(Set([a, b, a]).count == 2)
    }

    // MARK: Constraints

    /// Every row agrees with Masterminds/semver v3.4's Constraints.Check.
    @Test("constraint checks like Masterminds", arguments: [
        // plain / equality
        ("1.2.3","1.2.3",true), ("=1.2.3","1.2.3",true), ("= 1.2.3","1.2.4",false), ("1.2.3","1.2.3+build.7",true),
        ("=2.0","2.0.5",true), ("2","2.9.9",true), ("2","3.0.0",false),
        // not equal
        ("!=1.2.3","1.2.4",true), ("!=1.2.3","1.2.3",false), ("!=4.x","4.1.0",false), ("!=4.x","5.1.0",true), ("!=4.1","4.1.7",false),
        // greater / less
        (">1.2.3","1.2.4",true), (">1.2.3","1.2.3",false), (">1.1","1.1.9",false), (">1.1","1.2.0",true), (">11","11.9.0",false),
        ("<1.2.3","1.2.2",true), ("<1.2.3","1.2.3",false), ("<1.x","0.9.9",true), ("<1.x","1.0.0",false),
        (">=1.2.3","1.2.3",true), ("=>1.2.3","1.2.2",false), (">= 1.1","0.0.9",false),
        ("<=1.2.3","1.2.3",true), ("=<1.2.3","1.2.4",false), ("<=1.1","1.1.9",true), ("<=1.1","1.2.0",false), ("<=2.x","3.0.0",false),
        // tilde
        ("~1.2.3","1.2.9",true), ("~1.2.3","1.3.0",false), ("~1.2.3","1.2.2",false), ("~>1.2.3","1.2.5",true),
        ("~1.2","1.2.0",true), ("~1.2","1.2.99",true), ("~1.2","1.3.0",false),
        ("~1","1.9.9",true), ("~1","2.0.0",false), ("~1","0.9.0",false), ("~1.x","1.4.0",true), ("~*","7.1.1",true), ("~0.0.0","3.2.1",true),
        // caret
        ("^1.2.3","1.9.9",true), ("^1.2.3","2.0.0",false), ("^1.2.3","1.2.2",false), ("^1.2","1.2.0",true), ("^1","1.99.0",true), ("^1.x","2.0.0",false),
        ("^0.2.3","0.2.3",true), ("^0.2.3","0.2.9",true), ("^0.2.3","0.3.0",false), ("^0.2","0.2.0",true), ("^0.2","0.3.0",false),
        ("^0.0.3","0.0.3",true), ("^0.0.3","0.0.4",false), ("^0.0","0.0.9",true), ("^0.0","0.1.0",false), ("^0","0.9.9",true), ("^0","1.0.0",false),
        ("^0.0.0","0.0.0",true), ("^0.0.0","0.0.1",false),
        // wildcards
        ("*","0.0.0",true), ("*","999.1.2",true), ("x","1.2.3",true), ("X","1.2.3",true), ("1.2.x","1.2.9",true), ("1.2.x","1.3.0",false),
        ("1.x","1.9.0",true), ("1.x","2.0.0",false), ("1.*","1.4.0",true), ("1.X.x","1.4.0",true), ("2.*.*","1.0.0",false),
        // hyphen
        ("1.2 - 1.4.5","1.2.0",true), ("1.2 - 1.4.5","1.4.5",true), ("1.2 - 1.4.5","1.4.6",false), ("1.2 - 1.4.5","1.1.9",false),
        ("1.2.3 - 2","2.9.0",true), ("1.2.3 - 2","3.0.0",false), ("1 - 2.x","2.5.0",true),
        // AND
        (">=1.2.3 <2","1.5.0",true), (">=1.2.3 <2","2.0.0",false), (">=1.2.3, <2","1.2.2",false), (">= 1.1, < 2, != 1.2.3","1.2.3",false), (">= 1.1, < 2, != 1.2.3","1.2.4",true),
        ("1.0.0 - 2.0.0, <=1.5.0","1.6.0",false),
        // OR
        ("^1.0 || ^3.0","1.5.0",true), ("^1.0 || ^3.0","2.5.0",false), ("^1.0 || ^3.0","3.1.0",true), ("<1 || >=2","1.5.0",false), ("<1 || >=2","2.0.0",true),
        ("1.2 - 1.4.5 || 2.x","2.3.0",true),
        // pre-release rules
        (">=1.2.3","1.3.0-rc.1",false), ("^1.2","1.3.0-rc.1",false), ("*","1.2.3-alpha",false), ("1.2.x","1.2.5-beta",false),
        (">=1.2.3-0","1.3.0-rc.1",true), (">=1.3.0-rc.1","1.3.0-rc.2",true), (">=1.3.0-rc.1","1.3.0-rc.0",false), (">=1.3.0-rc.1","1.3.0",true),
        ("~1.2.3-beta.2","1.2.3-beta.4",true), ("~1.2.3-beta.2","1.2.4-alpha",true), ("^0.2.3-beta.2","0.2.3-beta.4",true), ("^0.2.3-beta.2","0.3.0-beta",false),
        (">= 1.0.0 <= 2.0.0-beta","1.0.1-beta",true), (">= 1.0.0 <= 2.0.0-beta || > 3","3.0.1-beta",false),
        ("<1.0.0-rc.1","1.0.0-beta",true), ("*-0","1.2.3-alpha.1",true), (">1.2.3-alpha.1","1.2.3-alpha.2",true), ("!=1.2.3-rc.1","1.2.3-rc.2",true),
        ("<=1.1-a","0.1.0-alpha",true),
    ] as [(String, String, Bool)])
    func satisfies(_ constraint: String, _ version: String, _ expected: Bool) throws {
        let parsed = try SemVerConstraint(parsing: constraint)
        let candidate = try SemanticVersion(parsing: version, strict: false)
        #expect(parsed.isSatisfied(by: candidate) == expected)
    }

    @Test("includePrerelease opts every alternative in", arguments: [
        (">=1.1", "4.1.0-beta", true), ("^1.x", "1.1.1-beta1", true), ("~1.1", "1.1.1-alpha", true),
        ("*", "1.2.3-alpha", true), ("= 2.0", "2.0.1-beta", true), ("<1.1", "0.1.0-alpha", true),
        ("^1.2", "2.0.0-rc.1", false), ("~1.2.3", "1.2.3-rc.1", false),
    ] as [(String, String, Bool)])
    func includePrerelease(_ constraint: String, _ version: String, _ expected: Bool) throws {
        var parsed = try SemVerConstraint(parsing: constraint)
        let candidate = try SemanticVersion(parsing: version)
        #expect(!parsed.isSatisfied(by: candidate), "without the flag, pre-releases are skipped")
        parsed.includePrerelease = true
        #expect(parsed.isSatisfied(by: candidate) == expected)
    }

    @Test("normalizes like Masterminds String()", arguments: [
        (">= 1.2, <= 1.4.5", ">=1.2 <=1.4.5"),
        ("1.2 - 1.4.5", ">=1.2 <=1.4.5"),
        ("^1.0 || ~2.1", "^1.0 || ~2.1"),
        ("  1.2.x  ", "1.2.x"),
        ("=> 1.0, =< 2", "=>1.0 =<2"),
        ("2 - 3 || >= 5, != 5.1.0", ">=2 <=3 || >=5 !=5.1.0"),
    ])
    func normalizes(_ constraint: String, _ expected: String) throws {
        let parsed = try SemVerConstraint(parsing: constraint)
        #expect(parsed.description == expected)
        #expect(parsed.text == constraint)
    }

    @Test("invalid constraints name the bad part", arguments: [
        ("~>", SemVerConstraintError.invalidTerm("~>", constraint: "~>")),
        (">= 1.2.3 ||", .emptyAlternative(constraint: ">= 1.2.3 ||")),
        ("|| 1.2", .emptyAlternative(constraint: "|| 1.2")),
        ("abc", .invalidTerm("abc", constraint: "abc")),
        ("", .empty),
        ("   ", .empty),
        (">= bar", .invalidTerm(">= bar", constraint: ">= bar")),
        ("BAR >= 1.2.3", .invalidTerm("BAR", constraint: "BAR >= 1.2.3")),
        ("1.2.3.4", .invalidTerm("1.2.3.4", constraint: "1.2.3.4")),
        ("12.3.34~ 1.2.3", .invalidTerm("12.3.34~", constraint: "12.3.34~ 1.2.3")),
        (">= 1.0 <2 latest", .invalidTerm("latest", constraint: ">= 1.0 <2 latest")),
        ("^1.0 || >>2", .invalidTerm(">>2", constraint: "^1.0 || >>2")),
        ("1.2 -", .invalidTerm("1.2 -", constraint: "1.2 -")),
        (">=1.2 - 2", .invalidTerm(">=1.2 - 2", constraint: ">=1.2 - 2")),
        ("1.2.3-01", .invalidVersion("1.2.3-01", reason: .invalidPrerelease("1.2.3-01", prerelease: "01"),
                                     constraint: "1.2.3-01")),
        ("v1.2.3-beta.01", .invalidVersion("v1.2.3-beta.01",
                                           reason: .invalidPrerelease("v1.2.3-beta.01", prerelease: "beta.01"),
                                           constraint: "v1.2.3-beta.01")),
    ] as [(String, SemVerConstraintError)])
    func rejects(_ constraint: String, _ expected: SemVerConstraintError) {
        #expect(throws: expected) { try SemVerConstraint(parsing: constraint) }
    }

    @Test func constraintDiagnosticsExplainTheSyntax() {
        let message = SemVerConstraintError.invalidTerm("abc", constraint: ">=1 abc").description
        #expect(message.hasPrefix(#"invalid term "abc" in version constraint ">=1 abc"; expected an optional operator"#))
        #expect(message.contains("~>") && message.contains("1.2 - 1.4.5") && message.contains("||"))
        #expect(SemVerConstraintError.emptyAlternative(constraint: "1 ||").description.contains("each side of ||"))
    }
}
