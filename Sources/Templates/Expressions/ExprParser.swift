/// The syntax tree of an expr-lang expression.
indirect enum ExprNode: Sendable, Equatable {
    case literal(JSONValue)
    case identifier(String)
    /// `#` (the current element inside a closure) or `#acc`/`#index` style names.
    case pointer(String)
    /// `base.name`, `base[key]`; `optional` for `?.`.
    case member(ExprNode, ExprNode, optional: Bool)
    case slice(ExprNode, from: ExprNode?, to: ExprNode?)
    case call(ExprNode, [ExprNode])
    case unary(String, ExprNode)
    case binary(String, ExprNode, ExprNode)
    case conditional(ExprNode, ExprNode, ExprNode)
    case array([ExprNode])
    case map([(key: ExprNode, value: ExprNode)])
    /// `{ ... }` passed to `filter`, `map`, `all`, ...: evaluated once per element with `#` bound.
    case closure(ExprNode)

    static func == (a: ExprNode, b: ExprNode) -> Bool { "\(a)" == "\(b)" }
}

/// Binary operators with expr-lang's precedences (higher binds tighter) and associativity.
private let binaryPrecedence: [String: (prec: Int, right: Bool)] = [
    "or": (10, false), "||": (10, false),
    "and": (15, false), "&&": (15, false),
    "==": (20, false), "!=": (20, false), "<": (20, false), ">": (20, false), "<=": (20, false), ">=": (20, false),
    "in": (20, false), "matches": (20, false), "contains": (20, false), "startsWith": (20, false),
    "endsWith": (20, false),
    "..": (25, false),
    "+": (30, false), "-": (30, false),
    "*": (60, false), "/": (60, false), "%": (60, false),
    "**": (100, true), "^": (100, true),
    "??": (500, false),
]
private let unaryPrecedence: [String: Int] = ["not": 50, "!": 50, "-": 90, "+": 90]

/// Builtins whose second argument is a closure evaluated per element with `#` bound to it.
let exprPredicateBuiltins: Set<String> = [
    "filter", "map", "all", "any", "none", "one", "count", "find", "findIndex", "findLast", "findLastIndex",
    "groupBy", "sortBy", "sum", "reduce",
]

/// A recursive-descent (precedence-climbing) parser following expr-lang's grammar.
struct ExprParser {
    private var tokens: [ExprToken]
    private var pos = 0
    private let source: String
    private var depth = 0
    private static let maxDepth = 200

    static func parse(_ source: String) throws(Diagnostic) -> ExprNode {
        var p = ExprParser(tokens: try ExprLexer.tokens(source), source: source)
        if p.current.kind == .end { throw p.error("unexpected end of expression", at: p.current) }
        let node = try p.expression(0)
        if p.current.kind != .end { throw p.error("unexpected token \(p.describe(p.current))", at: p.current) }
        return node
    }

    private init(tokens: [ExprToken], source: String) {
        self.tokens = tokens
        self.source = source
    }

    private var current: ExprToken { tokens[min(pos, tokens.count - 1)] }
    private mutating func advance() { pos += 1 }
    private func isOp(_ s: String) -> Bool { current.kind == .op(s) }

    private func error(_ message: String, at token: ExprToken) -> Diagnostic {
        Diagnostic("expression '\(source)': \(message) (at column \(token.offset + 1))")
    }

    private func describe(_ t: ExprToken) -> String {
        switch t.kind {
        case .int(let v): return "\(v)"
        case .float(let v): return "\(v)"
        case .string(let s): return "\"\(s)\""
        case .identifier(let s): return s
        case .pointer(let s): return "#" + s
        case .op(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private mutating func expect(_ op: String) throws(Diagnostic) {
        guard isOp(op) else { throw error("expected '\(op)' but found \(describe(current))", at: current) }
        advance()
    }

    private mutating func expression(_ precedence: Int) throws(Diagnostic) -> ExprNode {
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maxDepth else { throw error("expression nested too deeply", at: current) }
        var left = try primary()
        while case .op(var op) = current.kind {
            var negate = false
            if op == "not" {
                // `a not in b`, `a not matches b`, ...
                guard pos + 1 < tokens.count, case .op(let next) = tokens[pos + 1].kind,
                    ["in", "matches", "contains", "startsWith", "endsWith"].contains(next)
                else { break }
                negate = true
                op = next
            }
            guard let info = binaryPrecedence[op], info.prec >= precedence else { break }
            if negate { advance() }
            advance()
            let right = try expression(info.right ? info.prec : info.prec + 1)
            left = .binary(op, left, right)
            if negate { left = .unary("not", left) }
        }
        if precedence == 0 { left = try conditional(left) }
        return left
    }

    private mutating func conditional(_ cond: ExprNode) throws(Diagnostic) -> ExprNode {
        var node = cond
        while isOp("?") {
            advance()
            if isOp(":") {  // elvis `a ?: b`
                advance()
                let other = try expression(0)
                node = .conditional(.unary("truthy", node), node, other)
            } else {
                let yes = try expression(0)
                try expect(":")
                let no = try expression(0)
                node = .conditional(node, yes, no)
            }
        }
        return node
    }

    private mutating func primary() throws(Diagnostic) -> ExprNode {
        let token = current
        if case .op(let op) = token.kind, let prec = unaryPrecedence[op] {
            advance()
            let operand = try expression(prec)
            return try postfix(.unary(op, operand))
        }
        if isOp("(") {
            advance()
            let inner = try expression(0)
            try expect(")")
            return try postfix(inner)
        }
        return try postfix(try operand())
    }

    private mutating func operand() throws(Diagnostic) -> ExprNode {
        let token = current
        switch token.kind {
        case .int(let v):
            advance()
            return .literal(.int(v))
        case .float(let v):
            advance()
            return .literal(.double(v))
        case .string(let s):
            advance()
            return .literal(.string(s))
        case .pointer(let name):
            advance()
            return .pointer(name)
        case .identifier(let name):
            advance()
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "nil": return .literal(.null)
            default: break
            }
            if isOp("(") {
                return .call(.identifier(name), try arguments(predicates: exprPredicateBuiltins.contains(name)))
            }
            return .identifier(name)
        case .op("["):
            advance()
            var items: [ExprNode] = []
            while !isOp("]") {
                items.append(try expression(0))
                if isOp(",") { advance() } else { break }
            }
            try expect("]")
            return .array(items)
        case .op("{"):
            advance()
            var pairs: [(key: ExprNode, value: ExprNode)] = []
            while !isOp("}") {
                let key: ExprNode
                switch current.kind {
                case .identifier(let k):
                    key = .literal(.string(k))
                    advance()
                case .string(let k):
                    key = .literal(.string(k))
                    advance()
                case .int(let k):
                    key = .literal(.string(String(k)))
                    advance()
                case .op("("):
                    advance()
                    key = try expression(0)
                    try expect(")")
                default: throw error("a map key must be a quoted string, an identifier or a number", at: current)
                }
                try expect(":")
                pairs.append((key, try expression(0)))
                if isOp(",") { advance() } else { break }
            }
            try expect("}")
            return .map(pairs)
        case .end:
            throw error("unexpected end of expression", at: token)
        default:
            throw error("unexpected token \(describe(token))", at: token)
        }
    }

    /// Call arguments. For the builtins that take a predicate (`filter(xs, {# > 1})`), every argument after
    /// the first is a closure, written in braces or bare as expr-lang allows.
    private mutating func arguments(predicates: Bool) throws(Diagnostic) -> [ExprNode] {
        try expect("(")
        var args: [ExprNode] = []
        while !isOp(")") {
            if predicates && !args.isEmpty && isOp("{") {
                advance()
                let body = try expression(0)
                try expect("}")
                args.append(.closure(body))
            } else if predicates && !args.isEmpty {
                args.append(.closure(try expression(0)))
            } else {
                args.append(try expression(0))
            }
            if isOp(",") { advance() } else { break }
        }
        try expect(")")
        return args
    }

    private mutating func postfix(_ base: ExprNode) throws(Diagnostic) -> ExprNode {
        var node = base
        while true {
            if isOp(".") || isOp("?.") {
                let optional = isOp("?.")
                advance()
                if optional && isOp("[") {
                    node = try subscriptOrSlice(node, optional: true)
                    continue
                }
                let name: String
                switch current.kind {
                case .identifier(let n): name = n
                case .op(let w) where exprWordOperators.contains(w): name = w
                default: throw error("expected a name after '.' but found \(describe(current))", at: current)
                }
                advance()
                node = .member(node, .literal(.string(name)), optional: optional)
                if isOp("(") { node = .call(node, try arguments(predicates: false)) }
            } else if isOp("[") {
                node = try subscriptOrSlice(node, optional: false)
            } else {
                return node
            }
        }
    }

    private mutating func subscriptOrSlice(_ base: ExprNode, optional: Bool) throws(Diagnostic) -> ExprNode {
        try expect("[")
        if isOp(":") {
            advance()
            let to = isOp("]") ? nil : try expression(0)
            try expect("]")
            return .slice(base, from: nil, to: to)
        }
        let index = try expression(0)
        if isOp(":") {
            advance()
            let to = isOp("]") ? nil : try expression(0)
            try expect("]")
            return .slice(base, from: index, to: to)
        }
        try expect("]")
        return .member(base, index, optional: optional)
    }
}
