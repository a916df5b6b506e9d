import Templates

/// Time arithmetic the operator needs on `KubeTime`, without a clock: everything is relative to the `now` handed in.
extension KubeTime {
    var seconds: Double { secondsSinceEpoch }
    init(seconds: Double) { self.init(secondsSinceEpoch: seconds) }
    func adding(_ s: Double) -> KubeTime { KubeTime(seconds: seconds + s) }

    /// RFC 3339 in UTC with whole seconds, as Go's `time.RFC3339` prints a UTC time.
    var rfc3339: String {
        let total = Int64(seconds.rounded(.down))
        var days = total / 86_400
        var rem = total % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
    }
}

enum Durations {
    /// Argo's `parseStringToDuration`: a bare integer is seconds, otherwise Go's `time.ParseDuration`
    /// (`1h30m`, `90s`, `1.5m`, `300ms`).
    static func parse(_ text: String) -> Double? {
        let s = text.trimmingSpaces
        if let i = Int(s) { return Double(i) }
        guard !s.isEmpty else { return nil }
        var total = 0.0
        var chars = Substring(s)
        var sign = 1.0
        if chars.first == "-" { sign = -1; chars = chars.dropFirst() } else if chars.first == "+" { chars = chars.dropFirst() }
        if chars == "0" { return 0 }
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        while !chars.isEmpty {
            let number = chars.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            chars = chars.dropFirst(number.count)
            let unitText = chars.prefix(while: { !($0.isNumber || $0 == ".") })
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            chars = chars.dropFirst(unitText.count)
            total += value * unit.1
        }
        return sign * total
    }

    /// A short human form of a duration, as Argo's messages print it (`Backoff for 2 seconds`).
    static func humanize(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return s == 1 ? "1 second" : "\(s) seconds" }
        let m = s / 60, r = s % 60
        let mins = m == 1 ? "1 minute" : "\(m) minutes"
        return r == 0 ? mins : "\(mins) \(r == 1 ? "1 second" : "\(r) seconds")"
    }
}
