import Foundation
import Testing
@testable import Pipeline

/// Zone rules read from the system's tz database, as the commands will read them. Expected
/// values come from Python's `zoneinfo` over the same files.
enum TestZones {
    static let directory = "/usr/share/zoneinfo/"

    static func bytes(_ identifier: String) -> [UInt8]? {
        FileManager.default.contents(atPath: directory + identifier).map { Array($0) }
    }

    static func rules(_ identifier: String) -> ZoneRules {
        guard let bytes = bytes(identifier) else { fatalError("no zone file for \(identifier) in \(directory)") }
        do { return try ZoneRules(identifier: identifier, tzif: bytes) } catch { fatalError("\(identifier): \(error)") }
    }

    static let paris = rules("Europe/Paris")
    static let newYork = rules("America/New_York")
    static let sydney = rules("Australia/Sydney")
    static let known: [String: ZoneRules] = [
        "Europe/Paris": paris, "America/New_York": newYork, "Australia/Sydney": sydney,
        "Europe/Dublin": rules("Europe/Dublin"), "Asia/Kolkata": rules("Asia/Kolkata"), "UTC": rules("UTC"),
    ]

    /// A lookup over the zones above, the way the commands will look zones up.
    static let lookup: ZoneLookup = { known[$0] }
}

func instant(_ text: String) -> Timestamp {
    guard let parsed = Timestamp(rfc3339: text) else { fatalError("bad timestamp \(text)") }
    return parsed
}

func local(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64 = 0, _ minute: Int64 = 0, _ second: Int64 = 0) -> LocalDateTime {
    guard let value = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
        fatalError("bad local date")
    }
    return value
}

@Suite struct ZoneRulesTests {
    struct OffsetCase: Sendable, CustomStringConvertible {
        var zone: String
        var at: String
        var offset: Int64
        var abbreviation: String
        var description: String { "\(zone) \(at)" }
    }

    static let offsets: [OffsetCase] = [
        // From the transition table.
        .init(zone: "Europe/Paris", at: "2026-01-15T12:00:00Z", offset: 3600, abbreviation: "CET"),
        .init(zone: "Europe/Paris", at: "2026-07-15T12:00:00Z", offset: 7200, abbreviation: "CEST"),
        .init(zone: "Europe/Paris", at: "2026-03-29T00:59:59Z", offset: 3600, abbreviation: "CET"),
        .init(zone: "Europe/Paris", at: "2026-03-29T01:00:00Z", offset: 7200, abbreviation: "CEST"),
        .init(zone: "Europe/Paris", at: "2026-10-25T00:59:59Z", offset: 7200, abbreviation: "CEST"),
        .init(zone: "Europe/Paris", at: "2026-10-25T01:00:00Z", offset: 3600, abbreviation: "CET"),
        .init(zone: "America/New_York", at: "2026-03-08T06:59:59Z", offset: -18000, abbreviation: "EST"),
        .init(zone: "America/New_York", at: "2026-03-08T07:00:00Z", offset: -14400, abbreviation: "EDT"),
        .init(zone: "America/New_York", at: "2026-11-01T05:59:59Z", offset: -14400, abbreviation: "EDT"),
        .init(zone: "America/New_York", at: "2026-11-01T06:00:00Z", offset: -18000, abbreviation: "EST"),
        .init(zone: "America/New_York", at: "1900-01-01T00:00:00Z", offset: -18000, abbreviation: "EST"),
        // Southern hemisphere: summer time spans New Year.
        .init(zone: "Australia/Sydney", at: "2026-01-15T00:00:00Z", offset: 39600, abbreviation: "AEDT"),
        .init(zone: "Australia/Sydney", at: "2026-07-15T00:00:00Z", offset: 36000, abbreviation: "AEST"),
        .init(zone: "Australia/Sydney", at: "2026-04-04T15:59:59Z", offset: 39600, abbreviation: "AEDT"),
        .init(zone: "Australia/Sydney", at: "2026-04-04T16:00:00Z", offset: 36000, abbreviation: "AEST"),
        .init(zone: "Australia/Sydney", at: "2026-10-03T15:59:59Z", offset: 36000, abbreviation: "AEST"),
        .init(zone: "Australia/Sydney", at: "2026-10-03T16:00:00Z", offset: 39600, abbreviation: "AEDT"),
        // After the table ends (2037): the footer's POSIX rule.
        .init(zone: "Europe/Paris", at: "2050-03-27T00:59:59Z", offset: 3600, abbreviation: "CET"),
        .init(zone: "Europe/Paris", at: "2050-03-27T01:00:00Z", offset: 7200, abbreviation: "CEST"),
        .init(zone: "Europe/Paris", at: "2050-10-30T00:59:59Z", offset: 7200, abbreviation: "CEST"),
        .init(zone: "Europe/Paris", at: "2050-10-30T01:00:00Z", offset: 3600, abbreviation: "CET"),
        .init(zone: "America/New_York", at: "2060-03-14T06:59:59Z", offset: -18000, abbreviation: "EST"),
        .init(zone: "America/New_York", at: "2060-03-14T07:00:00Z", offset: -14400, abbreviation: "EDT"),
        .init(zone: "America/New_York", at: "2060-11-07T05:59:59Z", offset: -14400, abbreviation: "EDT"),
        .init(zone: "America/New_York", at: "2060-11-07T06:00:00Z", offset: -18000, abbreviation: "EST"),
        .init(zone: "Australia/Sydney", at: "2045-04-01T15:59:59Z", offset: 39600, abbreviation: "AEDT"),
        .init(zone: "Australia/Sydney", at: "2045-04-01T16:00:00Z", offset: 36000, abbreviation: "AEST"),
        .init(zone: "Australia/Sydney", at: "2045-09-30T15:59:59Z", offset: 36000, abbreviation: "AEST"),
        .init(zone: "Australia/Sydney", at: "2045-09-30T16:00:00Z", offset: 39600, abbreviation: "AEDT"),
        // Negative daylight saving: Irish Standard Time in summer, GMT as the "daylight" time in winter.
        .init(zone: "Europe/Dublin", at: "2040-01-10T00:00:00Z", offset: 0, abbreviation: "GMT"),
        .init(zone: "Europe/Dublin", at: "2040-07-10T00:00:00Z", offset: 3600, abbreviation: "IST"),
        .init(zone: "Asia/Kolkata", at: "2030-01-01T00:00:00Z", offset: 19800, abbreviation: "IST"),
        .init(zone: "UTC", at: "2026-07-15T12:00:00Z", offset: 0, abbreviation: "UTC"),
    ]

    @Test(arguments: offsets)
    func offsetAtAnInstant(_ example: OffsetCase) {
        let type = TestZones.known[example.zone]!.localTimeType(at: instant(example.at))
        #expect(type.utcOffset == example.offset)
        #expect(type.abbreviation == example.abbreviation)
    }

    struct LocalCase: Sendable, CustomStringConvertible {
        var zone: String
        var local: LocalDateTime
        var utc: String
        var why: String
        var description: String { "\(zone) \(local): \(why)" }
    }

    static let localTimes: [LocalCase] = [
        .init(zone: "Europe/Paris", local: local(2026, 1, 15, 9), utc: "2026-01-15T08:00:00Z", why: "winter"),
        .init(zone: "Europe/Paris", local: local(2026, 3, 29, 1, 59, 59), utc: "2026-03-29T00:59:59Z", why: "just before the gap"),
        .init(zone: "Europe/Paris", local: local(2026, 3, 29, 2, 30), utc: "2026-03-29T01:30:00Z", why: "in the gap: 03:30 CEST"),
        .init(zone: "Europe/Paris", local: local(2026, 3, 29, 3, 0), utc: "2026-03-29T01:00:00Z", why: "just after the gap"),
        .init(zone: "Europe/Paris", local: local(2026, 10, 25, 2, 30), utc: "2026-10-25T00:30:00Z", why: "twice: the first, in CEST"),
        .init(zone: "Europe/Paris", local: local(2026, 10, 25, 3, 0), utc: "2026-10-25T02:00:00Z", why: "after the overlap"),
        .init(zone: "America/New_York", local: local(2026, 3, 8, 2, 30), utc: "2026-03-08T07:30:00Z", why: "in the gap: 03:30 EDT"),
        .init(zone: "America/New_York", local: local(2026, 11, 1, 1, 30), utc: "2026-11-01T05:30:00Z", why: "twice: the first, in EDT"),
        .init(zone: "America/New_York", local: local(2007, 3, 11, 2, 30), utc: "2007-03-11T07:30:00Z", why: "RFC 5545's own gap example"),
        .init(zone: "America/New_York", local: local(2007, 11, 4, 1, 30), utc: "2007-11-04T05:30:00Z", why: "RFC 5545's own overlap example"),
        .init(zone: "Australia/Sydney", local: local(2026, 10, 4, 2, 30), utc: "2026-10-03T16:30:00Z", why: "in the gap: 03:30 AEDT"),
        .init(zone: "Australia/Sydney", local: local(2026, 4, 5, 2, 30), utc: "2026-04-04T15:30:00Z", why: "twice: the first, in AEDT"),
        .init(zone: "Europe/Paris", local: local(2050, 3, 27, 2, 30), utc: "2050-03-27T01:30:00Z", why: "a gap the footer rule makes"),
        .init(zone: "Europe/Paris", local: local(2050, 10, 30, 2, 30), utc: "2050-10-30T00:30:00Z", why: "an overlap the footer rule makes"),
        .init(zone: "UTC", local: local(2026, 3, 29, 2, 30), utc: "2026-03-29T02:30:00Z", why: "UTC has no gaps"),
    ]

    @Test(arguments: localTimes)
    func wallClockTimeToInstant(_ example: LocalCase) {
        #expect(TestZones.known[example.zone]!.instant(forLocal: example.local) == instant(example.utc))
    }

    @Test func theFooterRuleAgreesWithTheTableWhereBothExist() throws {
        // The files list transitions through 2037; a zone built from the footer alone must
        // make the same transitions in the years the table covers.
        for identifier in ["Europe/Paris", "America/New_York", "Australia/Sydney", "Europe/Dublin"] {
            let table = TestZones.known[identifier]!
            let footerOnly = ZoneRules(identifier: identifier, transitions: [], transitionTypes: [],
                                       types: [table.types[0]], footer: table.footer)
            let recent = table.transitions.filter { $0 > instant("2027-01-01T00:00:00Z").secondsSinceEpoch }
            #expect(recent.count >= 20, "\(identifier) lists transitions through 2037")
            for transition in recent {
                for second in [transition - 1, transition] {
                    #expect(footerOnly.localTimeType(atSecond: second) == table.localTimeType(atSecond: second),
                            "\(identifier) at \(Timestamp(secondsSinceEpoch: second))")
                }
            }
        }
    }

    struct PosixCase: Sendable, CustomStringConvertible {
        var rule: String
        var at: String
        var offset: Int64
        var description: String { "\(rule) at \(at)" }
    }

    static let posixRules: [PosixCase] = [
        .init(rule: "CET-1CEST,M3.5.0,M10.5.0/3", at: "2031-03-30T00:59:59Z", offset: 3600),
        .init(rule: "CET-1CEST,M3.5.0,M10.5.0/3", at: "2031-03-30T01:00:00Z", offset: 7200),
        .init(rule: "<+0330>-3:30", at: "2031-03-30T01:00:00Z", offset: 12600),
        .init(rule: "<-03>3", at: "2031-03-30T01:00:00Z", offset: -10800),
        // Julian days: J60 is March 1 in every year; 59 (zero-based) is March 1 in a leap year.
        .init(rule: "AAA0BBB,J60/0,J300/0", at: "2028-02-29T23:59:59Z", offset: 0),
        .init(rule: "AAA0BBB,J60/0,J300/0", at: "2028-03-01T00:00:00Z", offset: 3600),
        .init(rule: "AAA0BBB,59/0,300/0", at: "2028-02-28T23:59:59Z", offset: 0),
        .init(rule: "AAA0BBB,59/0,300/0", at: "2028-02-29T00:00:00Z", offset: 3600),
        .init(rule: "AAA0BBB,59/0,300/0", at: "2027-02-28T23:59:59Z", offset: 0),
        .init(rule: "AAA0BBB,59/0,300/0", at: "2027-03-01T00:00:00Z", offset: 3600),
        // Daylight time all year (RFC 8536 §3.3.1), and a negative transition time (version 3).
        .init(rule: "EST5EDT,0/0,J365/25", at: "2031-01-01T12:00:00Z", offset: -14400),
        .init(rule: "EST5EDT,0/0,J365/25", at: "2031-12-31T23:00:00Z", offset: -14400),
        .init(rule: "EST5EDT,0/0,J365/25", at: "2032-01-01T05:00:00Z", offset: -14400),
        .init(rule: "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", at: "2031-03-30T00:59:59Z", offset: -7200),
        .init(rule: "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", at: "2031-03-30T01:00:00Z", offset: -3600),
    ]

    @Test(arguments: posixRules)
    func posixRuleInAFooterOnlyFile(_ example: PosixCase) throws {
        let zone = try ZoneRules(identifier: "Test/Zone", tzif: Self.footerOnlyTZif(example.rule))
        #expect(zone.utcOffset(at: instant(example.at)) == example.offset)
    }

    @Test(arguments: ["", "C", "CET", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,J366,J1",
                      "CET-1CEST", "CET-25", "<+0330-3:30", "CET-1CEST,M3.5.0/168,M10.5.0"])
    func malformedPosixRulesAreRefused(_ rule: String) {
        #expect(PosixTimeZone(rule) == nil)
    }

    @Test func aVersionOneFileUsesItsThirtyTwoBitTable() throws {
        // Cut the real file down to its version 1 part and mark it version 1.
        var bytes = TestZones.bytes("Europe/Paris")!
        let counts = (0..<6).map { index in
            bytes[(20 + index * 4)..<(24 + index * 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        let size = counts[3] * 5 + counts[4] * 6 + counts[5] + counts[2] * 8 + counts[1] + counts[0]
        bytes = Array(bytes[..<(44 + size)])
        bytes[4] = 0
        let zone = try ZoneRules(identifier: "Europe/Paris", tzif: bytes)
        #expect(zone.footer == nil)
        #expect(zone.utcOffset(at: instant("2026-07-15T12:00:00Z")) == 7200)
        #expect(zone.utcOffset(at: instant("2026-01-15T12:00:00Z")) == 3600)
    }

    @Test func badDataIsAnErrorNamingWhatIsWrong() {
        let paris = TestZones.bytes("Europe/Paris")!
        #expect(throws: ZoneRulesError.notTZif(zone: "X")) { try ZoneRules(identifier: "X", tzif: Array("hello world".utf8)) }
        #expect(throws: ZoneRulesError.notTZif(zone: "X")) { try ZoneRules(identifier: "X", tzif: []) }
        #expect(throws: ZoneRulesError.truncated(zone: "X", section: "header")) { try ZoneRules(identifier: "X", tzif: Array(paris[..<30])) }
        #expect(throws: ZoneRulesError.truncated(zone: "X", section: "version 1 data")) {
            try ZoneRules(identifier: "X", tzif: Array(paris[..<100]))
        }
        #expect(throws: ZoneRulesError.truncated(zone: "X", section: "footer")) {
            try ZoneRules(identifier: "X", tzif: Array(paris.dropLast(3)))
        }
        var future = paris
        future[4] = UInt8(ascii: "9")
        #expect(throws: ZoneRulesError.unsupportedVersion(zone: "X", version: UInt8(ascii: "9"))) {
            try ZoneRules(identifier: "X", tzif: future)
        }
        let badFooter = Self.footerOnlyTZif("CET-1CEST,M3.5.0")
        #expect(throws: ZoneRulesError.invalidFooter(zone: "X", footer: "CET-1CEST,M3.5.0")) {
            try ZoneRules(identifier: "X", tzif: badFooter)
        }
        #expect(ZoneRulesError.truncated(zone: "Europe/Paris", section: "footer").description
            == "zone data for 'Europe/Paris' ends inside its footer")
    }

    @Test func utcIsBuiltInAndRendersWithZ() {
        let never: ZoneLookup = { _ in nil }
        #expect(ZoneRules.named("UTC", lookup: never) == ZoneRules.utc)
        #expect(ZoneRules.named("Etc/UTC", lookup: never) == ZoneRules.utc)
        #expect(ZoneRules.named("Europe/Paris", lookup: never) == nil)
        #expect(ZoneRules.utc.rfc3339(instant("2026-11-30T08:00:00Z")) == "2026-11-30T08:00:00Z")
        #expect(TestZones.paris.rfc3339(instant("2026-11-30T08:00:00Z")) == "2026-11-30T09:00:00+01:00")
        #expect(TestZones.newYork.rfc3339(instant("2026-07-01T16:00:00Z")) == "2026-07-01T12:00:00-04:00")
        #expect(TestZones.known["Asia/Kolkata"]!.rfc3339(instant("2026-07-01T16:00:00Z")) == "2026-07-01T21:30:00+05:30")
    }

    @Test(arguments: [("Europe/Paris", true), ("America/Argentina/Buenos_Aires", true), ("Etc/GMT+5", true),
                      ("../../etc/passwd", false), ("/etc/passwd", false), ("Europe//Paris", false), ("", false),
                      ("Europe/Paris\u{0}", false), ("Europe/ Paris", false)])
    func plausibleIdentifiers(_ identifier: String, _ plausible: Bool) {
        #expect(ZoneRules.isPlausibleIdentifier(identifier) == plausible)
    }

    @Test func aReadingLookupParsesWhatItReadsAndRefusesOddNames() {
        // The reader hands out Paris's bytes for any name, so only refusal can give nil.
        let lookup = ZoneRules.lookup { _ in TestZones.bytes("Europe/Paris") }
        #expect(lookup("Europe/Paris") == TestZones.paris)
        #expect(lookup("../../etc/passwd") == nil)
        #expect(lookup("/etc/localtime") == nil)
        let garbage = ZoneRules.lookup { _ in Array("not a zone".utf8) }
        #expect(garbage("Europe/Paris") == nil)
    }

    /// A version 2 TZif file with no transitions, one type and `footer`.
    static func footerOnlyTZif(_ footer: String) -> [UInt8] {
        func header() -> [UInt8] {
            var bytes = Array("TZif2".utf8) + [UInt8](repeating: 0, count: 15)
            for count in [0, 0, 0, 0, 1, 4] { bytes += [0, 0, 0, UInt8(count)] }
            return bytes
        }
        let block: [UInt8] = [0, 0, 0, 0, 0, 0] + Array("UTC".utf8) + [0]
        return header() + block + header() + block + [UInt8(ascii: "\n")] + Array(footer.utf8) + [UInt8(ascii: "\n")]
    }
}
