import Templates
import ClusterAPI

/// Node names as `argo get` shows them: `displayName` is the name less its boundary's name.
extension OperationContext {
    /// The name less the boundary's name and a leading `[i].` or `.` (Argo's stepsOrDagSeparator).
    static func displayName(_ name: String, boundaryName: String) -> String {
        if let fast = asciiDisplayName(name, boundaryName: boundaryName) { return fast }
        var d = Substring(name)
        if d.hasPrefix(boundaryName) { d = d.dropFirst(boundaryName.count) }
        if d.hasPrefix("[") {
            var i = d.index(after: d.startIndex)
            var digits = 0
            while i < d.endIndex, d[i].isASCII, d[i].isNumber { i = d.index(after: i); digits += 1 }
            if digits > 0, i < d.endIndex, d[i] == "]" {
                let afterBracket = d.index(after: i)
                if afterBracket < d.endIndex, d[afterBracket] == "." { return String(d[d.index(after: afterBracket)...]) }
            }
        } else if d.hasPrefix(".") {
            return String(d.dropFirst())
        }
        return String(d)
    }

    /// `displayName` from the UTF-8 bytes, for printable-ASCII names (where bytes and characters agree); nil
    /// otherwise. The character-wise `hasPrefix` and `count` were a tenth of a fan-out pass; the bytes are read
    /// in place (a fan-out makes thousands of display names under one boundary).
    static func asciiDisplayName(_ name: String, boundaryName: String) -> String? {
        var name = name, boundaryName = boundaryName
        return name.withUTF8 { n -> String? in
            boundaryName.withUTF8 { b -> String? in
                func printable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7f }
                guard n.allSatisfy(printable), b.allSatisfy(printable) else { return nil }
                var i = 0
                if n.count >= b.count, memcmpEqual(n, b, count: b.count) { i = b.count }
                func rest(_ from: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: n[from...]), as: UTF8.self) }
                guard i < n.count else { return rest(i) }
                if n[i] == UInt8(ascii: "[") {
                    var j = i + 1
                    var digits = 0
                    while j < n.count, n[j] >= UInt8(ascii: "0"), n[j] <= UInt8(ascii: "9") { j += 1; digits += 1 }
                    if digits > 0, j < n.count, n[j] == UInt8(ascii: "]") {
                        let after = j + 1
                        if after < n.count, n[after] == UInt8(ascii: ".") { return rest(after + 1) }
                    }
                } else if n[i] == UInt8(ascii: ".") {
                    return rest(i + 1)
                }
                return rest(i)
            }
        }
    }

    /// Whether the first `count` bytes of `a` and `b` are equal.
    private static func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}
