/// A Kubernetes resource quantity (`resources.limits.memory: 64Mi`, `cpu: 500m`): a decimal number with a binary
/// suffix (`Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`), a decimal one (`n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`) or an
/// exponent (`1e3`, `2E6`), as `k8s.io/apimachinery/pkg/api/resource` parses it.
public struct ResourceQuantity: Sendable, Equatable, CustomStringConvertible {
    /// The quantity in base units (bytes, cores).
    public var value: Double
    public var description: String

    public init?(_ text: String) {
        let s = text.trimmingSpaces
        guard !s.isEmpty else { return nil }
        let binary: [(String, Double)] = [("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40), ("Pi", 0x1p50), ("Ei", 0x1p60)]
        let decimal: [(String, Double)] = [("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9),
                                           ("T", 1e12), ("P", 1e15), ("E", 1e18)]
        var number = s
        var scale = 1.0
        if let (suffix, factor) = binary.first(where: { s.hasSuffix($0.0) }) {
            number = String(s.dropLast(suffix.count)); scale = factor
        } else if let (suffix, factor) = decimal.first(where: { s.hasSuffix($0.0) }) {
            number = String(s.dropLast(suffix.count)); scale = factor
        } else if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...]) {
            number = String(s[..<e]); scale = ResourceQuantity.pow10(exponent)
        }
        guard let mantissa = ResourceQuantity.decimalNumber(number) else { return nil }
        value = mantissa * scale
        description = s
    }

    /// `[+-]digits[.digits]`: no hex, no infinity, no exponent (handled above).
    private static func decimalNumber(_ s: String) -> Double? {
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.contains(where: { !$0.isEmpty }) else { return nil }
        return Double(s)
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
