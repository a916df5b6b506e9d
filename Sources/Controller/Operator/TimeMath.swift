import Templates

/// Time arithmetic the operator needs on `KubeTime`, without a clock: everything is relative to the `now` handed in.
extension KubeTime {
    /// Seconds since the epoch as a Double (KubeTime itself keeps whole seconds, as Kubernetes does).
    var time: Double { Double(seconds) }
    init(time: Double) { self.init(seconds: Int64(time.rounded(.down))) }
    func adding(_ s: Double) -> KubeTime { KubeTime(time: time + s) }
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
