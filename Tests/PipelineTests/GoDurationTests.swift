import Pipeline
import Testing

@Suite struct GoDurationTests {
    static let second: Int64 = 1_000_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute

    /// time.ParseDuration's documented examples and Go's own test table (time_test.go), with the
    /// nanosecond values Go produces.
    @Test("parses like time.ParseDuration", arguments: [
        // The examples in Go's documentation.
        ("300ms", 300_000_000),
        ("-1.5h", -(hour + 30 * minute)),
        ("2h45m", 2 * hour + 45 * minute),
        ("1.5µs", 1_500),  // U+00B5 micro sign
        ("1.5μs", 1_500),  // U+03BC Greek mu
        ("1.5us", 1_500),
        // Simple.
        ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second),
        // Sign.
        ("-5s", -5 * second), ("+5s", 5 * second), ("-0", 0), ("+0", 0),
        // Decimals.
        ("5.0s", 5 * second), ("5.6s", 5_600_000_000), ("5.s", 5 * second), (".5s", 500_000_000),
        ("1.0s", second), ("1.00s", second), ("1.004s", 1_004_000_000), ("1.0040s", 1_004_000_000),
        ("100.00100s", 100_001_000_000),
        // Every unit.
        ("10ns", 10), ("11us", 11_000), ("12µs", 12_000), ("12μs", 12_000), ("13ms", 13_000_000),
        ("14s", 14 * second), ("15m", 15 * minute), ("16h", 16 * hour),
        // Composite.
        ("3h30m", 3 * hour + 30 * minute), ("1h30m", 90 * minute), ("10.5s4m", 4 * minute + 10_500_000_000),
        ("-2m3.4s", -(2 * minute + 3_400_000_000)),
        ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4_000_000 + 5_000 + 6),
        ("39h9m14.425s", 39 * hour + 9 * minute + 14_425_000_000),
        // Large values and precision.
        ("52763797000ns", 52_763_797_000),
        ("0.3333333333333333333h", 20 * minute),
        ("9007199254740993ns", 9_007_199_254_740_993),
        ("9223372036854775807ns", Int64.max),
        ("9223372036854775.807us", Int64.max),
        ("9223372036s854ms775us807ns", Int64.max),
        ("-9223372036854775808ns", Int64.min),
        ("-9223372036854775.808us", Int64.min),
        ("-9223372036s854ms775us808ns", Int64.min),
        ("-2562047h47m16.854775808s", Int64.min),
        ("2562047h47m16.854775807s", Int64.max),
        ("0.100000000000000000000h", 6 * minute),
        ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827),
    ] as [(String, Int64)])
    func parses(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try GoDuration(parsing: text) == GoDuration(nanoseconds: nanoseconds))
    }

    @Test("rejects what time.ParseDuration rejects", arguments: [
        ("", GoDurationError.empty),
        ("3", .missingUnit("3")),
        ("10", .missingUnit("10")),
        ("00", .missingUnit("00")),
        ("1h30", .missingUnit("1h30")),
        ("1.5.5s", .missingUnit("1.5.5s")),
        ("1d", .unknownUnit("d", duration: "1d")),
        ("1w", .unknownUnit("w", duration: "1w")),
        ("2h45x", .unknownUnit("x", duration: "2h45x")),
        ("1H", .unknownUnit("H", duration: "1H")),
        ("1e3s", .unknownUnit("e", duration: "1e3s")),
        ("1h ", .unknownUnit("h ", duration: "1h ")),
        ("1 h", .unknownUnit(" h", duration: "1 h")),
        ("-", .invalid("-")),
        ("+", .invalid("+")),
        ("s", .invalid("s")),
        (".", .invalid(".")),
        ("-.", .invalid("-.")),
        (".s", .invalid(".s")),
        ("+.s", .invalid("+.s")),
        (" 1h", .invalid(" 1h")),
        ("h1", .invalid("h1")),
        ("--1s", .invalid("--1s")),
        ("\u{FFFD}", .invalid("\u{FFFD}")),
        ("9223372036854775808ns", .overflow("9223372036854775808ns")),
        ("9223372036854775.808us", .overflow("9223372036854775.808us")),
        ("9223372036854ms775us808ns", .overflow("9223372036854ms775us808ns")),
        ("-9223372036854775809ns", .overflow("-9223372036854775809ns")),
        ("2562048h", .overflow("2562048h")),
        ("99999999999999999999s", .overflow("99999999999999999999s")),
    ] as [(String, GoDurationError)])
    func rejects(_ text: String, _ expected: GoDurationError) {
        #expect(throws: expected) { try GoDuration(parsing: text) }
    }

    @Test("formats like Duration.String()", arguments: [
        (0, "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_100, "1.1µs"),
        (2_200_000, "2.2ms"),
        (3_300_000_000, "3.3s"),
        (1_500_000_000, "1.5s"),
        (4 * minute + 5 * second, "4m5s"),
        (4 * minute + 5_001_000_000, "4m5.001s"),
        (5 * hour + 6 * minute + 7_001_000_000, "5h6m7.001s"),
        (8 * minute + 1, "8m0.000000001s"),
        (90 * minute, "1h30m0s"),
        (41 * minute, "41m0s"),
        (hour, "1h0m0s"),
        (-90 * minute, "-1h30m0s"),
        (-1_500, "-1.5µs"),
        (Int64.max, "2562047h47m16.854775807s"),
        (Int64.min, "-2562047h47m16.854775808s"),
    ] as [(Int64, String)])
    func formats(_ nanoseconds: Int64, _ expected: String) throws {
        let duration = GoDuration(nanoseconds: nanoseconds)
        #expect(duration.description == expected)
        #expect(try GoDuration(parsing: expected) == duration, "String() output parses back")
    }

    @Test("humanized for people", arguments: [
        (90 * minute, "1h 30m"),
        (41 * minute, "41m"),
        (45 * second, "45s"),
        (0, "0s"),
        (300_000_000, "300ms"),
        (hour + 5 * second, "1h 5s"),
        (61_500_000_000, "1m 1.5s"),
        (49 * hour, "2d 1h"),
        (24 * hour, "1d"),
        (-90 * minute, "-1h 30m"),
    ] as [(Int64, String)])
    func humanized(_ nanoseconds: Int64, _ expected: String) {
        #expect(GoDuration(nanoseconds: nanoseconds).humanized == expected)
    }

    @Test("seconds like Duration.Seconds()", arguments: [
        ("1.5s", 1.5), ("-1.5h", -5400.0), ("300ms", 0.3), ("0", 0.0), ("1h2m3s", 3723.0), ("1ns", 1e-9),
    ] as [(String, Double)])
    func seconds(_ text: String, _ expected: Double) throws {
        #expect(try GoDuration(parsing: text).seconds == expected)
    }

    @Test func ordersByLength() throws {
        let texts = ["1h", "-5s", "90m", "0", "1.5s", "300ms", "2h45m"]
        let sorted = try texts.map { text throws(GoDurationError) in try GoDuration(parsing: text) }.sorted()
        #expect(sorted.map(\.description) == ["-5s", "0s", "300ms", "1.5s", "1h0m0s", "1h30m0s", "2h45m0s"])
        #expect(GoDuration.hour > GoDuration.minute)
        #expect(try GoDuration(parsing: "60m") == .hour)
    }

    @Test func diagnosticsNameTheProblem() {
        #expect(GoDurationError.unknownUnit("d", duration: "1d").description
            == #"unknown unit "d" in duration "1d"; valid units are ns, us, µs, ms, s, m, h (e.g. 1h30m)"#)
        #expect(GoDurationError.missingUnit("10").description
            == #"missing unit in duration "10"; valid units are ns, us, µs, ms, s, m, h (e.g. 1h30m)"#)
        #expect(GoDurationError.invalid("-").description.hasPrefix(#"invalid duration "-"; "#))
        #expect(GoDurationError.overflow("2562048h").description.contains("out of range"))
        #expect(GoDurationError.empty.description.hasPrefix("empty duration"))
    }
}
