/// Scalar resolution as Kubernetes does it: sigs.k8s.io/yaml on go-yaml v2 (`resolve.go`), which follows
/// YAML 1.1 for plain scalars:
/// - null: empty, `~`, `null`, `Null`, `NULL`
/// - booleans: `y Y yes Yes YES true True TRUE on On ON` and `n N no No NO false False FALSE off Off OFF`
/// - floats: `.inf .Inf .INF` (with `+`/`-`), `.nan .NaN .NAN`, `.5`-style, and `[-+]?[0-9]*\.?[0-9]+` with an
///   optional exponent that must carry a sign (`1e+3` is a float, `1e3` is a string)
/// - integers: Go's `strconv.ParseInt(s, 0, 64)` after removing `_`: decimal, `0x` hex, `0o` or leading-`0`
///   octal, `0b` binary, optional sign; too large for int64 but fitting uint64 is a number too
/// - anything else, including timestamps (kept as text when the target is untyped), is a string.
/// Quoted and block scalars are always strings unless an explicit tag says otherwise.
public enum YAMLResolver {
    private static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    private static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

    static func isNullText(_ s: String) -> Bool {
        s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    /// What a plain, untagged scalar means.
    public static func resolvePlain(_ s: String) -> JSONValue {
        guard let first = s.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            if trueWords.contains(s) { return .bool(true) }
            if falseWords.contains(s) { return .bool(false) }
            if isNullText(s) { return .null }
        case UInt8(ascii: "."):
            if let special = specialFloat(s) { return .double(special) }
            // Go's ParseFloat on the text as it is: `.5`, `.5e3`, `.5E-3`
            if matchesDotFloat(s), let d = Double(s), d.isFinite { return .double(d) }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let special = specialFloat(s) { return .double(special) }
            let plain = s.contains("_") ? String(s.filter { $0 != "_" }) : s
            if let number = parseGoInteger(plain) { return number }
            if matchesYAMLFloat(plain), let d = Double(plain), d.isFinite { return .double(d) }
        default:
            break
        }
        return .string(s)
    }

    private static func specialFloat(_ s: String) -> Double? {
        switch s {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return nil
        }
    }

    /// `strconv.ParseInt(s, 0, 64)`, then `strconv.ParseUint(s, 0, 64)` (which takes no sign).
    static func parseGoInteger(_ s: String) -> JSONValue? {
        var bytes = Substring(s).utf8[...]
        var negative = false
        var signed = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            signed = true
            bytes = bytes.dropFirst()
        }
        var radix: UInt64 = 10
        if bytes.count >= 2, bytes.first == UInt8(ascii: "0") {
            let second = bytes[bytes.index(after: bytes.startIndex)] | 0x20
            switch second {
            case UInt8(ascii: "x"): radix = 16; bytes = bytes.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; bytes = bytes.dropFirst(2)
            case UInt8(ascii: "b"): radix = 2; bytes = bytes.dropFirst(2)
            default: radix = 8; bytes = bytes.dropFirst()
            }
        }
        guard !bytes.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for c in bytes {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (m2, o2) = m1.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            magnitude = m2
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            return nil
        }
        if magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
        // ParseUint accepts no sign, so `+18446744073709551615` is not a uint64.
        return signed ? nil : .double(Double(magnitude))
    }

    /// go-yaml v2's `^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$`.
    static func matchesYAMLFloat(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { b = b.dropFirst() }
        var mantissa = b
        if let e = b.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = b[..<e]
            var exp = b[(e + 1)...]
            guard let sign = exp.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
            exp = exp.dropFirst()
            guard !exp.isEmpty, exp.allSatisfy(isDigit) else { return false }
        }
        // [0-9]*\.?[0-9]+ : digits, at most one dot, and at least one digit after the dot (or no dot).
        guard let last = mantissa.last, isDigit(last) else { return false }
        var dots = 0
        for c in mantissa {
            if c == UInt8(ascii: ".") { dots += 1 } else if !isDigit(c) { return false }
        }
        return dots <= 1
    }

    /// What Go's ParseFloat accepts for text starting with a dot: `.` digits, optional exponent.
    private static func matchesDotFloat(_ s: String) -> Bool {
        var b = Array(s.utf8)[...].dropFirst()
        let digits = b.prefix(while: isDigit)
        guard !digits.isEmpty else { return false }
        b = b.dropFirst(digits.count)
        guard let e = b.first else { return true }
        guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        b = b.dropFirst()
        if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { b = b.dropFirst() }
        return !b.isEmpty && b.allSatisfy(isDigit)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isTrueWord(_ s: String) -> Bool { trueWords.contains(s) }
    static func isFalseWord(_ s: String) -> Bool { falseWords.contains(s) }
}
