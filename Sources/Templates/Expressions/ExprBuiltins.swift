/// The functions callable by name in an expression: expr-lang's builtins and the ones Argo adds to the
/// environment (`asInt`, `asFloat`, `jsonpath`, `toJson`; `sprig.*` lives in `Sprig`).
enum ExprBuiltins {
    static func call(_ name: String, _ args: [JSONValue]) throws(ExprFailure) -> JSONValue {
        func arity(_ n: ClosedRange<Int>) throws(ExprFailure) {
            guard n.contains(args.count) else {
                throw ExprFailure("\(name) takes \(n.lowerBound == n.upperBound ? "\(n.lowerBound)" : "\(n.lowerBound) to \(n.upperBound)") argument(s), got \(args.count)")
            }
        }
        func str(_ i: Int) throws(ExprFailure) -> String {
            guard case .string(let s) = args[i] else {
                throw ExprFailure("\(name): argument \(i + 1) must be a string (got \(ExprOps.typeName(args[i])))")
            }
            return s
        }
        func list(_ i: Int) throws(ExprFailure) -> [JSONValue] {
            guard case .array(let a) = args[i] else {
                throw ExprFailure("\(name): argument \(i + 1) must be an array (got \(ExprOps.typeName(args[i])))")
            }
            return a
        }
        switch name {
        case "int", "asInt":
            try arity(1...1)
            return try toInt(args[0], name)
        case "float", "asFloat":
            try arity(1...1)
            return try toFloat(args[0], name)
        case "string":
            try arity(1...1)
            return .string(GoText.v(args[0]))
        case "len":
            try arity(1...1)
            switch args[0] {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .array(let a): return .int(Int64(a.count))
            case .object(let o): return .int(Int64(o.count))
            default: throw ExprFailure("invalid argument for len (type \(ExprOps.typeName(args[0])))")
            }
        case "abs":
            try arity(1...1)
            switch args[0] {
            case .int(let i): return .int(i < 0 ? 0 &- i : i)
            case .double(let d): return .double(Swift.abs(d))
            default: throw ExprFailure("invalid argument for abs (type \(ExprOps.typeName(args[0])))")
            }
        case "max", "min":
            let items = args.count == 1 ? (args[0].arrayValue ?? args) : args
            guard var best = items.first else { throw ExprFailure("not enough arguments to call \(name)") }
            for x in items.dropFirst() {
                guard ExprOps.number(x) != nil, ExprOps.number(best) != nil else {
                    throw ExprFailure("invalid argument for \(name) (type \(ExprOps.typeName(x)))")
                }
                if try name == "max" ? ExprOps.less(best, x) : ExprOps.less(x, best) { best = x }
            }
            return best
        case "sum", "mean":
            try arity(1...1)
            var total: JSONValue = .int(0)
            let items = try list(0)
            for x in items { total = try ExprOps.binary("+", total, x) }
            if name == "sum" { return total }
            return items.isEmpty ? .double(0) : .double((ExprOps.number(total) ?? 0) / Double(items.count))
        case "round", "ceil", "floor":
            try arity(1...1)
            guard let d = ExprOps.number(args[0]) else { throw ExprFailure("invalid argument for \(name)") }
            let rule: FloatingPointRoundingRule = name == "round" ? .toNearestOrAwayFromZero : name == "ceil" ? .up : .down
            return .double(d.rounded(rule))
        case "upper", "lower":
            try arity(1...1)
            return .string(name == "upper" ? try str(0).uppercased() : try str(0).lowercased())
        case "trim", "trimPrefix", "trimSuffix":
            try arity(1...2)
            let s = try str(0)
            if name == "trim" {
                if args.count == 2 { return .string(StringFunctions.trim(s, cutset: try str(1))) }
                return .string(StringFunctions.trimSpace(s))
            }
            let affix = args.count == 2 ? try str(1) : " "
            if name == "trimPrefix" { return .string(s.hasPrefix(affix) ? String(s.dropFirst(affix.count)) : s) }
            return .string(s.hasSuffix(affix) ? String(s.dropLast(affix.count)) : s)
        case "split":
            try arity(2...3)
            let parts = StringFunctions.split(try str(0), separator: try str(1))
            return .array(parts.map { .string($0) })
        case "join":
            try arity(1...2)
            let sep = args.count == 2 ? try str(1) : ""
            return .string(try list(0).map { GoText.v($0) }.joined(separator: sep))
        case "replace":
            try arity(3...3)
            return .string(StringFunctions.replaceAll(try str(0), try str(1), try str(2)))
        case "repeat":
            try arity(2...2)
            guard let n = args[1].intValue, n >= 0, n < 100_000 else { throw ExprFailure("repeat: invalid count") }
            return .string(String(repeating: try str(0), count: Int(n)))
        case "indexOf", "lastIndexOf":
            try arity(2...2)
            let s = Array(try str(0).unicodeScalars), t = Array(try str(1).unicodeScalars)
            let starts = t.count <= s.count ? Array(0...(s.count - t.count)) : []
            let hit = (name == "indexOf" ? starts : starts.reversed()).first { Array(s[$0..<$0 + t.count]) == t }
            return .int(Int64(hit ?? -1))
        case "hasPrefix", "hasSuffix":
            try arity(2...2)
            return .bool(name == "hasPrefix" ? try str(0).hasPrefix(try str(1)) : try str(0).hasSuffix(try str(1)))
        case "toJson":
            try arity(1...1)
            guard let text = GoText.json(args[0]) else { throw ExprFailure("json: unsupported value") }
            return .string(text)
        case "toJSON":
            try arity(1...1)
            guard GoText.json(args[0]) != nil else { throw ExprFailure("json: unsupported value") }
            return .string(indentedJSON(args[0], indent: ""))
        case "fromJSON", "fromJson":
            try arity(1...1)
            return try GoJSONDecode.parse(try str(0))
        case "toBase64":
            try arity(1...1)
            return .string(Base64.encode(Array(try str(0).utf8)))
        case "fromBase64":
            try arity(1...1)
            guard let bytes = Base64.decode(try str(0)) else { throw ExprFailure("illegal base64 data") }
            return .string(String(decoding: bytes, as: UTF8.self))
        case "jsonpath":
            try arity(2...2)
            return try JSONPath.query(try str(1), in: try GoJSONDecode.parse(try str(0)))
        case "keys", "values":
            try arity(1...1)
            guard case .object(let o) = args[0] else { throw ExprFailure("\(name) needs a map") }
            return .array(name == "keys" ? o.keys.map { .string($0) } : Array(o.values))
        case "first", "last":
            try arity(1...1)
            let a = try list(0)
            return (name == "first" ? a.first : a.last) ?? .null
        case "reverse":
            try arity(1...1)
            return .array(try list(0).reversed())
        case "concat":
            var out: [JSONValue] = []
            for i in args.indices { out += try list(i) }
            return .array(out)
        case "uniq":
            try arity(1...1)
            var out: [JSONValue] = []
            for x in try list(0) where !out.contains(where: { ExprOps.equal($0, x) }) { out.append(x) }
            return .array(out)
        case "sort":
            try arity(1...2)
            var failure: ExprFailure?
            var a = try list(0)
            a.sort { x, y in
                do throws(ExprFailure) { return try ExprOps.less(x, y) } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            if args.count == 2, try str(1) == "desc" { a.reverse() }
            return .array(a)
        case "type":
            try arity(1...1)
            let names = ["nil": "nil", "bool": "bool", "int": "int", "float64": "float", "string": "string"]
            let t = ExprOps.typeName(args[0])
            return .string(names[t] ?? (t.hasPrefix("[]") ? "array" : "map"))
        case "now", "date", "duration":
            throw ExprFailure("\(name)() needs a clock, which expressions here do not have")
        default:
            throw ExprFailure("unknown function \(name)")
        }
    }

    /// expr-lang's `int()` / Argo's `asInt()`: floats truncate, strings must hold an integer.
    static func toInt(_ v: JSONValue, _ name: String) throws(ExprFailure) -> JSONValue {
        switch v {
        case .int: return v
        case .double(let d):
            guard d.isFinite, Swift.abs(d) < 9.2e18 else { throw ExprFailure("invalid operation: \(name)(\(GoText.v(v)))") }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(s) else { throw ExprFailure("invalid operation: \(name)(\(s))") }
            return .int(i)
        default: throw ExprFailure("invalid operation: \(name)(\(ExprOps.typeName(v)))")
        }
    }

    static func toFloat(_ v: JSONValue, _ name: String) throws(ExprFailure) -> JSONValue {
        switch v {
        case .int(let i): return .double(Double(i))
        case .double: return v
        case .string(let s):
            guard let d = Double(s) else { throw ExprFailure("invalid operation: \(name)(\(s))") }
            return .double(d)
        default: throw ExprFailure("invalid operation: \(name)(\(ExprOps.typeName(v)))")
        }
    }

    /// `json.MarshalIndent(v, "", "  ")`, as expr-lang's `toJSON` writes it.
    static func indentedJSON(_ v: JSONValue, indent: String) -> String {
        let inner = indent + "  "
        switch v {
        case .array(let a) where !a.isEmpty:
            return "[\n" + a.map { inner + indentedJSON($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let o) where !o.isEmpty:
            let keys = o.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            return "{\n" + keys.map { k in
                inner + JSONValue.string(k).compactJSON + ": " + indentedJSON(o[k] ?? .null, indent: inner)
            }.joined(separator: ",\n") + "\n" + indent + "}"
        default: return GoText.json(v) ?? "null"
        }
    }
}

/// Go's `strings` functions used by the builtins and sprig.
enum StringFunctions {
    static func trimSpace(_ s: String) -> String {
        let ws: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}"]
        let scalars = Array(s.unicodeScalars)
        guard let a = scalars.firstIndex(where: { !ws.contains($0) }),
            let b = scalars.lastIndex(where: { !ws.contains($0) })
        else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[a...b])
        return String(out)
    }

    static func trim(_ s: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let scalars = Array(s.unicodeScalars)
        guard let a = scalars.firstIndex(where: { !cut.contains($0) }),
            let b = scalars.lastIndex(where: { !cut.contains($0) })
        else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[a...b])
        return String(out)
    }

    /// `strings.Split`: an empty separator splits into characters.
    static func split(_ s: String, separator: String) -> [String] {
        if separator.isEmpty { return s.map { String($0) } }
        var parts: [String] = []
        var rest = Substring(s)
        while let r = rest.firstRange(of: separator) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        guard !old.isEmpty else { return s }
        return split(s, separator: old).joined(separator: new)
    }
}
