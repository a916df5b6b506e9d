/// Dates for sprig's `date(layout, value)`: the value is an RFC 3339 timestamp (as Argo renders
/// `workflow.creationTimestamp`) or Unix seconds; the layout uses Go's reference time `2006-01-02T15:04:05Z07:00`.
/// No clock: a value that is not a date is an error rather than "now".
enum GoDate {
    struct Parts {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var offsetMinutes = 0
    }

    static func format(layout: String, _ value: JSONValue) throws(ExprFailure) -> String {
        let p: Parts
        switch value {
        case .int(let s): p = fromUnix(s)
        case .double(let d): p = fromUnix(Int64(d))
        case .string(let s):
            guard let parsed = parseRFC3339(s) else { throw ExprFailure("sprig.date: '\(s)' is not an RFC 3339 time") }
            p = parsed
        default: throw ExprFailure("sprig.date: \(ExprOps.typeName(value)) is not a time")
        }
        return render(layout, p)
    }

    static func parseRFC3339(_ s: String) -> Parts? {
        let c = Array(s.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= c.count else { return nil }
            var v = 0
            for b in c[a..<a + n] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard c.count >= 20, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
            let mi = num(14, 2), let se = num(17, 2)
        else { return nil }
        var p = Parts(year: y, month: mo, day: d, hour: h, minute: mi, second: se)
        var i = 19
        if i < c.count, c[i] == UInt8(ascii: ".") {
            i += 1
            while i < c.count, c[i] >= 48 && c[i] <= 57 { i += 1 }
        }
        guard i < c.count else { return nil }
        if c[i] == UInt8(ascii: "Z") || c[i] == UInt8(ascii: "z") { return p }
        guard let oh = num(i + 1, 2), let om = num(i + 4, 2) else { return nil }
        p.offsetMinutes = (oh * 60 + om) * (c[i] == UInt8(ascii: "-") ? -1 : 1)
        return p
    }

    static func fromUnix(_ seconds: Int64) -> Parts {
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let rem = Int(seconds - Int64(days) * 86400)
        let (y, m, d) = KubeTime.civilFromDays(Int64(days))
        return Parts(year: Int(y), month: Int(m), day: Int(d), hour: rem / 3600,
                     minute: rem % 3600 / 60, second: rem % 60)
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    static func render(_ layout: String, _ p: Parts) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let month = months[max(0, min(11, p.month - 1))]
        let hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12
        let sign = p.offsetMinutes < 0 ? "-" : "+"
        let off = abs(p.offsetMinutes)
        // Longest tokens first, as Go's layout scanner matches them.
        let tokens: [(String, String)] = [
            ("January", month), ("Jan", String(month.prefix(3))), ("2006", pad(p.year, 4)),
            ("Z07:00", p.offsetMinutes == 0 ? "Z" : sign + pad(off / 60, 2) + ":" + pad(off % 60, 2)),
            ("-07:00", sign + pad(off / 60, 2) + ":" + pad(off % 60, 2)), ("-0700", sign + pad(off / 60, 2) + pad(off % 60, 2)),
            ("MST", p.offsetMinutes == 0 ? "UTC" : sign + pad(off / 60, 2)), ("01", pad(p.month, 2)),
            ("02", pad(p.day, 2)), ("06", pad(p.year % 100, 2)), ("15", pad(p.hour, 2)), ("03", pad(hour12, 2)),
            ("04", pad(p.minute, 2)), ("05", pad(p.second, 2)), ("PM", p.hour >= 12 ? "PM" : "AM"),
            ("pm", p.hour >= 12 ? "pm" : "am"), ("1", String(p.month)), ("2", String(p.day)), ("3", String(hour12)),
            ("4", String(p.minute)), ("5", String(p.second)),
        ]
        var out = ""
        var rest = Substring(layout)
        outer: while !rest.isEmpty {
            for (token, value) in tokens where rest.hasPrefix(token) {
                out += value
                rest = rest.dropFirst(token.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return out
    }
}
