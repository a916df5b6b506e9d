/// Compact JSON text for a `JSONValue`, written the way Go's encoding/json writes it (Argo renders outputs and
/// loop items this way): no spaces, `<`, `>` and `&` escaped, integral doubles without a fraction.
extension JSONValue {
    public var compactJSON: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.formatNumber(d)
        case .string(let s): JSONValue.writeQuoted(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            var first = true
            for (k, v) in o {
                if !first { out += "," }
                first = false
                JSONValue.writeQuoted(k, to: &out)
                out += ":"
                v.write(to: &out)
            }
            out += "}"
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
    /// escaped too). Works on UTF-8 bytes and copies unescaped runs whole: most strings need no escape at all.
    static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        var text = s
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            func flush(to end: Int) {
                if runStart < end { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self) }
            }
            while i < bytes.count {
                let byte = bytes[i]
                var width = 1
                let escape: String?
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
                    let digits: [Character] = Array("0123456789abcdef")
                    escape = "\\u00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
                default:
                    escape = nil
                }
                guard let escape else {
                    i += 1
                    continue
                }
                flush(to: i)
                out += escape
                i += width
                runStart = i
            }
            flush(to: bytes.count)
        }
        out += "\""
    }
}
