import PropertyBased
import Testing
@testable import Pipeline

private func window(
    _ name: String, _ kind: PromotionWindowKind?, rrule: String? = nil, start: String?, end: String?,
    stages: PromotionPolicySelector? = nil, projects: PromotionPolicySelector? = nil
) -> PromotionWindow {
    PromotionWindow(name: name, kind: kind, stageSelector: stages, projectSelector: projects, rrule: rrule, dtstart: start, dtend: end)
}

private func status(_ windows: [PromotionWindow], at now: String) -> PromotionWindowStatus? {
    PromotionWindowEvaluation.status(of: windows, at: instant(now), zones: TestZones.lookup)
}

/// Fridays 18:00 to Mondays 09:00, Paris time.
private let fridayFreeze = window("friday-freeze", .deny, rrule: "FREQ=WEEKLY;BYDAY=FR",
                                  start: "TZID=Europe/Paris:20261127T180000", end: "TZID=Europe/Paris:20261130T090000")
/// Weekdays 09:00 to 17:00, New York time.
private let businessHours = window("business-hours", .allow, rrule: "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                                   start: "TZID=America/New_York:20260105T090000", end: "TZID=America/New_York:20260105T170000")

@Suite struct PromotionWindowTests {
    // MARK: Deny windows

    @Test func aRecurringFreezeClosesUntilItsOccurrenceEnds() throws {
        let closed = try #require(status([fridayFreeze], at: "2026-11-28T12:00:00Z"))
        #expect(closed.closed == true)
        #expect(closed.reason == "closed by window `friday-freeze` until 2026-11-30T09:00:00+01:00")
        #expect(closed.nextOpen == instant("2026-11-30T08:00:00Z"))
        #expect(closed.nextClose == nil)

        let open = try #require(status([fridayFreeze], at: "2026-12-02T10:00:00Z"))
        #expect(open.closed == false)
        #expect(open.reason == nil && open.nextOpen == nil)
        #expect(open.nextClose == instant("2026-12-04T17:00:00Z"))
        #expect(open.nextCloseReason == "closed by window `friday-freeze` until 2026-12-07T09:00:00+01:00")
    }

    @Test func noWindowsMeansNoStatus() {
        #expect(status([], at: "2026-11-28T12:00:00Z") == nil)
    }

    @Test func aFreezeBeforeItsFirstOccurrenceIsOpen() throws {
        let before = try #require(status([fridayFreeze], at: "2026-11-27T16:59:59Z"))
        #expect(before.closed == false)
        #expect(before.nextClose == instant("2026-11-27T17:00:00Z"))
    }

    @Test(arguments: [
        ("2026-11-27T16:59:59.999999999Z", false),
        ("2026-11-27T17:00:00Z", true),       // start is inside
        ("2026-11-30T07:59:59.999999999Z", true),
        ("2026-11-30T08:00:00Z", false),      // end is outside
    ])
    func boundariesIncludeTheStartAndExcludeTheEnd(_ now: String, _ closed: Bool) throws {
        #expect(try #require(status([fridayFreeze], at: now)).closed == closed)
    }

    @Test func aOneShotFreezeUsesItsOwnZoneForTheReason() throws {
        let newYear = window("new-year", .deny, start: "20261231T000000Z", end: "TZID=America/New_York:20270102T090000")
        let closed = try #require(status([newYear], at: "2026-12-31T10:00:00Z"))
        #expect(closed.reason == "closed by window `new-year` until 2027-01-02T14:00:00Z")
        #expect(closed.nextOpen == instant("2027-01-02T14:00:00Z"))
        let paris = window("new-year", .deny, start: "2026-12-31T00:00:00+01:00", end: "2027-01-02T09:00:00+01:00")
        #expect(try #require(status([paris], at: "2026-12-31T10:00:00Z")).reason
            == "closed by window `new-year` until 2027-01-02T09:00:00+01:00")
    }

    @Test func backToBackFreezesOpenOnlyWhenTheLastEnds() throws {
        let morning = window("morning", .deny, start: "20261201T100000Z", end: "20261201T120000Z")
        let afternoon = window("afternoon", .deny, start: "20261201T120000Z", end: "20261201T140000Z")
        let closed = try #require(status([morning, afternoon], at: "2026-12-01T11:00:00Z"))
        #expect(closed.nextOpen == instant("2026-12-01T14:00:00Z"))
        #expect(closed.reason == "closed by window `morning` until 2026-12-01T12:00:00Z")
        let overlapping = window("lunch", .deny, start: "20261201T113000Z", end: "20261201T130000Z")
        let both = try #require(status([morning, overlapping], at: "2026-12-01T11:45:00Z"))
        #expect(both.reason == "closed by windows `morning` until 2026-12-01T12:00:00Z and `lunch` until 2026-12-01T13:00:00Z")
        #expect(both.nextOpen == instant("2026-12-01T13:00:00Z"))
    }

    @Test func aFreezeLongerThanTheHorizonHasNoNextOpen() throws {
        let long = window("long", .deny, start: "20260101T000000Z", end: "20300101T000000Z")
        let closed = try #require(status([long], at: "2026-06-01T00:00:00Z"))
        #expect(closed.closed == true)
        #expect(closed.nextOpen == nil)
        #expect(closed.reason == "closed by window `long` until 2030-01-01T00:00:00Z")
        let later = try #require(status([window("later", .deny, start: "20290101T000000Z", end: "20300101T000000Z")],
                                        at: "2026-06-01T00:00:00Z"))
        #expect(later.closed == false && later.nextClose == nil)
    }

    @Test func occurrencesThatOverlapForeverHaveNoKnownEnd() throws {
        // Each daily occurrence lasts two days, so the freeze never lifts.
        let always = window("always", .deny, rrule: "FREQ=DAILY", start: "20260101T000000Z", end: "20260103T000000Z")
        let closed = try #require(status([always], at: "2026-06-01T00:00:00Z"))
        #expect(closed.closed == true && closed.nextOpen == nil)
        #expect(closed.reason == "closed by window `always` with no end within 366 days")
    }

    // MARK: Daylight saving

    @Test func aWindowAtTwoThirtyOnTheSpringForwardDayMovesToThreeThirty() throws {
        // 02:30 does not exist in Paris on 2026-03-29; that day's occurrence starts at 03:30 CEST.
        let nightly = window("nightly", .deny, rrule: "FREQ=DAILY",
                             start: "TZID=Europe/Paris:20260320T023000", end: "TZID=Europe/Paris:20260320T033000")
        let cases: [(String, Bool)] = [
            ("2026-03-28T01:30:00Z", true),    // the day before, 02:30 CET
            ("2026-03-29T01:29:59Z", false),
            ("2026-03-29T01:30:00Z", true),    // 03:30 CEST
            ("2026-03-29T02:29:59Z", true),
            ("2026-03-29T02:30:00Z", false),
            ("2026-03-30T00:30:00Z", true),    // the day after, 02:30 CEST
        ]
        for (now, closed) in cases {
            #expect(try #require(status([nightly], at: now)).closed == closed, "\(now)")
        }
        let closed = try #require(status([nightly], at: "2026-03-29T01:45:00Z"))
        #expect(closed.reason == "closed by window `nightly` until 2026-03-29T04:30:00+02:00")
        let before = try #require(status([nightly], at: "2026-03-28T23:00:00Z"))
        #expect(before.nextClose == instant("2026-03-29T01:30:00Z"))
        #expect(before.nextCloseReason == "closed by window `nightly` until 2026-03-29T04:30:00+02:00")
    }

    @Test func aWindowAtTwoThirtyOnTheFallBackDayTakesTheFirstTwoThirty() throws {
        let nightly = window("nightly", .deny, rrule: "FREQ=DAILY",
                             start: "TZID=Europe/Paris:20261020T023000", end: "TZID=Europe/Paris:20261020T033000")
        #expect(try #require(status([nightly], at: "2026-10-25T00:30:00Z")).closed == true)   // 02:30 CEST
        #expect(try #require(status([nightly], at: "2026-10-25T01:29:59Z")).closed == true)
        #expect(try #require(status([nightly], at: "2026-10-25T01:30:00Z")).closed == false)  // the second 02:30, CET
        #expect(try #require(status([nightly], at: "2026-10-25T00:45:00Z")).reason
            == "closed by window `nightly` until 2026-10-25T02:30:00+01:00")
    }

    @Test func aOneShotStartInTheGapMovesForward() throws {
        let gap = window("gap", .deny, start: "TZID=Europe/Paris:20260329T023000", end: "TZID=Europe/Paris:20260329T050000")
        #expect(try #require(status([gap], at: "2026-03-29T01:29:59Z")).closed == false)
        #expect(try #require(status([gap], at: "2026-03-29T01:30:00Z")).closed == true)
    }

    @Test func southernHemisphereFreezeFollowsSydneyTime() throws {
        // Fridays 17:00 to 20:00 Sydney time: 06:00Z in summer (AEDT), 07:00Z in winter (AEST).
        let evening = window("evening", .deny, rrule: "FREQ=WEEKLY;BYDAY=FR",
                             start: "TZID=Australia/Sydney:20260102T170000", end: "TZID=Australia/Sydney:20260102T200000")
        #expect(try #require(status([evening], at: "2026-01-09T06:00:00Z")).closed == true)
        #expect(try #require(status([evening], at: "2026-07-10T06:30:00Z")).closed == false)
        #expect(try #require(status([evening], at: "2026-07-10T07:00:00Z")).closed == true)
        #expect(try #require(status([evening], at: "2026-07-10T07:00:00Z")).reason
            == "closed by window `evening` until 2026-07-10T20:00:00+10:00")
    }

    // MARK: Allow windows

    @Test func anAllowWindowClosesTheStageOutsideIt() throws {
        // Saturday: outside business hours until Monday 09:00 New York time.
        let weekend = try #require(status([businessHours], at: "2026-12-05T15:00:00Z"))
        #expect(weekend.closed == true)
        #expect(weekend.reason == "closed outside allow window `business-hours`, which next opens at 2026-12-07T09:00:00-05:00")
        #expect(weekend.nextOpen == instant("2026-12-07T14:00:00Z"))

        let working = try #require(status([businessHours], at: "2026-12-07T15:00:00Z"))
        #expect(working.closed == false)
        #expect(working.nextClose == instant("2026-12-07T22:00:00Z"))
        #expect(working.nextCloseReason
            == "closed outside allow window `business-hours`, which next opens at 2026-12-08T09:00:00-05:00")
    }

    @Test func anElapsedOneShotAllowWindowClosesForGood() throws {
        let once = window("release-day", .allow, start: "20260101T090000Z", end: "20260101T170000Z")
        let after = try #require(status([once], at: "2026-06-01T00:00:00Z"))
        #expect(after.closed == true && after.nextOpen == nil)
        #expect(after.reason == "closed outside allow window `release-day`, which does not open again within 366 days")
    }

    @Test func anyActiveAllowWindowOpensTheStage() throws {
        let evenings = window("evenings", .allow, rrule: "FREQ=DAILY;BYHOUR=19",
                              start: "TZID=America/New_York:20260105T190000", end: "TZID=America/New_York:20260105T210000")
        #expect(try #require(status([businessHours, evenings], at: "2026-12-06T01:00:00Z")).closed == false) // Sat 20:00
        let closed = try #require(status([businessHours, evenings], at: "2026-12-06T03:00:00Z"))          // Sat 22:00
        #expect(closed.reason == "closed outside allow windows `business-hours` and `evenings`; "
            + "the next to open is `evenings` at 2026-12-06T19:00:00-05:00")
        #expect(closed.nextOpen == instant("2026-12-07T00:00:00Z"))
    }

    @Test func denyBeatsAllow() throws {
        let holiday = window("holiday", .deny, start: "TZID=America/New_York:20261224T000000",
                             end: "TZID=America/New_York:20261227T000000")
        // Thursday 24 December, 10:00 New York: inside business hours and inside the holiday.
        let closed = try #require(status([businessHours, holiday], at: "2026-12-24T15:00:00Z"))
        #expect(closed.closed == true)
        #expect(closed.reason == "closed by window `holiday` until 2026-12-27T00:00:00-05:00")
        // The holiday ends on Sunday; business hours reopen on Monday.
        #expect(closed.nextOpen == instant("2026-12-28T14:00:00Z"))
        // Wednesday 23 December, 16:00: the day ends at 17:00, before the holiday starts.
        let open = try #require(status([businessHours, holiday], at: "2026-12-23T21:00:00Z"))
        #expect(open.nextClose == instant("2026-12-23T22:00:00Z"))
    }

    // MARK: Invalid windows

    @Test func aWindowThatCannotBeEvaluatedKeepsPromotionClosed() throws {
        let unknownZone = window("mars", .deny, start: "TZID=Mars/Olympus:20260101T000000", end: "20260102T000000Z")
        let closed = try #require(status([businessHours, unknownZone], at: "2026-12-07T15:00:00Z"))
        #expect(closed.closed == true && closed.nextOpen == nil)
        #expect(closed.reason?.contains("window `mars` cannot be evaluated") == true)
        #expect(closed.reason?.contains("Mars/Olympus") == true)
    }

    struct ProblemCase: Sendable, CustomStringConvertible {
        var window: PromotionWindow
        var scope: PromotionWindowScope = .clusterConfig
        var fields: [String]
        var description: String { fields.joined(separator: ",") + " " + (window.rrule ?? "") }
    }

    static let problems: [ProblemCase] = [
        .init(window: fridayFreeze, fields: []),
        .init(window: businessHours, scope: .projectConfig, fields: []),
        .init(window: window("w", .deny, start: nil, end: "20260102T000000Z"), fields: ["dtstart"]),
        .init(window: window("w", .deny, start: "20260102T000000Z", end: nil), fields: ["dtend"]),
        .init(window: window("w", nil, start: "20260101T000000Z", end: "20260102T000000Z"), fields: ["kind"]),
        .init(window: window("w", .deny, start: "20260102T000000Z", end: "20260101T000000Z"), fields: ["dtend"]),
        .init(window: window("w", .deny, start: "20260102T000000Z", end: "20260102T000000Z"), fields: ["dtend"]),
        .init(window: window("w", .deny, start: "2026-01-02", end: "20260103T000000Z"), fields: ["dtstart"]),
        .init(window: window("w", .deny, start: "20260230T000000Z", end: "20260303T000000Z"), fields: ["dtstart"]),
        .init(window: window("w", .deny, start: "TZID=Europe/Pariss:20260101T000000", end: "20260103T000000Z"), fields: ["dtstart"]),
        .init(window: window("w", .deny, rrule: "FREQ=FORTNIGHTLY", start: "20260101T000000Z", end: "20260101T010000Z"), fields: ["rrule"]),
        .init(window: window("w", .deny, rrule: "FREQ=DAILY", start: "bad", end: "worse"), fields: ["dtstart", "dtend"]),
        .init(window: window("w", .deny, start: "20260101T000000Z", end: "20260102T000000Z",
                             projects: PromotionPolicySelector(name: "payments")),
              scope: .projectConfig, fields: ["projectSelector"]),
    ]

    @Test(arguments: problems)
    func problemsNameTheirField(_ example: ProblemCase) {
        let found = PromotionWindowProblems.check(example.window, zones: TestZones.lookup, scope: example.scope)
        #expect(found.map(\.field) == example.fields, "\(found.map(\.message))")
    }

    @Test func problemMessagesSayWhatIsValid() {
        let zone = PromotionWindowProblems.check(
            window("w", .deny, start: "TZID=Europe/Pariss:20260101T000000", end: "20260103T000000Z"), zones: TestZones.lookup)
        #expect(zone.first?.message == "dtstart names time zone 'Europe/Pariss', which the zone database does not know; "
            + "expected an IANA name such as Europe/Paris or UTC")
        let rule = PromotionWindowProblems.check(
            window("w", .deny, rrule: "FREQ=WEEKLY;BYDAY=FRI", start: "20260101T000000Z", end: "20260101T010000Z"),
            zones: TestZones.lookup)
        #expect(rule.first?.message == "rrule BYDAY=FRI is not valid; expected comma-separated weekdays SU, MO, TU, WE, TH, FR, SA, "
            + "optionally with an ordinal such as 1MO or -1FR")
        let order = PromotionWindowProblems.check(
            window("w", .deny, start: "20260102T000000Z", end: "20260101T000000Z"), zones: TestZones.lookup)
        #expect(order.first?.message == "dtend 20260101T000000Z is not after dtstart 20260102T000000Z; a window must last a positive time")
    }

    @Test func listProblemsIncludeDuplicateNames() {
        let found = PromotionWindowProblems.check([fridayFreeze, businessHours, fridayFreeze], zones: TestZones.lookup,
                                                  scope: .clusterConfig)
        #expect(found.map(\.index) == [2])
        #expect(found.map(\.field) == ["name"])
    }

    @Test(arguments: [
        ("TZID=Europe/Paris:20261127T180000", "TZID=Europe/Paris:20261127T180000", "2026-11-27T17:00:00Z"),
        ("DTSTART;TZID=Europe/Paris:20261127T180000", "TZID=Europe/Paris:20261127T180000", "2026-11-27T17:00:00Z"),
        ("TZID=\"Europe/Paris\":20261127T180000", "TZID=Europe/Paris:20261127T180000", "2026-11-27T17:00:00Z"),
        (" TZID=America/New_York:20260101T090000 ", "TZID=America/New_York:20260101T090000", "2026-01-01T14:00:00Z"),
        ("20261127T170000Z", "20261127T170000Z", "2026-11-27T17:00:00Z"),
        ("20261127T170000", "20261127T170000", "2026-11-27T17:00:00Z"),
        ("2026-11-27T18:00:00+01:00", "2026-11-27T18:00:00+01:00", "2026-11-27T17:00:00Z"),
        ("2026-11-27T17:00:00Z", "20261127T170000Z", "2026-11-27T17:00:00Z"),
    ])
    func windowTimesInEveryAcceptedForm(_ text: String, _ normalized: String, _ utc: String) throws {
        let time = try PromotionWindowTime(parsing: text)
        #expect(time.description == normalized)
        let zone = try #require(time.zoneRules(lookup: TestZones.lookup))
        #expect(zone.instant(forLocal: time.local) == instant(utc))
    }

    @Test(arguments: [
        ("", PromotionWindowTimeError.empty),
        ("TZID=:20260101T000000", .emptyZone("TZID=:20260101T000000")),
        ("TZID=Europe/Paris", .malformed("TZID=Europe/Paris")),
        ("TZID=Europe/Paris:2026-01-01T00:00:00", .malformed("TZID=Europe/Paris:2026-01-01T00:00:00")),
        ("20261301T000000Z", .malformed("20261301T000000Z")),
        ("20260101T240000Z", .malformed("20260101T240000Z")),
        ("2026-01-01T00:00:00", .malformed("2026-01-01T00:00:00")),
        ("20260101", .malformed("20260101")),
    ])
    func malformedWindowTimesAreRefused(_ text: String, _ error: PromotionWindowTimeError) {
        #expect(throws: error) { try PromotionWindowTime(parsing: text) }
    }

    // MARK: Selection

    @Test func windowsAreSelectedByStageAndProject() {
        var config = KargoConfig()
        config.projects = [
            Project(metadata: ObjectMeta(name: "payments", labels: ["tier": "critical"])),
            Project(metadata: ObjectMeta(name: "web")),
        ]
        config.projectConfigs = [
            ProjectConfig(metadata: ObjectMeta(name: "payments", namespace: "payments"), spec: ProjectConfigSpec(promotionWindows: [
                window("prod-only", .deny, start: "20260101T000000Z", end: "20260102T000000Z",
                       stages: PromotionPolicySelector(name: "regex:^prod")),
                window("labelled", .allow, start: "20260101T000000Z", end: "20260102T000000Z",
                       stages: PromotionPolicySelector(matchLabels: ["env": "test"])),
            ])),
        ]
        config.clusterConfigs = [
            ClusterConfig(metadata: ObjectMeta(name: "cluster"), spec: ClusterConfigSpec(promotionWindows: [
                window("critical-freeze", .deny, start: "20260101T000000Z", end: "20260102T000000Z",
                       projects: PromotionPolicySelector(matchLabels: ["tier": "critical"])),
                window("web-prod", .deny, start: "20260101T000000Z", end: "20260102T000000Z",
                       stages: PromotionPolicySelector(name: "prod"), projects: PromotionPolicySelector(name: "glob:w*")),
                window("everywhere", .deny, start: "20260101T000000Z", end: "20260102T000000Z"),
            ])),
        ]
        func names(_ project: String, _ stage: String, _ labels: [String: String] = [:]) -> [String] {
            let stage = Stage(metadata: ObjectMeta(name: stage, namespace: project, labels: labels), spec: StageSpec())
            return PromotionWindowEvaluation.applicableWindows(project: project, stage: stage, config: config).map(\.name)
        }
        #expect(names("payments", "prod") == ["prod-only", "critical-freeze", "everywhere"])
        #expect(names("payments", "test", ["env": "test"]) == ["labelled", "critical-freeze", "everywhere"])
        #expect(names("web", "prod") == ["web-prod", "everywhere"])
        #expect(names("web", "test") == ["everywhere"])
    }

    @Test func aClusterWindowSelectedByProjectGatesTheStage() throws {
        var config = KargoConfig()
        config.projects = [Project(metadata: ObjectMeta(name: "payments", labels: ["tier": "critical"]))]
        config.clusterConfigs = [
            ClusterConfig(metadata: ObjectMeta(name: "cluster"), spec: ClusterConfigSpec(promotionWindows: [
                window("black-friday", .deny, start: "TZID=America/New_York:20261127T000000",
                       end: "TZID=America/New_York:20261201T000000",
                       projects: PromotionPolicySelector(matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "In", values: ["critical"])])),
            ])),
        ]
        let stage = Stage(metadata: ObjectMeta(name: "prod", namespace: "payments"), spec: StageSpec())
        let windows = PromotionWindowEvaluation.applicableWindows(project: "payments", stage: stage, config: config)
        let closed = try #require(PromotionWindowEvaluation.status(of: windows, at: instant("2026-11-28T12:00:00Z"), zones: TestZones.lookup))
        #expect(closed.reason == "closed by window `black-friday` until 2026-12-01T00:00:00-05:00")
        let other = Stage(metadata: ObjectMeta(name: "prod", namespace: "web"), spec: StageSpec())
        #expect(PromotionWindowEvaluation.applicableWindows(project: "web", stage: other, config: config).isEmpty)
    }

    // MARK: Properties

    static let seeds = Gen.int(in: 0...Int(Int32.max))

    @Test func statusAgreesWithTheOccurrencesAndItsNextChangeHolds() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            let windows = RandomWindows.make(using: &random)
            let schedules = windows.map { try! PromotionWindowSchedule($0, zones: TestZones.lookup) }
            let now = RandomWindows.now(near: schedules, using: &random)
            let active = { (at: Timestamp, kind: PromotionWindowKind) in
                schedules.contains { $0.kind == kind && RandomWindows.occurrenceHolds($0, at) }
            }
            let status = PromotionWindowEvaluation.status(of: windows, at: now, zones: TestZones.lookup)!
            let denied = active(now, .deny)
            let hasAllow = schedules.contains { $0.kind == .allow }
            if denied { #expect(status.closed == true, "seed \(seed): inside a Deny occurrence at \(now)") }
            #expect(status.closed == (denied || (hasAllow && !active(now, .allow))), "seed \(seed) at \(now)")
            #expect((status.closed == true) == (status.reason != nil), "seed \(seed)")
            if let nextOpen = status.nextOpen {
                #expect(nextOpen > now, "seed \(seed)")
                let then = PromotionWindowEvaluation.status(of: windows, at: nextOpen, zones: TestZones.lookup)!
                #expect(then.closed == false, "seed \(seed): not open at nextOpen \(nextOpen)")
                // And it is the first opening: still closed just before.
                let justBefore = nextOpen.adding(seconds: -1e-9)
                if justBefore > now {
                    #expect(PromotionWindowEvaluation.status(of: windows, at: justBefore, zones: TestZones.lookup)!.closed == true,
                            "seed \(seed): open before nextOpen")
                }
            }
            if let nextClose = status.nextClose {
                #expect(nextClose > now && status.nextCloseReason != nil, "seed \(seed)")
                let then = PromotionWindowEvaluation.status(of: windows, at: nextClose, zones: TestZones.lookup)!
                #expect(then.closed == true, "seed \(seed): not closed at nextClose \(nextClose)")
                #expect(then.reason == status.nextCloseReason, "seed \(seed)")
            }
        }
    }
}

/// Random valid windows around 2026, in zones with and without daylight saving, with start
/// times that sometimes fall in a daylight-saving gap or overlap.
private enum RandomWindows {
    static let zones = ["UTC", "Europe/Paris", "America/New_York", "Australia/Sydney"]
    static let base = instant("2026-01-01T00:00:00Z").secondsSinceEpoch

    static func make(using random: inout SplitMix64) -> [PromotionWindow] {
        (0..<Int.random(in: 1...3, using: &random)).map { index in
            let kind: PromotionWindowKind = Bool.random(using: &random) ? .deny : .allow
            let zone = zones.randomElement(using: &random)!
            let startDay = Int64.random(in: 0...365, using: &random)
            let hour = Int64([0, 2, 3, 9, 17, 18, 23].randomElement(using: &random)!)
            let minute = Int64([0, 30].randomElement(using: &random)!)
            let start = LocalDateTime(secondsSinceEpoch: base + startDay * 86_400 + hour * 3600 + minute * 60)
            let duration = [600, 3600, 8 * 3600, 86_400, 3 * 86_400].randomElement(using: &random)! as Int64
            let end = LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + duration)
            let prefix = zone == "UTC" ? "" : "TZID=\(zone):"
            let suffix = zone == "UTC" ? "Z" : ""
            let startText = prefix + PromotionWindowTime(local: start, zone: .floating).description + suffix
            let endText = prefix + PromotionWindowTime(local: end, zone: .floating).description + suffix
            var rrule: String?
            switch Int.random(in: 0...3, using: &random) {
            case 0: rrule = nil
            case 1:
                let hours = Set((0..<Int.random(in: 0...2, using: &random)).map { _ in Int.random(in: 0...23, using: &random) })
                rrule = "FREQ=DAILY;INTERVAL=\(Int.random(in: 1...3, using: &random))"
                    + (hours.isEmpty ? "" : ";BYHOUR=" + hours.sorted().map(String.init).joined(separator: ","))
            case 2:
                let days = Set((0..<Int.random(in: 1...3, using: &random)).map { _ in
                    RecurrenceRule.Weekday.allCases.randomElement(using: &random)!.code
                })
                rrule = "FREQ=WEEKLY;BYDAY=" + days.sorted().joined(separator: ",") + ";INTERVAL=\(Int.random(in: 1...2, using: &random))"
            default:
                let ordinal = [1, 2, -1].randomElement(using: &random)!
                rrule = "FREQ=MONTHLY;BYDAY=\(ordinal)\(RecurrenceRule.Weekday.allCases.randomElement(using: &random)!.code)"
            }
            if let rule = rrule, Int.random(in: 0...3, using: &random) == 0 {
                rrule = rule + ";COUNT=\(Int.random(in: 1...20, using: &random))"
            }
            return PromotionWindow(name: "w\(index)", kind: kind, rrule: rrule, dtstart: startText, dtend: endText)
        }
    }

    /// Half the time any minute of the year, half the time inside one window's occurrence or
    /// exactly on its start or end, where off-by-one mistakes live.
    static func now(near schedules: [PromotionWindowSchedule], using random: inout SplitMix64) -> Timestamp {
        let any = Timestamp(secondsSinceEpoch: base + Int64.random(in: -30 * 86_400...420 * 86_400, using: &random) / 60 * 60)
        // Mostly Deny windows, since being inside one is the case that matters most.
        let denials = schedules.filter { $0.kind == .deny }
        let pool = !denials.isEmpty && Int.random(in: 0...3, using: &random) > 0 ? denials : schedules
        guard Bool.random(using: &random), let schedule = pool.randomElement(using: &random) else { return any }
        let span: Range<Timestamp>
        switch schedule.timing {
        case .oneShot(let oneShot):
            span = oneShot
        case .recurring(let recurrence, let duration):
            guard let start = recurrence.firstOccurrence(after: any.adding(seconds: -40 * 86_400), within: 80 * 86_400)
            else { return any }
            span = start..<start.adding(seconds: Double(duration))
        }
        switch Int.random(in: 0...3, using: &random) {
        case 0: return span.lowerBound
        case 1: return span.upperBound
        case 2: return span.upperBound.adding(seconds: -1)
        default:
            let length = span.upperBound.secondsSinceEpoch - span.lowerBound.secondsSinceEpoch
            return span.lowerBound.adding(seconds: Double(Int64.random(in: 0..<length, using: &random)))
        }
    }

    /// Whether an occurrence holds `at`, straight from the occurrence list rather than through
    /// the evaluation's merged spans.
    static func occurrenceHolds(_ schedule: PromotionWindowSchedule, _ at: Timestamp) -> Bool {
        switch schedule.timing {
        case .oneShot(let span):
            return span.contains(at)
        case .recurring(let recurrence, let duration):
            let from = Timestamp(secondsSinceEpoch: at.secondsSinceEpoch - duration - 1)
            return recurrence.occurrences(in: from..<at.adding(seconds: 1e-9)).contains {
                $0 <= at && at.seconds(since: $0) < Double(duration)
            }
        }
    }
}
