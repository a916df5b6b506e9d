/// Precedence parsing of govaluate tokens, lowest first: ternary (`?` `:` `??`), `||`, `&&`, comparators
/// (`== != < > <= >= =~ !~ in`), bitwise (`& | ^`), shifts, `+ -`, `* / %`, `**`, prefixes (`! - ~`).
/// Bare words are strings here, as Argo turns govaluate VARIABLE tokens into STRING tokens.
struct GovaluateParser {
    private let tokens: [GovaluateToken]
    private var pos = 0
    private var depth = 0

    private static let levels: [Set<String>] = [
        ["?", ":", "??"], ["||"], ["&&"], ["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"], ["&", "|", "^"],
        ["<<", ">>"], ["+", "-"], ["*", "/", "%"], ["**"],
    ]

    static func parse(_ tokens: [GovaluateToken]) throws(GovaluateLexError) -> GovaluateNode {
        var p = GovaluateParser(tokens: tokens)
        guard !tokens.isEmpty else { throw .init(message: "Unexpected end of expression") }
        let node = try p.level(0)
        if p.pos < tokens.count {
            let prev = tokens[p.pos - 1], next = tokens[p.pos]
            throw .init(message: "Cannot transition token types from \(kindName(prev)) [\(prev.text)] to \(kindName(next)) [\(next.text)]")
        }
        return node
    }

    private init(tokens: [GovaluateToken]) { self.tokens = tokens }

    private static func kindName(_ t: GovaluateToken) -> String {
        switch t.kind {
        case .symbol:
            switch t.text {
            case "&&", "||": return "LOGICALOP"
            case "?", ":", "??": return "TERNARY"
            case "==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in": return "COMPARATOR"
            default: return "MODIFIER"
            }
        default: return t.kind.rawValue
        }
    }

    private var current: GovaluateToken? { pos < tokens.count ? tokens[pos] : nil }

    private mutating func level(_ n: Int) throws(GovaluateLexError) -> GovaluateNode {
        guard n < Self.levels.count else { return try prefix() }
        var left = try level(n + 1)
        while let t = current, t.kind == .symbol, Self.levels[n].contains(t.text) {
            pos += 1
            left = .binary(t.text, left, try level(n + 1))
        }
        return left
    }

    private mutating func prefix() throws(GovaluateLexError) -> GovaluateNode {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw .init(message: "expression nested too deeply") }
        guard let t = current else { throw .init(message: "Unexpected end of expression") }
        if t.kind == .symbol, t.text == "!" || t.text == "-" || t.text == "~" {
            pos += 1
            return .prefix(t.text, try prefix())
        }
        pos += 1
        switch t.kind {
        case .numeric: return .value(.number(t.number))
        case .boolean: return .value(.bool(t.text == "true"))
        case .string, .variable: return .value(.string(t.text))
        case .accessor: return .accessor(t.text)
        case .clause:
            var items = [try level(0)]
            while current?.kind == .separator {
                pos += 1
                items.append(try level(0))
            }
            guard current?.kind == .clauseClose else { throw .init(message: "Unbalanced parenthesis") }
            pos += 1
            return items.count == 1 ? items[0] : .list(items)
        case .clauseClose, .separator, .symbol:
            let prev = pos >= 2 ? tokens[pos - 2] : nil
            if let prev {
                throw .init(message: "Cannot transition token types from \(Self.kindName(prev)) [\(prev.text)] to \(Self.kindName(t)) [\(t.text)]")
            }
            throw .init(message: "Unexpected \(Self.kindName(t)) [\(t.text)] at the start of the expression")
        }
    }
}

/// govaluate's operator semantics and error messages.
enum GovaluateOps {
    static func apply(_ op: String, _ l: GovaluateValue, _ r: GovaluateValue) throws(GovaluateEvalError) -> GovaluateValue {
        func logical(_ v: GovaluateValue) -> GovaluateEvalError {
            .init(message: "Value '\(v.goText)' cannot be used with the logical operator '\(op)', it is not a bool")
        }
        func modifier(_ v: GovaluateValue) -> GovaluateEvalError {
            .init(message: "Value '\(v.goText)' cannot be used with the modifier '\(op)', it is not a number")
        }
        let comparator = GovaluateEvalError(message: "Value '\(l.goText)' cannot be used with the comparator '\(op)', it is not a number")
        switch op {
        case "&&", "||":
            guard case .bool(let a) = l else { throw logical(l) }
            guard case .bool(let b) = r else { throw logical(r) }
            return .bool(op == "&&" ? a && b : a || b)
        case "?":
            guard case .bool = l else {
                throw .init(message: "Value '\(l.goText)' cannot be used with the ternary operator '?', it is not a bool")
            }
            return r
        case ":", "??": return r
        case "==": return .bool(l == r)
        case "!=": return .bool(l != r)
        case ">", ">=", "<", "<=":
            switch (l, r) {
            case (.number(let a), .number(let b)):
                return .bool(op == ">" ? a > b : op == ">=" ? a >= b : op == "<" ? a < b : a <= b)
            case (.string(let a), .string(let b)):
                let lt = Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), eq = a == b
                return .bool(op == ">" ? !lt && !eq : op == ">=" ? !lt : op == "<" ? lt : lt || eq)
            default: throw comparator
            }
        case "=~", "!~":
            guard case .string(let s) = l, case .string(let pattern) = r else { throw comparator }
            do throws(ExprFailure) {
                let m = try ExprRegex.matches(s, pattern)
                return .bool(op == "=~" ? m : !m)
            } catch {
                throw .init(message: "Unable to compile regexp pattern '\(pattern)': \(error.message)")
            }
        case "in":
            guard case .array(let items) = r else {
                throw .init(message: "Value '\(r.goText)' cannot be used with the comparator 'in', it is not an array")
            }
            return .bool(items.contains(l))
        case "+":
            switch (l, r) {
            case (.number(let a), .number(let b)): return .number(a + b)
            case (.string, _), (_, .string): return .string(l.goText + r.goText)
            default: throw modifier(l)
            }
        default:
            guard case .number(let a) = l else { throw modifier(l) }
            guard case .number(let b) = r else { throw modifier(r) }
            switch op {
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            case "/": return .number(a / b)
            case "%": return .number(a.truncatingRemainder(dividingBy: b))
            case "**": return .number(ExprOps.power(a, b))
            default:
                let x = Int64(saturating: a), y = Int64(saturating: b)
                switch op {
                case "&": return .number(Double(x & y))
                case "|": return .number(Double(x | y))
                case "^": return .number(Double(x ^ y))
                case "<<": return .number(Double(x << y))
                default: return .number(Double(x >> y))
                }
            }
        }
    }
}

extension Int64 {
    init(saturating d: Double) {
        if d.isNaN { self = 0 } else if d >= 9.2e18 { self = .max } else if d <= -9.2e18 { self = .min } else { self = Int64(d) }
    }
}
