/// Go's `strconv.FormatFloat(f, 'g', -1, 32)` (what sigs.k8s.io/yaml uses to turn a float into a key or a
/// string): the shortest digits that identify the value as a float32, in `%e` form when the decimal exponent
/// is below -4 or at least 6 (`1e+06`), `%f` form otherwise; infinities and NaN in YAML spelling.
enum GoFloat {
    static func formatG32(_ d: Double) -> String {
        let f = Float(d)
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        let (negative, digits, pointPosition) = decimalDigits(f.magnitude.description)
        let sign = negative || f < 0 ? "-" : ""
        let exp = pointPosition - 1
        if exp < -4 || exp >= 6 {
            var out = sign + String(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exp < 0 ? "e-" : "e+"
            let e = String(abs(exp))
            return out + (e.count < 2 ? "0" + e : e)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let cut = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<cut] + "." + digits[cut...]
    }

    /// Splits Swift's shortest description (`1234.5`, `1e-05`, `1.5e+20`) into significant digits and the
    /// position of the decimal point relative to the first digit.
    private static func decimalDigits(_ text: String) -> (Bool, String, Int) {
        var s = Substring(text)
        let negative = s.first == "-"
        if negative { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...].replacingPlus()) ?? 0
            s = s[..<e]
        }
        var intPart = s
        var fracPart: Substring = ""
        if let dot = s.firstIndex(of: ".") {
            intPart = s[..<dot]
            fracPart = s[s.index(after: dot)...]
        }
        var digits = String(intPart) + fracPart
        var point = intPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (negative, digits.isEmpty ? "0" : digits, point)
    }
}

extension Substring {
    fileprivate func replacingPlus() -> Substring { first == "+" ? dropFirst() : self }
}
