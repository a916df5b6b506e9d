import Foundation
import ClusterAPI

/// Kubernetes timestamps (RFC 3339, `2020-06-02T16:04:21Z`, optionally with fractional seconds or an offset) and
/// the Go layouts argo prints them in.
public enum KubeTimeText {
    public static func parse(_ text: String) -> Date? {
        let s = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= s.count else { return nil }
            var v = 0
            for b in s[from..<(from + len)] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard s.count >= 20, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
            let mi = num(14, 2), let se = num(17, 2)
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                fraction += Double(s[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        guard i < s.count else { return nil }
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            offset = 0
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (s[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        var c = DateComponents()
        c.year = y; c.month = mo; c.day = d; c.hour = h; c.minute = mi; c.second = se
        c.timeZone = TimeZone(secondsFromGMT: 0)
        guard let base = utcCalendar.date(from: c) else { return nil }
        return base.addingTimeInterval(fraction - Double(offset))
    }

    /// RFC 3339 in UTC with whole seconds, as Kubernetes writes `metav1.Time`.
    public static func format(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0)
    }

    /// Go's `Mon Jan 02 15:04:05 -0700` in `timeZone`.
    public static func goFormat(_ date: Date, timeZone: TimeZone) -> String {
        let (c, offset) = components(date, timeZone)
        return "\(weekday(c)) \(month(c)) \(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(offsetText(offset, colon: false))"
    }

    /// Go's `time.Time.String()`: `2006-01-02 15:04:05 -0700 MST` (what `argo wait` prints).
    public static func goString(_ date: Date, timeZone: TimeZone) -> String {
        let (c, offset) = components(date, timeZone)
        let abbreviation = timeZone.abbreviation(for: date) ?? offsetText(offset, colon: false)
        let zone = offset == 0 && (abbreviation == "GMT" || abbreviation == "UTC") ? "UTC" : abbreviation
        return String(format: "%04d-%02d-%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0)
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(offsetText(offset, colon: false)) \(zone)"
    }

    private static let utcCalendar: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 0) ?? cal.timeZone
        return cal
    }()

    private static func components(_ date: Date, _ timeZone: TimeZone) -> (DateComponents, Int) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        return (c, timeZone.secondsFromGMT(for: date))
    }

    private static func two(_ v: Int?) -> String { v.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
    private static func weekday(_ c: DateComponents) -> String {
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][((c.weekday ?? 1) - 1 + 7) % 7]
    }
    private static func month(_ c: DateComponents) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][((c.month ?? 1) - 1 + 12) % 12]
    }
    private static func offsetText(_ seconds: Int, colon: Bool) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        return "\(sign)\(two(a / 3600))\(colon ? ":" : "")\(two((a % 3600) / 60))"
    }
}
