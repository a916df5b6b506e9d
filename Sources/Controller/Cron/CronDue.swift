import Foundation
import ClusterAPI

// Which activation a pass is about: the latest one in (from, now] over all schedules.

enum CronDue {
    /// Look-back windows, tried from the shortest: an activation found in a short window is the latest one, so
    /// a long outage does not walk every minute since the last run.
    private static let windows: [TimeInterval] = [3_600, 2 * 86_400, 35 * 86_400, 400 * 86_400, 6 * 366 * 86_400]

    static func latest(_ schedules: [CronScheduleSpec], after from: Date, through now: Date) -> Date? {
        schedules.compactMap { latest($0, after: from, through: now) }.max()
    }

    static func latest(_ schedule: CronScheduleSpec, after from: Date, through now: Date) -> Date? {
        guard from < now else { return nil }
        for window in windows {
            let start = max(from, now.addingTimeInterval(-window))
            if let found = scan(schedule, after: start, through: now) { return found }
            if start == from { return nil }
        }
        return nil
    }

    /// Every activation in (start, now], keeping the last (bounded by the windows above).
    private static func scan(_ schedule: CronScheduleSpec, after start: Date, through now: Date) -> Date? {
        if case .every(let seconds) = schedule.rule {
            let first = start.timeIntervalSince1970.rounded(.down) + Double(seconds)
            guard first <= now.timeIntervalSince1970 else { return nil }
            let steps = ((now.timeIntervalSince1970 - first) / Double(seconds)).rounded(.down)
            return Date(timeIntervalSince1970: first + steps * Double(seconds))
        }
        var last: Date?
        var t = start
        while let next = schedule.next(after: t), next <= now {
            last = next
            t = next
        }
        return last
    }

    /// Go's `Mon Jan _2 15:04:05 2006` layout in UTC, as Argo logs a missed execution.
    static func goANSIC(_ date: Date) -> String {
        let clock = ZoneClock(CronZone.utc)
        let w = clock.wall(Int64(date.timeIntervalSince1970.rounded(.down)))
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = w.day < 10 ? " \(w.day)" : "\(w.day)"
        return "\(days[w.weekday]) \(months[w.month - 1]) \(day) \(two(w.hour)):\(two(w.minute)):\(two(w.second)) \(w.year)"
    }
}
