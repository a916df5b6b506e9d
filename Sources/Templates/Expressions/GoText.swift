/// Text the way Go prints values, which is what users of Argo see: `fmt`'s `%v` (govaluate messages, sprig's
/// `toString`) and `encoding/json` (expression results, `toJson`). Go maps marshal with sorted keys, and every
/// object an expression produces is a Go map, so JSON here sorts keys.
public enum GoText {
    /// Go's `strconv.Quote` for printable text: backslash escapes for quotes, backslashes and control characters.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// `json.Marshal` of the value: compact, keys sorted, `<>&` escaped. Nil for NaN or infinite numbers, which Go
    /// refuses to marshal.
    public static func json(_ v: JSONValue) -> String? {
        sortedKeys(v).flatMap { $0.compactJSON }
    }

    private static func sortedKeys(_ v: JSONValue) -> JSONValue? {
        switch v {
        case .double(let d) where !d.isFinite: return nil
        case .array(let a):
            var out: [JSONValue] = []
            for x in a {
                guard let y = sortedKeys(x) else { return nil }
                out.append(y)
            }
            return .array(out)
        case .object(let o):
            var out = JSONObject()
            for k in o.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                guard let x = o[k], let y = sortedKeys(x) else { return nil }
                out[k] = y
            }
            return .object(out)
        default: return v
        }
    }

    /// `fmt.Sprintf("%v", v)`: strings raw, floats in `%g` form (`1e+06`), arrays as `[a b]`, maps as
    /// `map[k:v]` with sorted keys, nil as `<nil>`.
    public static func v(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatG(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(v).joined(separator: " ") + "]"
        case .object(let o):
            let keys = o.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            return "map[" + keys.map { "\($0):\(v(o[$0] ?? .null))" }.joined(separator: " ") + "]"
        }
    }

    /// Go's `strconv.FormatFloat(d, 'g', -1, 64)` (what `%v` prints): shortest digits, exponent form when the
    /// decimal exponent is below -4 or at least 6 (`1e+06`, `1.5e+07`, but `123456`).
    public static func formatG(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (negative, digits, exp) = decimal(d)
        let sign = negative ? "-" : ""
        if exp < -4 || exp >= 6 {
            var mantissa = String(digits.first ?? "0")
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exp)
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        return sign + plain(digits, exp)
    }

    private static func plain(_ digits: String, _ exp: Int) -> String {
        if exp < 0 { return "0." + String(repeating: "0", count: -exp - 1) + digits }
        if digits.count <= exp + 1 { return digits + String(repeating: "0", count: exp + 1 - digits.count) }
        let cut = digits.index(digits.startIndex, offsetBy: exp + 1)
        return String(digits[..<cut]) + "." + String(digits[cut...])
    }

    /// The shortest round-tripping decimal digits of `d` (no leading or trailing zeros) and the decimal exponent
    /// of the first digit, taken from Swift's own shortest representation.
    static func decimal(_ d: Double) -> (negative: Bool, digits: String, exponent: Int) {
        var text = String(describing: abs(d))
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? "0"
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointAt = intPart.count + exp
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (d < 0, digits, pointAt - 1)
    }
}
