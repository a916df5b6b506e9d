// KubeTime: Kubernetes' metav1.Time. Whole seconds since the Unix epoch, written as RFC 3339 in UTC
// ("2026-11-22T12:00:00Z"). Parsing also takes fractional seconds (dropped, as metav1.Time drops them when it
// writes) and numeric offsets. Calendar arithmetic is civil-from-days, no date formatters.

/// A point in time with second precision, as Kubernetes and Argo store it.
public struct KubeTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The time at the given UTC calendar date and time of day, or nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...KubeTime.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = KubeTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// RFC 3339 in UTC at second precision, as metav1.Time marshals.
    public var rfc3339: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = KubeTime.civilFromDays(days)
        let hh = secondOfDay / 3600, mm = secondOfDay % 3600 / 60, ss = secondOfDay % 60
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z"
    }

    public var description: String { rfc3339 }

    public static func < (lhs: KubeTime, rhs: KubeTime) -> Bool { lhs.seconds < rhs.seconds }

    /// The time `seconds` later.
    public static func + (lhs: KubeTime, rhs: Int64) -> KubeTime { KubeTime(seconds: lhs.seconds + rhs) }
    /// The time `seconds` earlier.
    public static func - (lhs: KubeTime, rhs: Int64) -> KubeTime { KubeTime(seconds: lhs.seconds - rhs) }
    /// Whole seconds from `rhs` to `lhs`.
    public static func - (lhs: KubeTime, rhs: KubeTime) -> Int64 { lhs.seconds - rhs.seconds }

    // MARK: - Calendar (proleptic Gregorian; algorithms from Howard Hinnant's "chrono-compatible date algorithms")

    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value < 0 ? -value : value)
    let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + padded : padded
}
