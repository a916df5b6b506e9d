import Foundation
import Templates
import ClusterAPI

/// One CronWorkflow schedule, evaluated as robfig/cron v3 (which Argo's cron controller uses) evaluates it.
public struct CronScheduleSpec: Sendable {
    /// The text as given.
    public let text: String
    let rule: CronRule
    let clock: ZoneClock

    /// `text`: one of `spec.schedules` (or the old `spec.schedule`): five fields, a descriptor (`@daily`,
    /// `@hourly`, `@every 90s`...), optionally prefixed `CRON_TZ=Zone ` / `TZ=Zone `. `timeZone`: `spec.timezone`
    /// (an IANA name). Argo prefixes `CRON_TZ=<timezone> ` to every schedule when `spec.timezone` is set, and so
    /// do we (so a schedule with its own `CRON_TZ=` beside `spec.timezone` fails as it does in Argo). Without a
    /// zone, Argo uses the controller's local zone; argo-lite uses UTC.
    public init(_ text: String, timeZone: String?) throws(CronScheduleError) {
        self.text = text
        let full = (timeZone?.isEmpty ?? true) ? text : "CRON_TZ=\(timeZone ?? "") \(text)"
        let (rule, zone) = try CronParser.parse(full, defaultZone: CronZone.utc, loadZone: CronZone.load)
        self.rule = rule
        clock = ZoneClock(zone)
    }

    /// The first activation strictly after `date`, as robfig's `Next` (nil if none within 5 years).
    public func next(after date: Date) -> Date? {
        let start = Int64(date.timeIntervalSince1970.rounded(.down))
        switch rule {
        case .every(let seconds):
            return Date(timeIntervalSince1970: Double(start + seconds))
        case .fields(let fields):
            return nextActivation(fields, after: start).map { Date(timeIntervalSince1970: Double($0)) }
        }
    }

    /// robfig's `SpecSchedule.Next`, field by field, in whole seconds (`start` is `date` without its fraction).
    private func nextActivation(_ s: CronFields, after start: Int64) -> Int64? {
        var t = start + 1  // the upcoming whole second
        var added = false
        let yearLimit = clock.wall(t).year + 5
        func has(_ set: UInt64, _ value: Int) -> Bool { set & (1 << UInt64(value)) != 0 }

        wrap: while true {
            var w = clock.wall(t)
            if w.year > yearLimit { return nil }

            while !has(s.month, w.month) {
                if !added {
                    added = true
                    t = clock.date(w.year, w.month, 1, 0, 0, 0)
                    w = clock.wall(t)
                }
                t = clock.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second)
                w = clock.wall(t)
                if w.month == 1 { continue wrap }
            }

            while !dayMatches(s, w) {
                if !added {
                    added = true
                    t = clock.date(w.year, w.month, w.day, 0, 0, 0)
                    w = clock.wall(t)
                }
                t = clock.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second)
                w = clock.wall(t)
                // Midnight may not exist after a DST change: step back to the day's start or on to the next.
                if w.hour != 0 {
                    t += w.hour > 12 ? Int64(24 - w.hour) * 3600 : -Int64(w.hour) * 3600
                    w = clock.wall(t)
                }
                if w.day == 1 { continue wrap }
            }

            while !has(s.hour, w.hour) {
                if !added {
                    added = true
                    t = clock.date(w.year, w.month, w.day, w.hour, 0, 0)
                }
                t += 3600
                w = clock.wall(t)
                if w.hour == 0 { continue wrap }
            }

            while !has(s.minute, w.minute) {
                if !added {
                    added = true
                    t -= ((t % 60) + 60) % 60  // time.Truncate(time.Minute)
                }
                t += 60
                w = clock.wall(t)
                if w.minute == 0 { continue wrap }
            }

            while !has(s.second, w.second) {
                added = true
                t += 1
                w = clock.wall(t)
                if w.second == 0 { continue wrap }
            }
            return t
        }
    }

    /// robfig's `dayMatches`: when either day field was written with `*`/`?`, both must match; otherwise either.
    private func dayMatches(_ s: CronFields, _ w: WallTime) -> Bool {
        let domMatch = s.dayOfMonth & (1 << UInt64(w.day)) != 0
        let dowMatch = s.dayOfWeek & (1 << UInt64(w.weekday)) != 0
        if s.dayOfMonth & CronParser.starBit != 0 || s.dayOfWeek & CronParser.starBit != 0 {
            return domMatch && dowMatch
        }
        return domMatch || dowMatch
    }
}
