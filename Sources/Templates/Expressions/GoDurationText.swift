/// Go's `time.ParseDuration`, with its exact error texts, for what Argo parses with it: `@every <duration>` cron
/// schedules (lint and the cron controller), `memoize.maxAge`, and the operator's `Durations.parse` (retry
/// backoff, `suspend.duration`). The one Go duration parser of Templates and Controller.
public enum GoDurationText {
    /// Go's error text, e.g. `time: invalid duration "x"`.
    public struct Failure: Error, Equatable, Sendable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Go's `unitMap` (`µs` as U+00B5 or U+03BC).
    private static func unitNanos(_ unit: String) -> UInt64? {
        switch unit {
        case "ns": return 1
        case "us", "\u{00B5}s", "\u{03BC}s": return 1_000
        case "ms": return 1_000_000
        case "s": return 1_000_000_000
        case "m": return 60_000_000_000
        case "h": return 3_600_000_000_000
        default: return nil
        }
    }

    /// Nanoseconds, or Go's error text (`time: invalid duration "x"`, `time: missing unit in duration "1"`,
    /// `time: unknown unit "d" in duration "1d"`).
    public static func parse(_ text: String) -> Result<Int64, Failure> {
        let original = GoText.quote(text)
        let invalid = Failure("time: invalid duration " + original)
        var s = Array(text.utf8)[...]
        var negative = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return .success(0) }
        if s.isEmpty { return .failure(invalid) }
        var total: UInt64 = 0
        while let first = s.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { return .failure(invalid) }
            var whole: UInt64 = 0
            let before = s.count
            while let c = s.first, isDigit(c) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
                guard !o1, !o2, a <= 1 << 63 else { return .failure(invalid) }
                whole = a
                s = s.dropFirst()
            }
            let sawWhole = s.count != before
            var fraction: UInt64 = 0, scale = 1.0, sawFraction = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                var overflow = false
                while let c = s.first, isDigit(c) {
                    sawFraction = true
                    s = s.dropFirst()
                    if overflow { continue }
                    if fraction > (1 << 63 - 1) / 10 { overflow = true; continue }
                    let next = fraction * 10 + UInt64(c - 48)
                    if next > 1 << 63 { overflow = true; continue }
                    fraction = next
                    scale *= 10
                }
            }
            guard sawWhole || sawFraction else { return .failure(invalid) }
            let unitBytes = s.prefix { !($0 == UInt8(ascii: ".") || isDigit($0)) }
            guard !unitBytes.isEmpty else {
                return .failure(Failure("time: missing unit in duration " + original))
            }
            s = s.dropFirst(unitBytes.count)
            let unitText = String(decoding: unitBytes, as: UTF8.self)
            guard let unit = unitNanos(unitText) else {
                return .failure(Failure("time: unknown unit \(GoText.quote(unitText)) in duration " + original))
            }
            guard whole <= (1 << 63) / unit else { return .failure(invalid) }
            var value = whole * unit
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= 1 << 63 else { return .failure(invalid) }
            }
            total += value
            guard total <= 1 << 63 else { return .failure(invalid) }
        }
        if negative { return .success(total == 1 << 63 ? Int64.min : -Int64(total)) }
        guard total <= UInt64(Int64.max) else { return .failure(invalid) }
        return .success(Int64(total))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
