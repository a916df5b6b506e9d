import Controller
import Foundation

/// Argo's `util/humanize` and the parts of go-humanize it uses: the texts argo prints for times and durations.
enum Humanize {
    private struct Magnitude {
        let below: Double  // seconds
        let format: String  // "%d" is the count, "%s" the label
        let divBy: Double
    }

    private static let day = 86_400.0, week = 7 * 86_400.0, month = 30 * 86_400.0, year = 12 * 30 * 86_400.0

    private static let short: [Magnitude] = [
        .init(below: 1, format: "0s", divBy: 1), .init(below: 2, format: "1s %s", divBy: 1),
        .init(below: 60, format: "%ds %s", divBy: 1), .init(below: 120, format: "1m %s", divBy: 1),
        .init(below: 3600, format: "%dm %s", divBy: 60), .init(below: 7200, format: "1h %s", divBy: 1),
        .init(below: day, format: "%dh %s", divBy: 3600), .init(below: 2 * day, format: "1d %s", divBy: 1),
        .init(below: week, format: "%dd %s", divBy: day),
    ]

    private static func long(zero: String) -> [Magnitude] {
        [
            .init(below: 1, format: zero, divBy: 1), .init(below: 2, format: "1 second %s", divBy: 1),
            .init(below: 60, format: "%d seconds %s", divBy: 1), .init(below: 120, format: "1 minute %s", divBy: 1),
            .init(below: 3600, format: "%d minutes %s", divBy: 60), .init(below: 7200, format: "1 hour %s", divBy: 1),
            .init(below: day, format: "%d hours %s", divBy: 3600), .init(below: 2 * day, format: "1 day %s", divBy: 1),
            .init(below: week, format: "%d days %s", divBy: day), .init(below: 2 * week, format: "1 week %s", divBy: 1),
            .init(below: month, format: "%d weeks %s", divBy: week), .init(below: 2 * month, format: "1 month %s", divBy: 1),
            .init(below: year, format: "%d months %s", divBy: month), .init(below: 18 * month, format: "1 year %s", divBy: 1),
            .init(below: 2 * year, format: "2 years %s", divBy: 1), .init(below: 37 * year, format: "%d years %s", divBy: year),
            .init(below: .infinity, format: "a long while %s", divBy: 1),
        ]
    }

    /// go-humanize's `CustomRelTime`: the first magnitude whose bound exceeds the difference (or the last).
    private static func relTime(_ a: Date, _ b: Date, _ aLabel: String, _ bLabel: String, _ mags: [Magnitude]) -> String {
        var label = aLabel
        var diff = b.timeIntervalSince(a)
        if diff < 0 {
            label = bLabel
            diff = -diff
        }
        let mag = mags.first { $0.below > diff } ?? mags[mags.count - 1]
        let count = Int(diff / mag.divBy)
        return mag.format.replacingOccurrences(of: "%d", with: String(count)).replacingOccurrences(of: "%s", with: label)
            .trimmingSpaces
    }

    /// `RelativeDurationShort`: "0s", "5s", "3m", "2h", "4d". An unfinished interval runs until `now`.
    static func relativeDurationShort(_ start: Date?, _ finish: Date?, now: Date) -> String {
        let (s, f) = interval(start, finish, now: now)
        return relTime(s, f, "", "", short)
    }

    /// `RelativeDuration`: "1 minute 30 seconds".
    static func relativeDuration(_ start: Date?, _ finish: Date?, now: Date) -> String {
        let (s, f) = interval(start, finish, now: now)
        return duration(f.timeIntervalSince(s))
    }

    /// `Duration`: up to two units.
    static func duration(_ seconds: Double) -> String {
        let truncated = relTime(Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: seconds), "", "",
                                long(zero: "0 seconds"))
        if seconds < 60 { return truncated }
        if seconds < 3600 { return "\(truncated) \(Int(seconds.truncatingRemainder(dividingBy: 60))) seconds" }
        if seconds < day { return "\(truncated) \(Int((seconds / 60).truncatingRemainder(dividingBy: 60))) minutes" }
        return "\(truncated) \(Int((seconds / 3600).truncatingRemainder(dividingBy: 24))) hours"
    }

    /// go-humanize's `Time`: "now", "5 minutes ago", "2 hours from now".
    static func ago(_ date: Date, now: Date) -> String {
        relTime(date, now, "ago", "from now", long(zero: "now"))
    }

    /// argo's `humanize.Timestamp`: `Mon Jan 02 15:04:05 -0700 (5 minutes ago)`.
    static func timestamp(_ date: Date?, now: Date, timeZone: TimeZone) -> String {
        // Go's zero time prints as year 1; a missing time is unusual enough here to print it plainly.
        guard let date else { return "Mon Jan 01 00:00:00 +0000 (a long while ago)" }
        return "\(KubeTimeText.goFormat(date, timeZone: timeZone)) (\(ago(date, now: now)))"
    }

    private static func interval(_ start: Date?, _ finish: Date?, now: Date) -> (Date, Date) {
        let zero = Date(timeIntervalSince1970: 0)
        switch (start, finish) {
        case (nil, nil): return (zero, zero)
        case (let s?, nil): return (s, now)
        case (nil, let f?): return (Date(timeIntervalSince1970: -62_135_596_800), f)  // Go's zero time
        case (let s?, let f?): return (s, f)
        }
    }
}
