import Foundation
import Testing
@testable import Pipeline

struct TimestampTests {
    struct ParseCase: Sendable, CustomTestStringConvertible {
        let text: String
        let seconds: Int64
        let nanos: Int32
        let formatted: String
        var testDescription: String { text }
    }

    // Expected epoch seconds were computed independently (Python's datetime).
    static let validCases: [ParseCase] = [
        .init(text: "1970-01-01T00:00:00Z", seconds: 0, nanos: 0, formatted: "1970-01-01T00:00:00Z"),
        .init(text: "2026-11-23T08:45:00Z", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2026-11-23T09:45:00+01:00", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2026-11-23T03:15:00-05:30", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2026-11-23T08:45:00+00:00", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2026-11-23t08:45:00z", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2026-11-23 08:45:00Z", seconds: 1_795_423_500, nanos: 0, formatted: "2026-11-23T08:45:00Z"),
        .init(text: "2024-02-29T23:59:59.5Z", seconds: 1_709_251_199, nanos: 500_000_000,
              formatted: "2024-02-29T23:59:59.5Z"),
        .init(text: "2000-02-29T12:00:00.123456789Z", seconds: 951_825_600, nanos: 123_456_789,
              formatted: "2000-02-29T12:00:00.123456789Z"),
        .init(text: "2000-02-29T12:00:00.1234567899Z", seconds: 951_825_600, nanos: 123_456_789,
              formatted: "2000-02-29T12:00:00.123456789Z"),
        .init(text: "2026-01-01T00:00:00.000Z", seconds: 1_767_225_600, nanos: 0, formatted: "2026-01-01T00:00:00Z"),
        .init(text: "2026-01-01T00:00:00.010Z", seconds: 1_767_225_600, nanos: 10_000_000,
              formatted: "2026-01-01T00:00:00.01Z"),
        // An offset that moves the instant back across a month boundary.
        .init(text: "2026-03-01T00:30:00+01:00", seconds: 1_772_321_400, nanos: 0, formatted: "2026-02-28T23:30:00Z"),
        .init(text: "1969-12-31T23:59:59Z", seconds: -1, nanos: 0, formatted: "1969-12-31T23:59:59Z"),
        .init(text: "1969-12-31T23:59:59.25Z", seconds: -1, nanos: 250_000_000, formatted: "1969-12-31T23:59:59.25Z"),
        .init(text: "0001-01-01T00:00:00Z", seconds: -62_135_596_800, nanos: 0, formatted: "0001-01-01T00:00:00Z"),
        .init(text: "9999-12-31T23:59:59Z", seconds: 253_402_300_799, nanos: 0, formatted: "9999-12-31T23:59:59Z"),
    ]

    @Test(arguments: validCases)
    func parsesAndFormats(_ example: ParseCase) throws {
        let time = try #require(Timestamp(rfc3339: example.text))
        #expect(time.secondsSinceEpoch == example.seconds)
        #expect(time.nanoseconds == example.nanos)
        #expect(time.rfc3339 == example.formatted)
        #expect(time.description == example.formatted)
        #expect(Timestamp(rfc3339: time.rfc3339) == time)
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z",       // month 13
        "2026-00-10T00:00:00Z",       // month 0
        "2026-11-00T00:00:00Z",       // day 0
        "2023-02-29T00:00:00Z",       // February 29 in a common year
        "1900-02-29T00:00:00Z",       // century years are common unless divisible by 400
        "2026-04-31T00:00:00Z",       // April has 30 days
        "2026-11-23T24:00:00Z",       // hour 24
        "2026-11-23T08:60:00Z",       // minute 60
        "2026-11-23T08:45:60Z",       // leap second
        "2026-11-23T08:45:00",        // missing zone
        "2026-11-23T08:45:00+0100",   // offset without colon
        "2026-11-23T08:45:00+01",     // offset without minutes
        "2026-11-23T08:45:00+24:00",  // offset hour out of range
        "2026-11-23T08:45:00.Z",      // empty fraction
        "2026-11-23T08:45:00Z ",      // trailing text
        "2026-11-23T08:45Z",          // missing seconds
        "2026-1-23T08:45:00Z",        // one-digit month
        "26-11-23T08:45:00Z",         // two-digit year
        "2026-11-23",                 // date only
        "2026/11/23T08:45:00Z",
        "",
        "now",
    ])
    func rejectsInvalidText(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func everyDayRoundTripsThroughItsText() throws {
        // 1960-01-01 through 2100-12-31, noon UTC: format then parse must give the same instant,
        // and consecutive days must be exactly 86 400 s apart (catches calendar slips).
        let first = try #require(Timestamp(rfc3339: "1960-01-01T12:00:00Z"))
        let last = try #require(Timestamp(rfc3339: "2100-12-31T12:00:00Z"))
        var day = first
        var count = 0
        while day <= last {
            let reparsed = try #require(Timestamp(rfc3339: day.rfc3339))
            #expect(reparsed == day)
            day = day.adding(seconds: 86_400)
            count += 1
        }
        // 141 years, of which 35 are leap years (1960…2096; 2000 is one, 2100 is not).
        #expect(count == 141 * 365 + 35)
    }

    @Test func addsAndSubtractsSeconds() throws {
        let start = try #require(Timestamp(rfc3339: "2026-11-23T08:45:00Z"))
        #expect(start.adding(seconds: 3600).rfc3339 == "2026-11-23T09:45:00Z")
        #expect(start.adding(seconds: -0.25).rfc3339 == "2026-11-23T08:44:59.75Z")
        #expect(start.adding(seconds: 0.25).adding(seconds: 0.75).rfc3339 == "2026-11-23T08:45:01Z")
        #expect(start.adding(seconds: 86_400 * 7).rfc3339 == "2026-11-30T08:45:00Z")
        #expect(start.adding(seconds: 0) == start)

        let later = try #require(Timestamp(rfc3339: "2026-11-23T09:26:00.5Z"))
        #expect(later.seconds(since: start) == 2460.5)
        #expect(start.seconds(since: later) == -2460.5)
        #expect(start.adding(seconds: later.seconds(since: start)) == later)
    }

    @Test func normalizesNanoseconds() {
        let time = Timestamp(secondsSinceEpoch: 10, nanoseconds: -1)
        #expect(time.secondsSinceEpoch == 9)
        #expect(time.nanoseconds == 999_999_999)
        let carried = Timestamp(secondsSinceEpoch: 10, nanoseconds: 2_500_000_000)
        #expect(carried.secondsSinceEpoch == 12)
        #expect(carried.nanoseconds == 500_000_000)
    }

    @Test func ordersByInstantNotByText() throws {
        let utc = try #require(Timestamp(rfc3339: "2026-11-23T08:45:00Z"))
        let sameInstant = try #require(Timestamp(rfc3339: "2026-11-23T10:45:00+02:00"))
        let halfSecondLater = try #require(Timestamp(rfc3339: "2026-11-23T08:45:00.5Z"))
        let earlierDayLaterHour = try #require(Timestamp(rfc3339: "2026-11-22T23:00:00Z"))
        #expect(utc == sameInstant)
        #expect(utc.hashValue == sameInstant.hashValue)
        #expect(utc < halfSecondLater)
        #expect(earlierDayLaterHour < utc)
        #expect([halfSecondLater, utc, earlierDayLaterHour].sorted() == [earlierDayLaterHour, utc, halfSecondLater])
    }

    @Test func codesAsRFC3339String() throws {
        struct Holder: Codable, Equatable { var at: Timestamp }
        let decoded = try JSONDecoder().decode(Holder.self, from: Data(#"{"at":"2026-11-23T09:45:00.120+01:00"}"#.utf8))
        #expect(decoded.at.rfc3339 == "2026-11-23T08:45:00.12Z")
        let encoded = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
        #expect(encoded == #"{"at":"2026-11-23T08:45:00.12Z"}"#)
    }

    @Test(arguments: [#"{"at":"2026-02-30T00:00:00Z"}"#, #"{"at":"yesterday"}"#, #"{"at":1795423500}"#])
    func decodingBadTextThrows(_ json: String) {
        struct Holder: Codable { var at: Timestamp }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Holder.self, from: Data(json.utf8))
        }
    }
}
