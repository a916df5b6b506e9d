/// The `sprig.*` functions Argo puts in every expression environment (Masterminds/sprig's generic function map,
/// without `env`/`expandenv`). Argument order and loose conversions follow sprig: numbers given as strings are
/// parsed, `add`/`sub`/`max`/... work on int64, `contains`/`hasPrefix`/`replace` take the haystack last.
enum Sprig {
    static let names: Set<String> = [
        "add", "add1", "sub", "mul", "div", "mod", "max", "min", "addf", "subf", "mulf", "divf", "maxf", "minf",
        "floor", "ceil", "round", "int", "int64", "float64", "atoi", "toString", "toJson", "toPrettyJson", "fromJson",
        "b64enc", "b64dec", "upper", "lower", "title", "trim", "trimAll", "trimPrefix", "trimSuffix", "nospace",
        "repeat", "replace", "contains", "hasPrefix", "hasSuffix", "quote", "squote", "cat", "indent", "nindent",
        "default", "empty", "coalesce", "ternary", "list", "dict", "join", "splitList", "split", "first", "last",
        "has", "keys", "regexMatch", "date", "toStrings", "len",
    ]

    static func call(_ name: String, _ a: [JSONValue]) throws(ExprFailure) -> JSONValue {
        func need(_ n: Int) throws(ExprFailure) {
            guard a.count >= n else { throw ExprFailure("sprig.\(name): needs \(n) argument(s), got \(a.count)") }
        }
        switch name {
        case "add", "mul":
            var acc: Int64 = name == "add" ? 0 : 1
            for x in a { acc = name == "add" ? acc &+ int64(x) : acc &* int64(x) }
            return .int(acc)
        case "add1":
            try need(1)
            return .int(int64(a[0]) &+ 1)
        case "sub", "div", "mod":
            try need(2)
            let x = int64(a[0]), y = int64(a[1])
            if name == "sub" { return .int(x &- y) }
            guard y != 0 else { throw ExprFailure("sprig.\(name): integer divide by zero") }
            return .int(name == "div" ? x / y : x % y)
        case "max", "min":
            try need(1)
            var best = int64(a[0])
            for x in a.dropFirst() { best = name == "max" ? Swift.max(best, int64(x)) : Swift.min(best, int64(x)) }
            return .int(best)
        case "addf", "subf", "mulf", "divf", "maxf", "minf":
            try need(1)
            var acc = float64(a[0])
            for x in a.dropFirst() {
                let y = float64(x)
                switch name {
                case "addf": acc += y
                case "subf": acc -= y
                case "mulf": acc *= y
                case "divf": acc /= y
                case "maxf": acc = Swift.max(acc, y)
                default: acc = Swift.min(acc, y)
                }
            }
            return .double(acc)
        case "floor", "ceil", "round":
            try need(1)
            let rule: FloatingPointRoundingRule = name == "floor" ? .down : name == "ceil" ? .up : .toNearestOrAwayFromZero
            return .double(float64(a[0]).rounded(rule))
        case "int", "int64", "atoi":
            try need(1)
            return .int(int64(a[0]))
        case "float64":
            try need(1)
            return .double(float64(a[0]))
        case "toString":
            try need(1)
            return .string(GoText.v(a[0]))
        case "toStrings":
            try need(1)
            return .array((a[0].arrayValue ?? [a[0]]).map { .string(GoText.v($0)) })
        case "toJson":
            try need(1)
            return .string(GoText.json(a[0]) ?? "")
        case "toPrettyJson":
            try need(1)
            return .string(ExprBuiltins.indentedJSON(a[0], indent: ""))
        case "fromJson":
            try need(1)
            return (try? GoJSONDecode.parse(GoText.v(a[0]))) ?? .object([:])
        case "b64enc":
            try need(1)
            return .string(Base64.encode(Array(GoText.v(a[0]).utf8)))
        case "b64dec":
            try need(1)
            guard let bytes = Base64.decode(GoText.v(a[0])) else { return .string("illegal base64 data") }
            return .string(String(decoding: bytes, as: UTF8.self))
        case "upper", "lower", "title", "trim", "nospace":
            try need(1)
            let s = GoText.v(a[0])
            switch name {
            case "upper": return .string(s.uppercased())
            case "lower": return .string(s.lowercased())
            case "trim": return .string(StringFunctions.trimSpace(s))
            case "nospace": return .string(String(s.filter { !$0.isWhitespace }))
            default: return .string(title(s))
            }
        case "trimAll", "trimPrefix", "trimSuffix", "contains", "hasPrefix", "hasSuffix":
            try need(2)
            let arg = GoText.v(a[0]), s = GoText.v(a[1])
            switch name {
            case "trimAll": return .string(StringFunctions.trim(s, cutset: arg))
            case "trimPrefix": return .string(s.hasPrefix(arg) ? String(s.dropFirst(arg.count)) : s)
            case "trimSuffix": return .string(s.hasSuffix(arg) ? String(s.dropLast(arg.count)) : s)
            case "contains": return .bool(arg.isEmpty || s.contains(arg))
            case "hasPrefix": return .bool(s.hasPrefix(arg))
            default: return .bool(s.hasSuffix(arg))
            }
        case "repeat":
            try need(2)
            let n = Int(clamping: Swift.max(0, Swift.min(100_000, int64(a[0]))))
            return .string(String(repeating: GoText.v(a[1]), count: n))
        case "replace":
            try need(3)
            return .string(StringFunctions.replaceAll(GoText.v(a[2]), GoText.v(a[0]), GoText.v(a[1])))
        case "quote", "squote":
            let parts = a.filter { !$0.isNull }.map { v -> String in
                name == "quote" ? GoText.quote(GoText.v(v)) : "'" + GoText.v(v) + "'"
            }
            return .string(parts.joined(separator: " "))
        case "cat":
            return .string(a.filter { !$0.isNull }.map { GoText.v($0) }.joined(separator: " "))
        case "indent", "nindent":
            try need(2)
            let pad = String(repeating: " ", count: Int(clamping: Swift.max(0, Swift.min(1000, int64(a[0])))))
            let body = pad + StringFunctions.replaceAll(GoText.v(a[1]), "\n", "\n" + pad)
            return .string(name == "nindent" ? "\n" + body : body)
        case "default":
            try need(1)
            return a.count < 2 || empty(a[1]) ? a[0] : a[1]
        case "empty":
            return .bool(a.first.map(empty) ?? true)
        case "coalesce":
            return a.first { !empty($0) } ?? .null
        case "ternary":
            try need(3)
            return a[2] == .bool(true) ? a[0] : a[1]
        case "list":
            return .array(a)
        case "dict":
            var o = JSONObject()
            var i = 0
            while i < a.count {
                o[GoText.v(a[i])] = i + 1 < a.count ? a[i + 1] : .string("")
                i += 2
            }
            return .object(o)
        case "join":
            try need(2)
            let items = a[1].arrayValue ?? [a[1]]
            return .string(items.filter { !$0.isNull }.map { GoText.v($0) }.joined(separator: GoText.v(a[0])))
        case "splitList", "split":
            try need(2)
            let parts = StringFunctions.split(GoText.v(a[1]), separator: GoText.v(a[0]))
            if name == "splitList" { return .array(parts.map { .string($0) }) }
            var o = JSONObject()
            for (i, p) in parts.enumerated() { o["_\(i)"] = .string(p) }
            return .object(o)
        case "first", "last":
            try need(1)
            let items = a[0].arrayValue ?? []
            return (name == "first" ? items.first : items.last) ?? .null
        case "has":
            try need(2)
            return .bool((a[1].arrayValue ?? []).contains { ExprOps.equal($0, a[0]) })
        case "keys":
            var out: [JSONValue] = []
            for d in a { out += (d.objectValue?.keys).map { $0.map { .string($0) } } ?? [] }
            return .array(out)
        case "regexMatch":
            try need(2)
            return .bool(try ExprRegex.matches(GoText.v(a[1]), GoText.v(a[0])))
        case "date":
            try need(2)
            return .string(try GoDate.format(layout: GoText.v(a[0]), a[1]))
        case "len":
            try need(1)
            return try ExprBuiltins.call("len", [a[0]])
        default:
            throw ExprFailure("unknown function sprig.\(name)")
        }
    }

    /// sprig's (spf13/cast) loose integer conversion: strings are parsed (`"3"`, `"3.0"`, `"0x1F"`), floats
    /// truncate, booleans are 0/1, anything else is 0.
    static func int64(_ v: JSONValue) -> Int64 {
        switch v {
        case .int(let i): return i
        case .double(let d): return d.isFinite && Swift.abs(d) < 9.2e18 ? Int64(d) : 0
        case .bool(let b): return b ? 1 : 0
        case .string(let s):
            var t = s
            if let dot = t.firstIndex(of: "."), t[t.index(after: dot)...].allSatisfy({ $0 == "0" }) { t = String(t[..<dot]) }
            if t.hasPrefix("0x") || t.hasPrefix("0X") { return Int64(t.dropFirst(2), radix: 16) ?? 0 }
            return Int64(t) ?? 0
        default: return 0
        }
    }

    static func float64(_ v: JSONValue) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return Double(s) ?? 0
        default: return 0
        }
    }

    /// sprig's `empty`: nil, false, 0, "" and empty collections.
    static func empty(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        }
    }

    private static func title(_ s: String) -> String {
        var out = ""
        var startOfWord = true
        for c in s {
            out += startOfWord ? c.uppercased() : String(c)
            startOfWord = c.isWhitespace
        }
        return out
    }
}
