import Expressions
import Pipeline
import Testing

/// `date()`, `duration()`, Go's time methods and time arithmetic, with the values Go's
/// `time` package gives for the same input (a Warehouse's `expressionFilter` relies on them).
@Suite struct TimeExpressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var expected: ExpressionValue
        var testDescription: String { source }

        init(_ source: String, _ expected: ExpressionValue) {
            self.source = source
            self.expected = expected
        }
    }

    static let dateParsing: [Case] = [
        // expr-lang's default layouts; text without a zone is UTC
        Case("date('2025-01-01').Unix()", 1_735_689_600),
        Case("date('2024-02-29 13:45:10').Unix()", 1_709_214_310),
        Case("date('2025-01-01T10:00:00+02:00').Unix()", 1_735_718_400),
        Case("date('2025-01-01T10:00:00Z').Unix()", 1_735_725_600),
        Case("date('2025-01-01T10:00:00.25Z').Nanosecond()", 250_000_000),
        Case("date('2025-01-01T10:00:00.123456789123Z').Nanosecond()", 123_456_789),
        Case("date('15:04:05').Year()", 0),
        Case("date('15:04:05').Hour()", 15),
        Case("date('Mon, 02 Jan 2006 15:04:05 MST').Unix()", 1_136_214_245),
        Case("date('02 Jan 06 15:04 UTC').Unix()", 1_136_214_240),
        Case("date('Monday, 02-Jan-06 15:04:05 GMT+1').Unix()", 1_136_210_645),
        // explicit Go layouts
        Case("date('31.12.2024 23:59', '02.01.2006 15:04').Unix()", 1_735_689_540),
        Case("date('2025-03-01 08:00', '2006-01-02 15:04', 'UTC').Unix()", 1_740_816_000),
        Case("date('Jan 5, 2025 3:04pm', 'Jan 2, 2006 3:04pm').Hour()", 15),
        Case("date('JANUARY 5 2025 12:00AM', 'January 2 2006 03:04PM').Hour()", 0),
        Case("date('2024-060', '2006-002').Month()", 2),
        Case("date('2024-060', '2006-002').Day()", 29),
        Case("date('2025-01-01 10:00 -0330', '2006-01-02 15:04 -0700').Unix()", 1_735_738_200),
        Case("date('Jan  5 2025', 'Jan _2 2006').Day()", 5),
        Case("date('2025-01-01 5:07:09', '2006-01-02 3:04:05').Minute()", 7),
        Case("date('2025-01-01 10:00:00.5', '2006-01-02 15:04:05').Nanosecond()", 500_000_000),
        Case("date('2025-01-01 10:00:00', '2006-01-02 15:04:05.999').Nanosecond()", 0),
        Case("date('1/2/2025', '1/2/2006').Month()", 1),
    ]

    @Test(arguments: dateParsing)
    func parsesDates(_ test: Case) throws {
        #expect(try TestContext.eval(test.source) == test.expected)
    }

    static let timeMethods: [Case] = [
        // calendar fields are read at the time's own offset
        Case("date('2024-12-31T23:30:00-02:00').Year()", 2024),
        Case("date('2024-12-31T23:30:00-02:00').UTC().Year()", 2025),
        Case("date('2025-01-01T10:00:00+02:00').Hour()", 10),
        Case("date('2025-01-01T10:00:00+02:00').UTC().Hour()", 8),
        Case("date('2024-12-31').Month()", 12),
        Case("date('2024-12-31').Day()", 31),
        Case("date('2024-12-31').YearDay()", 366),
        Case("date('2024-12-31').Weekday()", 2),
        Case("date('2025-01-05').Weekday()", 0),
        Case("date('2025-01-01T10:20:30Z').Minute()", 20),
        Case("date('2025-01-01T10:20:30Z').Second()", 30),
        Case("date('2025-01-01T00:00:00.5Z').UnixMilli()", 1_735_689_600_500),
        Case("date('1969-12-31T23:59:59.5Z').UnixMilli()", -500),
        Case("date('0001-01-01').IsZero()", true),
        Case("date('2025-01-01').IsZero()", false),
        Case("now().Year()", 2026),
        Case("now().Month() == 11 && now().Day() == 23", true),
        // comparisons
        Case("date('2025-01-01').After(date('2024-06-01'))", true),
        Case("date('2025-01-01').Before(date('2024-06-01'))", false),
        Case("date('2025-01-01T02:00:00+02:00').Equal(date('2025-01-01'))", true),
        Case("date('2025-01-01T02:00:00+02:00') == date('2025-01-01')", true),
        Case("date('2025-01-01') != date('2025-01-02')", true),
        Case("date('2025-01-01').Compare(date('2025-01-02'))", -1),
        Case("date('2025-01-01') > date('2024-01-01')", true),
        Case("date('2025-01-01') < date('2024-01-01')", false),
        Case("date('2025-01-01') <= date('2025-01-01T01:00:00+01:00')", true),
        Case("date('2025-01-01') >= date('2025-01-01T00:00:01Z')", false),
        Case("now() - duration('24h') < now()", true),
        // arithmetic and durations
        Case("(date('2025-03-01') - date('2025-02-01')).Hours()", 672.0),
        Case("string(date('2025-03-01') - date('2025-02-01'))", "672h0m0s"),
        Case("date('2025-01-02').Sub(date('2025-01-01')).Hours()", 24.0),
        Case("(date('2025-01-01') + duration('36h')).Day()", 2),
        Case("(duration('36h') + date('2025-01-01')).Hour()", 12),
        Case("(date('2025-01-01') - duration('1h')).Year()", 2024),
        Case("date('2025-01-01T00:30:00+01:00').Add(duration('-1h')).Year()", 2024),
        Case("date('2024-01-31').AddDate(0, 1, 0).Format('2006-01-02')", "2024-03-02"),
        Case("date('2024-02-29').AddDate(1, 0, 0).Format('2006-01-02')", "2025-03-01"),
        Case("duration('1h30m') == duration('90m')", true),
        Case("duration('1h30m') > duration('90m')", false),
        Case("duration('1h30m') >= duration('90m')", true),
        Case("(duration('1h') + duration('30m')).String()", "1h30m0s"),
        Case("(duration('1h') - duration('2h')).String()", "-1h0m0s"),
        Case("string(-duration('2h'))", "-2h0m0s"),
        Case("duration('1.5h').Minutes()", 90.0),
        Case("duration('1500ms').Milliseconds()", 1500),
        Case("duration('2s').Seconds()", 2.0),
        Case("duration('-3s').Abs().Nanoseconds()", 3_000_000_000),
        Case("(now() - date('2026-11-22T10:45:00Z')).Hours() > 24", true),
        // formatting and rendering
        Case("date('2025-07-04T09:05:03.12+02:00').Format('Mon Jan _2 15:04:05.000 2006 -07:00')",
             "Fri Jul  4 09:05:03.120 2025 +02:00"),
        Case("date('2025-07-04T21:05:00Z').Format('3:04PM, Monday January 2')", "9:05PM, Friday July 4"),
        Case("date('2025-01-01').Format('2006-01-02T15:04:05.999Z07:00')", "2025-01-01T00:00:00Z"),
        Case("date('2025-01-01T10:00:00+05:30').Format('02/01/06 15h04 MST')", "01/01/25 10h00 +0530"),
        Case("date('2025-01-01T10:00:00+05:30').String()", "2025-01-01 10:00:00 +0530 +0530"),
        Case("toJSON(date('2025-01-01T10:00:00+02:00'))", "\"2025-01-01T10:00:00+02:00\""),
        Case("toJSON(duration('1s'))", "1000000000"),
        Case("type(date('2025-01-01'))", "time.Time"),
        Case("type(duration('1h'))", "time.Duration"),
    ]

    @Test(arguments: timeMethods)
    func timeMethodsAndOperators(_ test: Case) throws {
        #expect(try TestContext.eval(test.source) == test.expected)
    }

    static let failures: [(source: String, mentions: String)] = [
        ("date('2025-13-01')", "invalid date 2025-13-01"),
        ("date('yesterday')", "invalid date yesterday"),
        ("date('2025-13-01', '2006-01-02')", "parsing time \"2025-13-01\": month out of range"),
        ("date('2025-02-30', '2006-01-02')", "day out of range"),
        ("date('2025-01-01x', '2006-01-02')", "extra text: \"x\""),
        ("date('1/2/2025', '01/02/2006')", "cannot parse \"1/2/2025\" as \"01\""),
        ("date('2025-01-01', '2006-01-02', 'Europe/Paris')", "unknown time zone Europe/Paris"),
        ("date(20250101)", "first argument must be string"),
        ("duration('1d')", "unknown unit \"d\""),
        ("date('2025-01-01').Year(1)", "Year(): expected 0 arguments, got 1"),
        ("date('2025-01-01').After('2024-01-01')", "argument must be a time.Time"),
        ("date('2025-01-01').Fly()", "type time.Time has no method Fly"),
        ("duration('1h').Days()", "type time.Duration has no method Days"),
        ("date('2025-01-01') + 1", "mismatched types"),
        ("date('2025-01-01') < 5", "mismatched types"),
        ("date('2025-01-01') + date('2025-01-01')", "mismatched types"),
    ]

    @Test(arguments: failures)
    func reportsBadTimes(_ source: String, _ mentions: String) {
        let error = #expect(throws: ExpressionRuntimeError.self) { try TestContext.eval(source) }
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "no error")")
    }

    @Test func timesCarryTheirOffsetButCompareAsInstants() throws {
        let local = try TestContext.eval("date('2025-01-01T02:00:00+02:00')")
        #expect(local == .time(Timestamp(secondsSinceEpoch: 1_735_689_600), utcOffset: 7200))
        #expect(local.jsonValue == .string("2025-01-01T02:00:00+02:00"))
        #expect(try TestContext.eval("date('2025-01-01')").jsonValue == .string("2025-01-01T00:00:00Z"))
    }

    @Test func unknownFunctionSuggestsDate() {
        let error = #expect(throws: ExpressionSyntaxError.self) { try ParsedExpression("dat('2025-01-01')") }
        #expect(error?.expectation == "did you mean `date`?")
    }

    @Test(arguments: [
        (ExpressionValue.bool(true), true as Bool?), (.bool(false), false), (.int(1), true), (.int(0), false),
        (.double(1), true), (.string("t"), true), (.string("TRUE"), true), (.string("False"), false),
        (.int(2), nil), (.string("yes"), nil), (.string(""), nil), (.null, nil), (.map([:]), nil),
    ])
    func filterVerdictFollowsStrconvParseBool(_ value: ExpressionValue, _ verdict: Bool?) {
        #expect(value.filterVerdict == verdict)
    }

    @Test func findsKargoFunctionCallsInSourceOrder() throws {
        let mixed = try ParsedExpression("len(tag) > 1 && warehouse('a') != imageFrom('x', warehouse('b'))")
        #expect(mixed.firstKargoFunctionCall?.name == "warehouse")
        #expect(mixed.firstKargoFunctionCall?.column == 17)
        #expect(try ParsedExpression("creatorDate.After(date('2024-01-01')) && !(tag contains 'alpha')")
            .firstKargoFunctionCall == nil)
    }
}
