import Templates
import ClusterAPI

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
        guard case .success(let nanos) = GoDurationText.parse(s) else { return nil }
        return Double(nanos) / 1e9
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
