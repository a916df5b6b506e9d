import Foundation
import Templates
import ClusterAPI

// Go's `time` semantics in one zone, in whole Unix seconds, as robfig's `SpecSchedule.Next` relies on them:
// wall-clock fields of an instant, and `time.Date` with Go's normalisation (month and day overflow carry over; a
// wall time in a spring-forward gap or a fall-back overlap resolves the way Go resolves it).

enum CronZone {
    /// Go's `time.LoadLocation`: "" and "UTC" are UTC; "Local" is taken as UTC (argo-lite's controller zone).
    static func load(_ name: String) -> TimeZone? {
        if name.isEmpty || name == "UTC" || name == "Local" { return utc }
        return TimeZone(identifier: name)
    }

    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
}

/// Wall-clock fields of one instant in a zone.
struct WallTime: Equatable {
    var year, month, day, hour, minute, second, weekday: Int
}

/// A zone's offset rules, with Go's `Time.In(loc)` fields and `time.Date` built on them.
struct ZoneClock: Sendable {
    let zone: TimeZone
    private let isUTC: Bool

    init(_ zone: TimeZone) {
        self.zone = zone
        isUTC = zone.identifier == "UTC" || zone.identifier == "GMT"
    }

    /// Seconds east of UTC in effect at `unix`.
    func offset(at unix: Int64) -> Int64 {
        isUTC ? 0 : Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(unix))))
    }

    func wall(_ unix: Int64) -> WallTime {
        let local = unix + offset(at: unix)
        let days = floorDiv(local, 86_400)
        let secondOfDay = local - days * 86_400
        let (y, m, d) = KubeTime.civilFromDays(days)
        // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
        let weekday = Int((days % 7 + 11) % 7)
        return WallTime(year: Int(y), month: Int(m), day: Int(d), hour: Int(secondOfDay / 3600),
                        minute: Int(secondOfDay % 3600 / 60), second: Int(secondOfDay % 60), weekday: weekday)
    }

    /// Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`.
    func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        // Normalise the month into 1...12, carrying into the year; everything below is linear.
        let m0 = Int64(month - 1)
        let carry = floorDiv(m0, 12)
        let y = Int64(year) + carry, m = m0 - carry * 12 + 1
        let days = KubeTime.daysFromCivil(year: y, month: m, day: 1) + Int64(day - 1)
        let local = days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
        // Go: look up the offset at the wall time read as UTC; if the instant that gives falls outside that
        // offset's period, the offset in effect at that instant wins.
        let guess = offset(at: local)
        if guess == 0 { return local }
        return local - offset(at: local - guess)
    }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
