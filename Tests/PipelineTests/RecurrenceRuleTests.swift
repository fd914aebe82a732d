import Testing
@testable import Pipeline

@Suite struct RecurrenceRuleTests {
    // MARK: Parsing

    static let valid: [(text: String, normalized: String)] = [
        ("FREQ=DAILY", "FREQ=DAILY"),
        ("RRULE:FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0"),
        ("rrule:freq=weekly;byday=fr", "FREQ=WEEKLY;BYDAY=FR"),
        ("  FREQ=WEEKLY ; INTERVAL=2 ; BYDAY=FR ;", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("FREQ=MONTHLY;BYDAY=-1FR,1MO,+2TU", "FREQ=MONTHLY;BYDAY=-1FR,1MO,2TU"),
        ("FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30;COUNT=10", "FREQ=DAILY;COUNT=10;BYHOUR=9,17;BYMINUTE=0,30"),
        ("FREQ=DAILY;UNTIL=20261231T235959Z", "FREQ=DAILY;UNTIL=20261231T235959Z"),
        ("FREQ=DAILY;UNTIL=20261231T235959", "FREQ=DAILY;UNTIL=20261231T235959"),
        ("FREQ=DAILY;UNTIL=20261231", "FREQ=DAILY;UNTIL=20261231T000000"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20,-1", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20,-1"),
        ("FREQ=WEEKLY;WKST=SU;BYDAY=TU,SU", "FREQ=WEEKLY;BYDAY=TU,SU;WKST=SU"),
        ("FREQ=WEEKLY;WKST=MO", "FREQ=WEEKLY"),
    ]

    @Test(arguments: valid)
    func parsesAndWritesBack(_ text: String, _ normalized: String) throws {
        let rule = try RecurrenceRule(parsing: text)
        #expect(rule.description == normalized)
        #expect(try RecurrenceRule(parsing: rule.description) == rule)
    }

    @Test func partsLandInTheirFields() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR,2TU;BYHOUR=18;BYMINUTE=15;COUNT=4")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 3)
        #expect(rule.count == 4)
        #expect(rule.byDay == [.init(.friday, ordinal: -1), .init(.tuesday, ordinal: 2)])
        #expect(rule.byHour == [18])
        #expect(rule.byMinute == [15])
        let until = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231T230000Z").until
        #expect(until == .instant(instant("2026-12-31T23:00:00Z")))
    }

    static let invalid: [(text: String, error: RecurrenceRuleError)] = [
        ("", .empty),
        ("RRULE:", .empty),
        ("BYDAY=FR", .missingFrequency),
        ("FREQ", .malformedPart("FREQ")),
        ("FREQ=WEEKLY;BYDAY:FR", .malformedPart("BYDAY:FR")),
        ("FREQUENCY=DAILY", .unknownPart("FREQUENCY")),
        ("FREQ=DAILY;BYSETPOS=1", .unsupportedPart("BYSETPOS")),
        ("FREQ=YEARLY;BYWEEKNO=20", .unsupportedPart("BYWEEKNO")),
        ("FREQ=DAILY;FREQ=WEEKLY", .duplicatePart("FREQ")),
        ("FREQ=HOURLY", .unsupportedFrequency("HOURLY")),
        ("FREQ=FORTNIGHTLY", .invalidValue(part: "FREQ", value: "FORTNIGHTLY", expected: "one of DAILY, WEEKLY, MONTHLY, YEARLY")),
        ("FREQ=DAILY;INTERVAL=0", .invalidValue(part: "INTERVAL", value: "0", expected: "a positive whole number")),
        ("FREQ=DAILY;INTERVAL=two", .invalidValue(part: "INTERVAL", value: "TWO", expected: "a positive whole number")),
        ("FREQ=DAILY;COUNT=-1", .invalidValue(part: "COUNT", value: "-1", expected: "a positive whole number")),
        ("FREQ=DAILY;COUNT=", .invalidValue(part: "COUNT", value: "", expected: "a positive whole number")),
        ("FREQ=DAILY;BYHOUR=24", .invalidValue(part: "BYHOUR", value: "24", expected: "comma-separated hours 0 to 23")),
        ("FREQ=DAILY;BYHOUR=9,,17", .invalidValue(part: "BYHOUR", value: "", expected: "comma-separated hours 0 to 23")),
        ("FREQ=DAILY;BYMINUTE=60", .invalidValue(part: "BYMINUTE", value: "60", expected: "comma-separated minutes 0 to 59")),
        ("FREQ=MONTHLY;BYMONTHDAY=0", .invalidValue(part: "BYMONTHDAY", value: "0",
                                                    expected: "comma-separated days 1 to 31 or -31 to -1 (counting from the month's end)")),
        ("FREQ=YEARLY;BYMONTH=13", .invalidValue(part: "BYMONTH", value: "13", expected: "comma-separated months 1 to 12")),
        ("FREQ=WEEKLY;BYDAY=FRI", .invalidValue(part: "BYDAY", value: "FRI", expected: RecurrenceRule.expected(for: "BYDAY"))),
        ("FREQ=MONTHLY;BYDAY=0FR", .invalidValue(part: "BYDAY", value: "0FR", expected: RecurrenceRule.expected(for: "BYDAY"))),
        ("FREQ=MONTHLY;BYDAY=54FR", .invalidValue(part: "BYDAY", value: "54FR", expected: RecurrenceRule.expected(for: "BYDAY"))),
        ("FREQ=WEEKLY;BYDAY=1FR", .ordinalNotAllowed(value: "1FR", frequency: .weekly)),
        ("FREQ=DAILY;BYDAY=-1FR", .ordinalNotAllowed(value: "-1FR", frequency: .daily)),
        ("FREQ=WEEKLY;BYMONTHDAY=1", .partNotAllowed(part: "BYMONTHDAY", frequency: .weekly)),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z", .countWithUntil),
        ("FREQ=DAILY;UNTIL=20261232", .invalidValue(part: "UNTIL", value: "20261232", expected: RecurrenceRule.expected(for: "UNTIL"))),
        ("FREQ=DAILY;UNTIL=2026-12-31", .invalidValue(part: "UNTIL", value: "2026-12-31", expected: RecurrenceRule.expected(for: "UNTIL"))),
        ("FREQ=WEEKLY;WKST=XX", .invalidValue(part: "WKST", value: "XX", expected: "one of SU, MO, TU, WE, TH, FR, SA")),
    ]

    @Test(arguments: invalid)
    func refusesWithTheFaultyPart(_ text: String, _ error: RecurrenceRuleError) {
        #expect(throws: error) { try RecurrenceRule(parsing: text) }
    }

    @Test func errorsSayWhatIsValid() {
        #expect(RecurrenceRuleError.unknownPart("FREQUENCY").description
            == "part 'FREQUENCY' is unknown; valid parts are FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, BYSECOND, WKST")
        #expect(RecurrenceRuleError.invalidValue(part: "BYHOUR", value: "24", expected: "comma-separated hours 0 to 23").description
            == "BYHOUR=24 is not valid; expected comma-separated hours 0 to 23")
    }

    // MARK: Enumeration (expected values from python-dateutil with zoneinfo)

    struct EnumerationCase: Sendable, CustomStringConvertible {
        var rule: String
        var zone: String
        var start: String
        var from: String
        var to: String
        var expected: [String]
        var why: String
        var description: String { why }

        var recurrence: Recurrence {
            let rules = TestZones.known[zone]!
            let start = PromotionWindowTime.basicDateTime(Substring(start))!
            return Recurrence(rule: try! RecurrenceRule(parsing: rule), start: start, zone: rules)
        }
    }

    static let enumerations: [EnumerationCase] = [
        .init(rule: "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30", zone: "Europe/Paris", start: "20260327T090000", from: "2026-03-27T00:00:00Z", to: "2026-03-31T00:00:00Z", expected: ["2026-03-27T08:00:00Z", "2026-03-27T08:30:00Z", "2026-03-27T16:00:00Z", "2026-03-27T16:30:00Z", "2026-03-28T08:00:00Z", "2026-03-28T08:30:00Z", "2026-03-28T16:00:00Z", "2026-03-28T16:30:00Z", "2026-03-29T07:00:00Z", "2026-03-29T07:30:00Z", "2026-03-29T15:00:00Z", "2026-03-29T15:30:00Z", "2026-03-30T07:00:00Z", "2026-03-30T07:30:00Z", "2026-03-30T15:00:00Z", "2026-03-30T15:30:00Z"], why: "DAILY with BYHOUR and BYMINUTE across spring-forward"),
        .init(rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=18;BYMINUTE=0", zone: "Europe/Paris", start: "20261016T180000", from: "2026-10-01T00:00:00Z", to: "2026-12-31T00:00:00Z", expected: ["2026-10-16T16:00:00Z", "2026-10-30T17:00:00Z", "2026-11-13T17:00:00Z", "2026-11-27T17:00:00Z", "2026-12-11T17:00:00Z", "2026-12-25T17:00:00Z"], why: "every other Friday at 18:00 across fall-back"),
        .init(rule: "FREQ=MONTHLY;BYDAY=-1FR", zone: "America/New_York", start: "20260130T170000", from: "2026-01-01T00:00:00Z", to: "2026-07-01T00:00:00Z", expected: ["2026-01-30T22:00:00Z", "2026-02-27T22:00:00Z", "2026-03-27T21:00:00Z", "2026-04-24T21:00:00Z", "2026-05-29T21:00:00Z", "2026-06-26T21:00:00Z"], why: "last Friday of the month"),
        .init(rule: "FREQ=MONTHLY;BYDAY=1MO,3MO;COUNT=5", zone: "UTC", start: "20260105T080000", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", expected: ["2026-01-05T08:00:00Z", "2026-01-19T08:00:00Z", "2026-02-02T08:00:00Z", "2026-02-16T08:00:00Z", "2026-03-02T08:00:00Z"], why: "first and third Monday, five times"),
        .init(rule: "FREQ=DAILY;COUNT=3", zone: "UTC", start: "20260101T120000", from: "2025-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", expected: ["2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z"], why: "COUNT"),
        .init(rule: "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260420T000000Z", zone: "Australia/Sydney", start: "20260401T090000", from: "2026-03-01T00:00:00Z", to: "2026-06-01T00:00:00Z", expected: ["2026-03-31T22:00:00Z", "2026-04-05T23:00:00Z", "2026-04-07T23:00:00Z", "2026-04-12T23:00:00Z", "2026-04-14T23:00:00Z", "2026-04-19T23:00:00Z"], why: "UNTIL in UTC across Sydney's autumn change"),
        .init(rule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", zone: "Europe/Paris", start: "20260327T023000", from: "2026-03-27T00:00:00Z", to: "2026-03-31T00:00:00Z", expected: ["2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"], why: "02:30 daily: the gap day moves to 03:30"),
        .init(rule: "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", zone: "Europe/Paris", start: "20261023T023000", from: "2026-10-23T00:00:00Z", to: "2026-10-27T00:00:00Z", expected: ["2026-10-23T00:30:00Z", "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"], why: "02:30 daily: the overlap day takes the first 02:30"),
        .init(rule: "FREQ=MONTHLY;BYMONTHDAY=31", zone: "UTC", start: "20260131T100000", from: "2026-01-01T00:00:00Z", to: "2026-09-01T00:00:00Z", expected: ["2026-01-31T10:00:00Z", "2026-03-31T10:00:00Z", "2026-05-31T10:00:00Z", "2026-07-31T10:00:00Z", "2026-08-31T10:00:00Z"], why: "the 31st skips short months"),
        .init(rule: "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=23", zone: "UTC", start: "20260131T230000", from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z", expected: ["2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T23:00:00Z", "2026-04-30T23:00:00Z", "2026-05-31T23:00:00Z"], why: "last day of the month"),
        .init(rule: "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20", zone: "Europe/Paris", start: "20261220T000000", from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z", expected: ["2026-12-19T23:00:00Z", "2027-12-19T23:00:00Z", "2028-12-19T23:00:00Z", "2029-12-19T23:00:00Z"], why: "a yearly date"),
        .init(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", zone: "America/New_York", start: "19970805T090000", from: "1997-01-01T00:00:00Z", to: "1998-01-01T00:00:00Z", expected: ["1997-08-05T13:00:00Z", "1997-08-10T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-24T13:00:00Z"], why: "RFC 5545 WKST example, MO"),
        .init(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", zone: "America/New_York", start: "19970805T090000", from: "1997-01-01T00:00:00Z", to: "1998-01-01T00:00:00Z", expected: ["1997-08-05T13:00:00Z", "1997-08-17T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-31T13:00:00Z"], why: "RFC 5545 WKST example, SU"),
        .init(rule: "FREQ=DAILY;UNTIL=20260105", zone: "UTC", start: "20260101T100000", from: "2025-12-01T00:00:00Z", to: "2026-02-01T00:00:00Z", expected: ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z", "2026-01-04T10:00:00Z"], why: "UNTIL as a date"),
        .init(rule: "FREQ=YEARLY;BYDAY=20MO", zone: "America/New_York", start: "19970519T090000", from: "1997-01-01T00:00:00Z", to: "2000-01-01T00:00:00Z", expected: ["1997-05-19T13:00:00Z", "1998-05-18T13:00:00Z", "1999-05-17T13:00:00Z"], why: "RFC 5545: the 20th Monday of the year"),
        .init(rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", zone: "UTC", start: "20260213T090000", from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", expected: ["2026-02-13T09:00:00Z", "2026-03-13T09:00:00Z", "2026-11-13T09:00:00Z", "2027-08-13T09:00:00Z"], why: "Friday the 13th"),
        .init(rule: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18", zone: "Australia/Sydney", start: "20260925T180000", from: "2026-09-20T00:00:00Z", to: "2026-10-20T00:00:00Z", expected: ["2026-09-25T08:00:00Z", "2026-10-02T08:00:00Z", "2026-10-09T07:00:00Z", "2026-10-16T07:00:00Z"], why: "Friday 18:00 across Sydney's spring change"),
        .init(rule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU", zone: "UTC", start: "20260113T060000", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", expected: ["2026-01-13T06:00:00Z", "2026-04-14T06:00:00Z", "2026-07-14T06:00:00Z", "2026-10-13T06:00:00Z"], why: "second Tuesday every quarter"),
        .init(rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=1", zone: "UTC", start: "20260329T010000", from: "2026-01-01T00:00:00Z", to: "2029-01-01T00:00:00Z", expected: ["2026-03-29T01:00:00Z", "2027-03-28T01:00:00Z", "2028-03-26T01:00:00Z"], why: "last Sunday of March (the EU change)"),
        .init(rule: "FREQ=DAILY;INTERVAL=3;BYMONTH=2", zone: "UTC", start: "20260125T120000", from: "2026-01-01T00:00:00Z", to: "2026-03-10T00:00:00Z", expected: ["2026-01-25T12:00:00Z", "2026-02-03T12:00:00Z", "2026-02-06T12:00:00Z", "2026-02-09T12:00:00Z", "2026-02-12T12:00:00Z", "2026-02-15T12:00:00Z", "2026-02-18T12:00:00Z", "2026-02-21T12:00:00Z", "2026-02-24T12:00:00Z", "2026-02-27T12:00:00Z"], why: "BYMONTH limits DAILY; a DTSTART off the rule is still the first occurrence"),
    ]

    @Test(arguments: enumerations)
    func occurrencesInARange(_ example: EnumerationCase) {
        let found = example.recurrence.occurrences(in: instant(example.from)..<instant(example.to))
        #expect(found.map(\.rfc3339) == example.expected)
    }

    @Test(arguments: enumerations)
    func nextAndPreviousAgreeWithTheRange(_ example: EnumerationCase) {
        let recurrence = example.recurrence
        let all = example.expected.map(instant)
        // Every case starts inside its range, so nothing comes before its first occurrence.
        #expect(recurrence.zone.instant(forLocal: recurrence.start) >= instant(example.from))
        for (index, occurrence) in all.enumerated() {
            let before = occurrence.adding(seconds: -1)
            #expect(recurrence.firstOccurrence(after: before, within: 400 * 86_400) == occurrence)
            #expect(recurrence.lastOccurrence(atOrBefore: occurrence) == occurrence)
            #expect(recurrence.lastOccurrence(atOrBefore: before) == (index > 0 ? all[index - 1] : nil))
            if index + 1 < all.count {
                #expect(recurrence.firstOccurrence(after: occurrence, within: 400 * 86_400) == all[index + 1])
            }
        }
    }

    @Test func countAndUntilEndTheRule() throws {
        let daily = try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=3")
        let counted = Recurrence(rule: daily, start: local(2026, 1, 1, 12), zone: .utc)
        #expect(counted.firstOccurrence(after: instant("2026-01-03T12:00:00Z"), within: 10 * 366 * 86_400) == nil)
        #expect(counted.lastOccurrence(atOrBefore: instant("2030-01-01T00:00:00Z")) == instant("2026-01-03T12:00:00Z"))
        #expect(counted.lastOccurrence(atOrBefore: instant("2026-01-01T11:59:59Z")) == nil)

        // DTSTART off the rule (a Monday for a Friday rule) is still the first occurrence and counts.
        let offRule = Recurrence(rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=FR;COUNT=2"),
                                 start: local(2026, 1, 5, 12), zone: .utc)
        #expect(offRule.occurrences(in: instant("2026-01-01T00:00:00Z")..<instant("2027-01-01T00:00:00Z")).map(\.rfc3339)
            == ["2026-01-05T12:00:00Z", "2026-01-09T12:00:00Z"])

        let until = try RecurrenceRule(parsing: "FREQ=WEEKLY;UNTIL=20260115T120000Z")
        let bounded = Recurrence(rule: until, start: local(2026, 1, 1, 12), zone: .utc)
        #expect(bounded.occurrences(in: instant("2025-01-01T00:00:00Z")..<instant("2027-01-01T00:00:00Z")).map(\.rfc3339)
            == ["2026-01-01T12:00:00Z", "2026-01-08T12:00:00Z", "2026-01-15T12:00:00Z"])
        #expect(bounded.firstOccurrence(after: instant("2026-01-15T12:00:00Z"), within: 10 * 366 * 86_400) == nil)
    }

    @Test func aRuleThatMatchesNothingHasOnlyItsStartAndEndsAtTheHorizon() throws {
        let never = try RecurrenceRule(parsing: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        let recurrence = Recurrence(rule: never, start: local(2026, 1, 1), zone: .utc)
        #expect(recurrence.firstOccurrence(after: instant("2025-12-31T00:00:00Z"), within: 5 * 366 * 86_400)
            == instant("2026-01-01T00:00:00Z"))
        #expect(recurrence.firstOccurrence(after: instant("2026-01-01T00:00:00Z"), within: 5 * 366 * 86_400) == nil)
        #expect(recurrence.lastOccurrence(atOrBefore: instant("2036-01-01T00:00:00Z")) == instant("2026-01-01T00:00:00Z"))
    }

    @Test func wallClockTimeStaysPutAcrossDaylightSaving() throws {
        // Fridays at 18:00 in Paris: 17:00Z in winter, 16:00Z in summer, always 18:00 local.
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0;BYSECOND=0")
        let recurrence = Recurrence(rule: rule, start: local(2026, 1, 2, 18), zone: TestZones.paris)
        let year = recurrence.occurrences(in: instant("2026-01-01T00:00:00Z")..<instant("2027-01-01T00:00:00Z"))
        #expect(year.count == 52)
        for occurrence in year {
            let wall = TestZones.paris.localDateTime(at: occurrence)
            #expect(wall.hour == 18 && wall.minute == 0 && wall.weekday == 5, "\(occurrence)")
        }
        #expect(Set(year.map { $0.secondsSinceEpoch % 86_400 / 3600 }) == [16, 17])
    }
}
