/// A JSONPath filter `?( ... )`: comparisons of `@.path` with literals or other paths, joined by `&&`, `||`,
/// `!` and parentheses. A bare `@.path` tests that the path exists.
indirect enum JSONPathFilter {
    case exists([String])
    case compare(String, Operand, Operand)
    case and(JSONPathFilter, JSONPathFilter)
    case or(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)

    enum Operand {
        case path([String])
        case value(JSONValue)
    }

    static func parse(_ text: String, path: String) throws(ExprFailure) -> JSONPathFilter {
        var p = Parser(chars: Array(text), path: path)
        let f = try p.or()
        p.space()
        guard p.i == p.chars.count else { throw p.fail("unexpected text in filter") }
        return f
    }

    func matches(_ v: JSONValue) -> Bool {
        switch self {
        case .exists(let keys): return Self.lookup(v, keys) != nil
        case .and(let a, let b): return a.matches(v) && b.matches(v)
        case .or(let a, let b): return a.matches(v) || b.matches(v)
        case .not(let a): return !a.matches(v)
        case .compare(let op, let l, let r):
            guard let x = Self.resolve(l, v), let y = Self.resolve(r, v) else { return op == "!=" }
            switch op {
            case "==": return ExprOps.equal(x, y)
            case "!=": return !ExprOps.equal(x, y)
            case "=~":
                guard case .string(let s) = x, case .string(let pattern) = y else { return false }
                return (try? ExprRegex.matches(s, pattern)) ?? false
            default:
                guard let less = try? ExprOps.less(x, y), let greater = try? ExprOps.less(y, x) else { return false }
                switch op {
                case "<": return less
                case ">": return greater
                case "<=": return !greater
                default: return !less
                }
            }
        }
    }

    private static func resolve(_ o: Operand, _ v: JSONValue) -> JSONValue? {
        switch o {
        case .value(let x): return x
        case .path(let keys): return lookup(v, keys)
        }
    }

    private static func lookup(_ v: JSONValue, _ keys: [String]) -> JSONValue? {
        var cur = v
        for k in keys {
            if let i = Int(k), case .array = cur {
                guard let x = cur[i] else { return nil }
                cur = x
            } else {
                guard let x = cur[k] else { return nil }
                cur = x
            }
        }
        return cur
    }

    private struct Parser {
        let chars: [Character]
        let path: String
        var i = 0

        func fail(_ m: String) -> ExprFailure { ExprFailure("jsonpath '\(path)': \(m)") }
        mutating func space() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        mutating func eat(_ s: String) -> Bool {
            space()
            let a = Array(s)
            guard i + a.count <= chars.count, Array(chars[i..<i + a.count]) == a else { return false }
            i += a.count
            return true
        }

        mutating func or() throws(ExprFailure) -> JSONPathFilter {
            var l = try and()
            while eat("||") { l = .or(l, try and()) }
            return l
        }

        mutating func and() throws(ExprFailure) -> JSONPathFilter {
            var l = try unary()
            while eat("&&") { l = .and(l, try unary()) }
            return l
        }

        mutating func unary() throws(ExprFailure) -> JSONPathFilter {
            if eat("!") { return .not(try unary()) }
            if eat("(") {
                let f = try or()
                guard eat(")") else { throw fail("missing ')' in filter") }
                return f
            }
            let left = try operand()
            for op in ["==", "!=", "<=", ">=", "=~", "<", ">"] where eat(op) {
                return .compare(op, left, try operand())
            }
            guard case .path(let keys) = left else { throw fail("a filter needs a comparison") }
            return .exists(keys)
        }

        mutating func operand() throws(ExprFailure) -> Operand {
            space()
            guard i < chars.count else { throw fail("unexpected end of filter") }
            let c = chars[i]
            if c == "@" {
                i += 1
                var keys: [String] = []
                while i < chars.count, chars[i] == "." || chars[i] == "[" {
                    if chars[i] == "." {
                        i += 1
                        var k = ""
                        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" {
                            k.append(chars[i])
                            i += 1
                        }
                        keys.append(k)
                    } else {
                        i += 1
                        var k = ""
                        while i < chars.count, chars[i] != "]" {
                            k.append(chars[i])
                            i += 1
                        }
                        i += 1
                        let t = k.trimmingSpaces
                        keys.append(t.count >= 2 && (t.first == "'" || t.first == "\"") ? String(t.dropFirst().dropLast()) : t)
                    }
                }
                return .path(keys)
            }
            if c == "'" || c == "\"" {
                i += 1
                var s = ""
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    s.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw fail("unterminated string in filter") }
                i += 1
                return .value(.string(s))
            }
            var word = ""
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || "+-.eE_".contains(chars[i]) {
                word.append(chars[i])
                i += 1
            }
            switch word {
            case "true": return .value(.bool(true))
            case "false": return .value(.bool(false))
            case "null", "nil": return .value(.null)
            default:
                guard let d = Double(word) else { throw fail("invalid value '\(word)' in filter") }
                return .value(.double(d))
            }
        }
    }
}
