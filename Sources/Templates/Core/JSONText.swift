/// Compact JSON text for a `JSONValue`, written the way Go's encoding/json writes it (Argo renders outputs and
/// loop items this way): no spaces, `<`, `>` and `&` escaped, integral doubles without a fraction.
extension JSONValue {
    public var compactJSON: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(bytes: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(to out: inout String) {
        out += compactJSON
    }

    /// Appends the compact JSON as UTF-8 bytes: one buffer, one String at the end (the store writes every node
    /// of every pass through here).
    func write(bytes out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONValue.formatNumber(d).utf8)
        case .string(let s): JSONValue.writeQuoted(s, bytes: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            var first = true
            for v in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                v.write(bytes: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeQuoted(k, bytes: &out)
                out.append(UInt8(ascii: ":"))
                v.write(bytes: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Go's `strconv.FormatFloat(f, 'g'-ish)` as encoding/json uses it: integral values print without a fraction.
    public static func formatNumber(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d.rounded() == d && abs(d) < 1e21 {
            if abs(d) < 9.2e18 { return String(Int64(d)) }
        }
        return String(describing: d)
    }

    /// Appends `s` as a JSON string the way Go's encoding/json writes it (`<`, `>`, `&`, U+2028 and U+2029
    /// escaped too).
    static func writeQuoted(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        writeQuoted(s, bytes: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `writeQuoted` on UTF-8 bytes; copies unescaped runs whole: most strings need no escape at all.
    static func writeQuoted(_ s: String, bytes out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            func flush(to end: Int) {
                if runStart < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            }
            while i < bytes.count {
                let byte = bytes[i]
                var width = 1
                let escape: StaticString?
                var control: UInt8? = nil
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C: escape = "\\u003c"
                case 0x3E: escape = "\\u003e"
                case 0x26: escape = "\\u0026"
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                case 0..<0x20:
                    escape = "\\u00"
                    control = byte
                default:
                    escape = nil
                }
                guard let escape else {
                    i += 1
                    continue
                }
                flush(to: i)
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
                if let control {
                    let digits: StaticString = "0123456789abcdef"
                    digits.withUTF8Buffer { d in
                        out.append(d[Int(control >> 4)])
                        out.append(d[Int(control & 0xF)])
                    }
                }
                i += width
                runStart = i
            }
            flush(to: bytes.count)
        }
        out.append(UInt8(ascii: "\""))
    }
}
