/// How the emitter writes one scalar so that loading it gives the same value back.
enum YAMLScalarStyle {
    static func double(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        // Swift's shortest form always has a `.` or a signed exponent, so it reads back as a float.
        return d.description
    }

    static func key(_ s: String) -> String {
        var out = ""
        if canBePlain(s) {
            out = s
        } else if resolvesToOtherThanString(s) || !canBeSingleQuoted(s) {
            JSONValue.writeYAMLDoubleQuoted(s, to: &out)
        } else {
            out = singleQuoted(s)
        }
        return out
    }

    static func writeString(_ s: String, indent: Int, to out: inout String) {
        if s.contains("\n"), canBeLiteral(s) {
            writeLiteral(s, indent: indent, to: &out)
        } else {
            out += key(s)
        }
    }

    /// Strings that a plain scalar would turn into null, a boolean or a number, or that look like a date.
    static func resolvesToOtherThanString(_ s: String) -> Bool {
        if YAMLResolver.resolvePlain(s) != .string(s) { return true }
        let b = Array(s.utf8.prefix(5))
        return b.count == 5 && b[0...3].allSatisfy { $0 >= 48 && $0 <= 57 } && b[4] == UInt8(ascii: "-")
    }

    static func canBePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if resolvesToOtherThanString(s) { return false }
        if first == " " || last == " " || last == ":" || s == "<<" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if s.contains(": ") || s.contains(" #") || s.hasPrefix("...") || s.hasPrefix("---") { return false }
        return s.unicodeScalars.allSatisfy { isPrintable($0) && $0 != "\t" && $0 != "\n" }
    }

    static func canBeSingleQuoted(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { isPrintable($0) && $0 != "\n" && $0 != "\t" }
    }

    static func singleQuoted(_ s: String) -> String {
        "'" + s.replacingAll("'", with: "''") + "'"
    }

    /// libyaml's printable set, minus the characters a block scalar cannot carry exactly.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x20...0x7E: return true
        case 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD: return c.value != 0xFEFF && c.value != 0x2028 && c.value != 0x2029
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// A `|` block is exact when every character is printable, no line ends in a space, and the text has
    /// something besides line breaks.
    static func canBeLiteral(_ s: String) -> Bool {
        guard s.unicodeScalars.allSatisfy({ isPrintable($0) }) else { return false }
        guard s.contains(where: { $0 != "\n" }) else { return false }
        if s.contains(" \n") || s.hasSuffix(" ") { return false }
        if s.hasPrefix("\n") { return false }
        return true
    }

    static func writeLiteral(_ s: String, indent: Int, to out: inout String) {
        var body = Substring(s)
        var trailing = 0
        while body.last == "\n" {
            body.removeLast()
            trailing += 1
        }
        out += "|"
        if body.first == " " { out += "2" }  // the indent cannot be guessed from a line that starts with a space
        out += trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        out += "\n"
        let prefix = String(repeating: " ", count: max(indent, 2))
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.isEmpty { out += prefix + line }
            out += "\n"
        }
        if trailing > 1 { out += String(repeating: "\n", count: trailing - 1) }
        out.removeLast()  // the caller ends the line
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension JSONValue {
    /// A YAML double-quoted scalar: JSON escapes, which YAML reads the same way.
    static func writeYAMLDoubleQuoted(_ s: String, to out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if YAMLScalarStyle.isPrintable(c) {
                    out.unicodeScalars.append(c)
                } else if c.value <= 0xFFFF {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    let hex = String(c.value, radix: 16)
                    out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            }
        }
        out += "\""
    }
}
