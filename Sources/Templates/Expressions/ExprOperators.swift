#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// expr-lang's operators over `JSONValue`: ints stay ints under `+ - * %`, mixing an int and a float gives a
/// float, `/` and `**` always give floats, `+` also joins strings and arrays, ordering compares numbers or
/// strings and is an error for anything else, `==` never fails.
enum ExprOps {
    /// Go type names as expr-lang prints them in errors.
    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "nil"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }

    static func mismatch(_ op: String, _ a: JSONValue, _ b: JSONValue) -> ExprFailure {
        ExprFailure("invalid operation: \(typeName(a)) \(op) \(typeName(b)) (mismatched types \(typeName(a)) and \(typeName(b)))")
    }

    /// `base.key` / `base[key]`: missing map keys give nil, array indexes may count from the end.
    static func fetch(_ base: JSONValue, _ key: JSONValue) throws(ExprFailure) -> JSONValue {
        switch (base, key) {
        case (.object(let o), .string(let k)): return o[k] ?? .null
        case (.array(let a), _):
            guard let raw = key.intValue else { throw ExprFailure("array index must be an integer (got \(typeName(key)))") }
            let i = raw < 0 ? Int(raw) + a.count : Int(raw)
            guard a.indices.contains(i) else { throw ExprFailure("index out of range: \(raw) (array length is \(a.count))") }
            return a[i]
        case (.string(let s), _):
            guard let raw = key.intValue else { throw ExprFailure("string index must be an integer") }
            let chars = Array(s)
            let i = raw < 0 ? Int(raw) + chars.count : Int(raw)
            guard chars.indices.contains(i) else { throw ExprFailure("index out of range: \(raw) (string length is \(chars.count))") }
            return .string(String(chars[i]))
        case (.null, _): throw ExprFailure("cannot fetch \(key.argoString) from <nil>")
        default: throw ExprFailure("cannot fetch \(key.argoString) from \(typeName(base))")
        }
    }

    static func slice(_ base: JSONValue, from: JSONValue?, to: JSONValue?) throws(ExprFailure) -> JSONValue {
        func bounds(_ count: Int) throws(ExprFailure) -> Range<Int> {
            guard let lo = from == nil ? 0 : from?.intValue, let hi = to == nil ? Int64(count) : to?.intValue else {
                throw ExprFailure("slice bounds must be integers")
            }
            var a = Int(lo) < 0 ? Int(lo) + count : Int(lo)
            var b = Int(hi) < 0 ? Int(hi) + count : Int(hi)
            a = max(0, min(a, count))
            b = max(0, min(b, count))
            return a..<max(a, b)
        }
        switch base {
        case .array(let arr): return .array(Array(arr[try bounds(arr.count)]))
        case .string(let s):
            let chars = Array(s)
            return .string(String(chars[try bounds(chars.count)]))
        default: throw ExprFailure("cannot slice \(typeName(base))")
        }
    }

    static func unary(_ op: String, _ v: JSONValue) throws(ExprFailure) -> JSONValue {
        switch (op, v) {
        case ("!", .bool(let b)), ("not", .bool(let b)): return .bool(!b)
        case ("-", .int(let i)): return .int(0 &- i)
        case ("-", .double(let d)): return .double(-d)
        case ("+", .int), ("+", .double): return v
        case ("truthy", _):
            if case .bool(let b) = v { return .bool(b) }
            return .bool(!v.isNull)
        default: throw ExprFailure("invalid operation: \(op)\(typeName(v))")
        }
    }

    /// Equality as expr-lang's `==`: numbers by value across int and float, everything else structurally.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.int, .double), (.double, .int), (.double, .double): return a.doubleValue == b.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        default: return a == b
        }
    }

    static func less(_ a: JSONValue, _ b: JSONValue) throws(ExprFailure) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        default:
            guard let x = number(a), let y = number(b) else { throw mismatch("<", a, b) }
            return x < y
        }
    }

    static func number(_ v: JSONValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    static func binary(_ op: String, _ a: JSONValue, _ b: JSONValue) throws(ExprFailure) -> JSONValue {
        switch op {
        case "==": return .bool(equal(a, b))
        case "!=": return .bool(!equal(a, b))
        case "<", ">", "<=", ">=":
            do throws(ExprFailure) {
                switch op {
                case "<": return .bool(try less(a, b))
                case ">": return .bool(try less(b, a))
                case "<=": return .bool(try !less(b, a))
                default: return .bool(try !less(a, b))
                }
            } catch { throw mismatch(op, a, b) }
        case "+", "-", "*", "/", "%", "**", "^": return try arithmetic(op, a, b)
        case "in": return try contains(b, a, op: "in")
        case "contains", "startsWith", "endsWith":
            guard case .string(let s) = a, case .string(let t) = b else { throw mismatch(op, a, b) }
            if op == "contains" { return .bool(t.isEmpty || s.contains(t)) }
            return .bool(op == "startsWith" ? s.hasPrefix(t) : s.hasSuffix(t))
        case "matches":
            guard case .string(let s) = a, case .string(let pattern) = b else { throw mismatch(op, a, b) }
            return .bool(try ExprRegex.matches(s, pattern))
        case "..":
            guard case .int(let lo) = a, case .int(let hi) = b else { throw mismatch(op, a, b) }
            guard hi - lo < 1_000_000 else { throw ExprFailure("range \(lo)..\(hi) is too large") }
            return .array(lo <= hi ? (lo...hi).map { .int($0) } : [])
        default: throw ExprFailure("unknown operator \(op)")
        }
    }

    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

    static func contains(_ container: JSONValue, _ item: JSONValue, op: String) throws(ExprFailure) -> JSONValue {
        switch container {
        case .array(let a): return .bool(a.contains { equal($0, item) })
        case .object(let o):
            guard case .string(let k) = item else { throw mismatch(op, item, container) }
            return .bool(o[k] != nil)
        case .null: return false
        default: throw mismatch(op, item, container)
        }
    }

    private static func arithmetic(_ op: String, _ a: JSONValue, _ b: JSONValue) throws(ExprFailure) -> JSONValue {
        switch (op, a, b) {
        case ("+", .string(let x), .string(let y)): return .string(x + y)
        case ("+", .array(let x), .array(let y)): return .array(x + y)
        case (_, .int(let x), .int(let y)) where op == "+" || op == "-" || op == "*" || op == "%":
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            default:
                guard y != 0 else { throw ExprFailure("integer divide by zero") }
                return .int(x % y)
            }
        default: break
        }
        guard let x = number(a), let y = number(b), op != "%" else { throw mismatch(op, a, b) }
        switch op {
        case "+": return .double(x + y)
        case "-": return .double(x - y)
        case "*": return .double(x * y)
        case "/": return .double(x / y)
        default: return .double(power(x, y))
        }
    }
}

/// Regular expressions for `matches` (expr-lang) and `=~` (govaluate): Go's RE2 syntax is close enough to
/// Swift's `Regex` for the patterns workflows use. A match anywhere in the string counts, as in Go.
enum ExprRegex {
    static func matches(_ s: String, _ pattern: String) throws(ExprFailure) -> Bool {
        let regex: Regex<AnyRegexOutput>
        do { regex = try Regex(pattern) } catch {
            throw ExprFailure("error parsing regexp: \(pattern)")
        }
        return s.contains(regex)
    }
}
