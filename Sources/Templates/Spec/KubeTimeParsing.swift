// Parsing and coding of KubeTime.

extension KubeTime {
    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t` and `z` may be lower case. Returns nil for
    /// anything else, including out-of-range fields.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var n = 0
            for k in i..<(i + width) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                n = n * 10 + Int(b[k] - 48)
            }
            i += width
            return n
        }
        func expect(_ chars: UInt8...) -> Bool {
            guard i < b.count, chars.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            expect(84, 116), let hour = number(2), expect(58), let minute = number(2), expect(58),
            let second = number(2)
        else { return nil }
        if i < b.count, b[i] == 46 {  // '.' fraction: at least one digit, dropped
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        var offset = 0
        if expect(90, 122) {
            offset = 0
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = number(2), expect(58), let om = number(2), oh <= 23, om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count,
            let local = KubeTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        self = local - Int64(offset)
    }
}

extension KubeTime: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let time = KubeTime(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "invalid time \"\(text)\": expected RFC 3339, such as 2026-11-22T12:00:00Z")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}
