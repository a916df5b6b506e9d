import Foundation
import Templates
import Testing
@testable import Controller
@testable import Cron

/// `2012-03-11T01:00:00-0500` → Date (test helper; offsets as robfig's tests write them).
func cronTime(_ text: String) -> Date {
    let c = Array(text.utf8)
    func num(_ from: Int, _ len: Int) -> Int { Int(String(decoding: c[from..<from + len], as: UTF8.self)) ?? -1 }
    let days: Int64 = KubeTime.daysFromCivil(year: Int64(num(0, 4)), month: Int64(num(5, 2)), day: Int64(num(8, 2)))
    var seconds = days * 86_400 + Int64(num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2))
    if c.count > 19 {
        let sign: Int64 = c[19] == UInt8(ascii: "-") ? -1 : 1
        seconds -= sign * Int64(num(20, 2) * 3600 + num(22, 2) * 60)
    }
    return Date(timeIntervalSince1970: Double(seconds))
}

@Suite struct CronScheduleSpecTests {
    /// (from, schedule, expected next), in UTC unless the schedule names a zone. Cases follow robfig's TestNext.
    static let nextCases: [(String, String, String)] = [
        ("2012-07-09T14:45:00", "0/15 * * * *", "2012-07-09T15:00:00"),
        ("2012-07-09T14:59:00", "0/15 * * * *", "2012-07-09T15:00:00"),
        ("2012-07-09T14:59:59", "0/15 * * * *", "2012-07-09T15:00:00"),
        ("2012-07-09T15:45:00", "20-35/15 * * * *", "2012-07-09T16:20:00"),
        ("2012-07-09T23:46:00", "*/15 * * * *", "2012-07-10T00:00:00"),
        ("2012-07-09T23:45:00", "20-35/15 * * * *", "2012-07-10T00:20:00"),
        ("2012-07-09T23:35:51", "20-35/15 1/2 * * *", "2012-07-10T01:20:00"),
        ("2012-07-09T23:35:51", "20-35/15 10-12 * * *", "2012-07-10T10:20:00"),
        ("2012-07-09T23:35:51", "20-35/15 1/2 */2 * *", "2012-07-11T01:20:00"),
        ("2012-07-09T23:35:51", "20-35/15 * 9-20 jul *", "2012-07-10T00:20:00"),
        // Months wrap; names in any case.
        ("2012-07-09T23:35:00", "0 0 9 Apr-Oct ?", "2012-08-09T00:00:00"),
        ("2012-07-09T23:35:00", "0 0 */5 Apr,Aug,Oct Mon", "2012-08-01T00:00:00"),
        ("2012-07-09T23:35:00", "0 0 */5 Oct MON", "2012-10-01T00:00:00"),
        // Years wrap: with `*` for day-of-month, day-of-week alone decides (AND with the star).
        ("2012-07-09T23:35:00", "0 0 * Feb Mon", "2013-02-04T00:00:00"),
        ("2012-07-09T23:35:00", "0 0 * Feb Mon/2", "2013-02-01T00:00:00"),
        ("2012-12-31T23:59:45", "* * * * *", "2013-01-01T00:00:00"),
        ("2012-07-09T23:35:00", "0 0 29 Feb ?", "2016-02-29T00:00:00"),
        // Day-of-month and day-of-week both restricted: either matches (OR). 2024-06-01 is a Saturday.
        ("2024-06-01T12:00:00", "0 9 15 * 1", "2024-06-03T09:00:00"),
        ("2024-06-10T12:00:00", "0 9 15 * 1", "2024-06-15T09:00:00"),
        ("2024-06-01T12:00:00", "0 9 15 * *", "2024-06-15T09:00:00"),
        ("2024-06-01T12:00:00", "0 9 * * 1", "2024-06-03T09:00:00"),
        // `*/1` keeps the star bit (AND), a step above 1 drops it (OR): 2024-06-02 is a Sunday.
        ("2024-06-03T12:00:00", "0 0 */1 * 1", "2024-06-10T00:00:00"),
        ("2024-06-03T12:00:00", "0 0 */2 * 1", "2024-06-05T00:00:00"),
        ("2024-06-01T12:00:00", "0 0 2-30/2 * 1", "2024-06-02T00:00:00"),
        // Lists, ranges and descriptors.
        ("2024-06-01T12:00:00", "5,10-12,50 * * * *", "2024-06-01T12:05:00"),
        ("2024-06-01T12:11:00", "5,10-12,50 * * * *", "2024-06-01T12:12:00"),
        ("2024-06-01T12:00:00", "@hourly", "2024-06-01T13:00:00"),
        ("2024-06-01T12:00:00", "@daily", "2024-06-02T00:00:00"),
        ("2024-06-01T12:00:00", "@midnight", "2024-06-02T00:00:00"),
        ("2024-06-01T12:00:00", "@weekly", "2024-06-02T00:00:00"),
        ("2024-06-01T12:00:00", "@monthly", "2024-07-01T00:00:00"),
        ("2024-06-01T12:00:00", "@yearly", "2025-01-01T00:00:00"),
        ("2024-06-01T12:00:00", "@annually", "2025-01-01T00:00:00"),
        // DST in New York (robfig's own cases): spring forward on 2012-03-11 at 02:00 EST.
        ("2012-03-11T00:00:00-0500", "CRON_TZ=America/New_York 30 2 11 Mar ?", "2013-03-11T02:30:00-0400"),
        ("2012-03-11T00:00:00-0500", "TZ=America/New_York 0 * * * *", "2012-03-11T01:00:00-0500"),
        ("2012-03-11T01:00:00-0500", "TZ=America/New_York 0 * * * *", "2012-03-11T03:00:00-0400"),
        ("2012-03-11T03:00:00-0400", "TZ=America/New_York 0 * * * *", "2012-03-11T04:00:00-0400"),
        ("2012-03-11T00:00:00-0500", "CRON_TZ=America/New_York 0 1 * * *", "2012-03-11T01:00:00-0500"),
        ("2012-03-11T01:00:00-0500", "CRON_TZ=America/New_York 0 1 * * *", "2012-03-12T01:00:00-0400"),
        ("2012-03-11T00:00:00-0500", "CRON_TZ=America/New_York 0 2 * * *", "2012-03-12T02:00:00-0400"),
        // Fall back on 2012-11-04 at 02:00 EDT: 01:00-01:59 happens twice, and a 1am job runs twice.
        ("2012-11-04T00:00:00-0400", "CRON_TZ=America/New_York 30 2 04 Nov ?", "2012-11-04T02:30:00-0500"),
        ("2012-11-04T01:45:00-0400", "CRON_TZ=America/New_York 30 1 04 Nov ?", "2012-11-04T01:30:00-0500"),
        ("2012-11-04T00:00:00-0400", "CRON_TZ=America/New_York 0 * * * *", "2012-11-04T01:00:00-0400"),
        ("2012-11-04T01:00:00-0400", "CRON_TZ=America/New_York 0 * * * *", "2012-11-04T01:00:00-0500"),
        ("2012-11-04T01:00:00-0500", "CRON_TZ=America/New_York 0 * * * *", "2012-11-04T02:00:00-0500"),
        ("2012-11-04T00:00:00-0400", "CRON_TZ=America/New_York 0 1 * * *", "2012-11-04T01:00:00-0400"),
        ("2012-11-04T01:00:00-0400", "CRON_TZ=America/New_York 0 1 * * *", "2012-11-04T01:00:00-0500"),
        ("2012-11-04T01:00:00-0500", "CRON_TZ=America/New_York 0 1 * * *", "2012-11-05T01:00:00-0500"),
        // A zone also applies to descriptors: midnight in Tokyo is 15:00 UTC.
        ("2024-06-01T12:00:00", "CRON_TZ=Asia/Tokyo @daily", "2024-06-01T15:00:00"),
    ]

    @Test(arguments: nextCases)
    func nextActivation(from: String, schedule: String, expected: String) throws {
        let spec = try CronScheduleSpec(schedule, timeZone: nil)
        #expect(spec.next(after: cronTime(from)) == cronTime(expected))
    }

    @Test func timezoneFieldActsAsCronTZPrefix() throws {
        let spec = try CronScheduleSpec("0 1 * * *", timeZone: "America/New_York")
        #expect(spec.next(after: cronTime("2012-11-04T01:00:00-0400")) == cronTime("2012-11-04T01:00:00-0500"))
        let utc = try CronScheduleSpec("0 1 * * *", timeZone: "")
        #expect(utc.next(after: cronTime("2024-06-01T00:00:00")) == cronTime("2024-06-01T01:00:00"))
    }

    @Test(arguments: [
        ("@every 90s", "2024-06-01T12:00:00", "2024-06-01T12:01:30"),
        ("@every 1h30m", "2024-06-01T12:00:00", "2024-06-01T13:30:00"),
        ("@every 1.5s", "2024-06-01T12:00:00", "2024-06-01T12:00:01"),  // rounded down to whole seconds
        ("@every 10ms", "2024-06-01T12:00:00", "2024-06-01T12:00:01"),  // at least a second
        ("CRON_TZ=Asia/Tokyo @every 5m", "2024-06-01T12:00:07", "2024-06-01T12:05:07"),  // zone ignored
    ])
    func everyIsAConstantDelay(schedule: String, from: String, expected: String) throws {
        let spec = try CronScheduleSpec(schedule, timeZone: nil)
        #expect(spec.next(after: cronTime(from)) == cronTime(expected))
        // The fraction of the start is dropped, as ConstantDelaySchedule does.
        #expect(spec.next(after: cronTime(from).addingTimeInterval(0.75)) == cronTime(expected))
    }

    @Test func impossibleDateHasNoNextRun() throws {
        let spec = try CronScheduleSpec("0 0 30 Feb *", timeZone: nil)
        #expect(spec.next(after: cronTime("2024-01-01T00:00:00")) == nil)
    }

    @Test(arguments: [
        ("", "empty spec string"),
        ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
        ("0 0 * * * *", "expected exactly 5 fields, found 6: [0 0 * * * *]"),
        ("60 * * * *", "end of range (60) above maximum (59): 60"),
        ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("* * * * 7", "end of range (7) above maximum (6): 7"),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
        ("*/2/3 * * * *", "too many slashes: */2/3"),
        ("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"),
        ("* * * foo *", "failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax"),
        ("*/-1 * * * *", "negative number (-1) not allowed: -1"),
        ("@often", "unrecognized descriptor: @often"),
        ("@every 1x", "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\""),
        ("@every 5", "failed to parse duration @every 5: time: missing unit in duration \"5\""),
        ("@every abc", "failed to parse duration @every abc: time: invalid duration \"abc\""),
        ("CRON_TZ=Mars/Olympus * * * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"),
    ])
    func parseErrorsUseRobfigsWording(schedule: String, message: String) {
        #expect(throws: CronScheduleError(message)) { try CronScheduleSpec(schedule, timeZone: nil) }
    }

    @Test func timezoneFieldWithOwnPrefixFailsAsInArgo() {
        #expect(throws: CronScheduleError("expected exactly 5 fields, found 6: [CRON_TZ=Asia/Tokyo 0 * * * *]")) {
            try CronScheduleSpec("CRON_TZ=Asia/Tokyo 0 * * * *", timeZone: "America/New_York")
        }
        #expect(throws: CronScheduleError("provided bad location Nowhere/Land: unknown time zone Nowhere/Land")) {
            try CronScheduleSpec("0 * * * *", timeZone: "Nowhere/Land")
        }
    }
}
