import Testing

@testable import Templates

/// The one parser of each grammar that lint and the controller share: Go durations (`GoDurationText`), cron
/// schedules (`CronParser`, lint's `CronSchedule`), civil dates (`KubeTime`, `GoDate`), `depends`
/// (`DependsExpression`, the operator's DAG gate too). The cases both old implementations pinned, in one table each.
@Suite struct GrammarTests {
    // MARK: Go durations

    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("+0", 0), ("5s", 5_000_000_000), ("1.5h", 5_400_000_000_000),
        ("-1m", -60_000_000_000), (".5s", 500_000_000), ("1.s", 1_000_000_000), ("1h30m", 5_400_000_000_000),
        ("90s", 90_000_000_000), ("1.5m", 90_000_000_000), ("300ms", 300_000_000), ("2us", 2_000),
        ("2\u{00B5}s", 2_000), ("2\u{03BC}s", 2_000), ("7ns", 7), ("1h2m3.5s", 3_723_500_000_000),
    ])
    func goDurationsParse(text: String, nanos: Int64) {
        #expect(GoDurationText.parse(text) == .success(nanos))
    }

    @Test(arguments: [
        ("", "time: invalid duration \"\""), ("abc", "time: invalid duration \"abc\""),
        (".", "time: invalid duration \".\""), ("-", "time: invalid duration \"-\""),
        ("5", "time: missing unit in duration \"5\""), ("1m5", "time: missing unit in duration \"1m5\""),
        ("1x", "time: unknown unit \"x\" in duration \"1x\""), ("1d", "time: unknown unit \"d\" in duration \"1d\""),
        ("1hx", "time: unknown unit \"hx\" in duration \"1hx\""), ("9999999999999h", "time: invalid duration \"9999999999999h\""),
    ])
    func goDurationsFail(text: String, message: String) {
        #expect(GoDurationText.parse(text) == .failure(.init(message)))
    }

    // MARK: Cron schedules (the controller's error table is CronScheduleSpecTests.parseErrorsUseRobfigsWording)

    @Test(arguments: [
        "* * * * *", "0 0 * jan-mar mon-fri", "*/5 1-10/2 * * ?", "@daily", "@midnight", "@hourly", "@weekly",
        "@monthly", "@yearly", "@annually", "@every 1h30m", "@every 500ms", "TZ=UTC 0 * * * *",
        "CRON_TZ=Europe/Paris 0 1 * * *", " 0 * * * * ", "0,,5 * * * *",
    ])
    func lintAcceptsWhatRobfigParses(schedule: String) {
        #expect(CronSchedule.error(in: schedule) == nil)
    }

    @Test(arguments: [
        ("* * *", "expected exactly 5 fields, found 3: [* * *]"),
        ("60 * * * *", "end of range (60) above maximum (59): 60"),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("*/-1 * * * *", "negative number (-1) not allowed: -1"),
        ("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
        ("@often", "unrecognized descriptor: @often"),
        ("@every 1x", "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\""),
        ("TZ=UTC", "provided bad location TZ=UTC: unknown time zone"),
    ])
    func lintRejectsWithRobfigsWording(schedule: String, message: String) {
        #expect(CronSchedule.error(in: schedule) == message)
    }

    @Test func aZoneIsResolvedBeforeTheFields() throws {
        #expect(throws: CronScheduleError("provided bad location Mars/Olympus: unknown time zone Mars/Olympus")) {
            _ = try CronParser.parse("CRON_TZ=Mars/Olympus x", defaultZone: "UTC", loadZone: { _ in nil })
        }
        let (_, zone) = try CronParser.parse("CRON_TZ=Asia/Tokyo  @hourly ", defaultZone: "UTC", loadZone: { $0 })
        #expect(zone == "Asia/Tokyo")
    }

    // MARK: Civil dates

    @Test(arguments: [
        (Int64(0), "1970-01-01"), (-1, "1969-12-31"), (59, "1970-03-01"), (11_016, "2000-02-29"),
        (-719_468, "0000-03-01"), (20_794, "2026-12-07"), (2_932_896, "9999-12-31"),
    ])
    func civilFromDaysRoundTrips(days: Int64, date: String) {
        let (y, m, d) = KubeTime.civilFromDays(days)
        let text = [String(y), m < 10 ? "0\(m)" : "\(m)", d < 10 ? "0\(d)" : "\(d)"].joined(separator: "-")
        #expect(text == date.replacingZeroYear)
        #expect(KubeTime.daysFromCivil(year: y, month: m, day: d) == days)
        // Go's `time.Unix(...)` fields in `date` / `sprig` formatting use the same arithmetic.
        let parts = GoDate.fromUnix(days * 86_400 + 3_723)
        #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]
                == [Int(y), Int(m), Int(d), 1, 2, 3])
    }

    // MARK: depends

    @Test func aLongFanInEvaluatesWithoutDeepRecursion() throws {
        let names = (0..<10_000).map { "t\($0)" }
        let e = try DependsExpression.parse(names.joined(separator: " && "))
        #expect(e.taskNames == names)
        var asked = 0
        #expect(e.evaluate { _, _ in asked += 1; return true })
        #expect(asked == 10_000)
        asked = 0
        #expect(!e.evaluate { name, _ in asked += 1; return name != "t2" })
        #expect(asked == 3)  // short-circuits left to right
        let any = try DependsExpression.parse(names.joined(separator: " || "))
        asked = 0
        #expect(any.evaluate { name, _ in asked += 1; return name == "t1" })
        #expect(asked == 2)
    }

    @Test func theOperatorReadsBareNamesAndResultsThroughOneClosure() throws {
        let e = try DependsExpression.parse("A && (B.Failed || !C.Daemoned) && D.AnySucceeded")
        var seen: [String] = []
        _ = e.evaluate { name, result in seen.append("\(name).\(result?.rawValue ?? "-")"); return true }
        #expect(seen == ["A.-", "B.Failed", "D.AnySucceeded"])
    }
}

private extension String {
    var replacingZeroYear: String { hasPrefix("0000") ? "0" + dropFirst(4) : self }
}
