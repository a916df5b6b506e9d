import Templates

/// The two gate languages the operator evaluates: `when` (govaluate, where bare words are strings) and
/// `depends` (task results joined with `&&`, `||`, `!`).
enum Gates {
    indirect enum Node {
        case literal(Value)
        case word(String)
        case not(Node)
        case binary(String, Node, Node)
        /// `a && b && c` / `a || b || c` kept flat, so a 10,000-way fan-in is not a 10,000-deep tree.
        case all([Node])
        case any([Node])
    }
    enum Value: Equatable {
        case bool(Bool), number(Double), string(String)
    }

    struct Parser {
        var tokens: [String]
        var pos = 0
        let expression: String

        init(_ text: String) throws {
            expression = text
            tokens = try Parser.tokenize(text)
        }

        static func tokenize(_ s: String) throws -> [String] {
            var out: [String] = []
            let chars = Array(s)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == " " || c == "\t" || c == "\n" { i += 1; continue }
                if c == "'" || c == "\"" {
                    var j = i + 1
                    while j < chars.count, chars[j] != c { j += 1 }
                    guard j < chars.count else { throw OperatorError("unterminated string in '\(s)'") }
                    out.append("'" + String(chars[(i + 1)..<j]))
                    i = j + 1
                    continue
                }
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if ["&&", "||", "==", "!=", "<=", ">=", "=~", "!~"].contains(two) { out.append(two); i += 2; continue }
                if "()!<>".contains(c) { out.append(String(c)); i += 1; continue }
                var j = i
                while j < chars.count, !" \t\n()!<>=&|'\"".contains(chars[j]) { j += 1 }
                if j == i { throw OperatorError("Invalid token: '\(c)'") }
                out.append(String(chars[i..<j]))
                i = j
            }
            return out
        }

        mutating func parse() throws -> Node {
            let n = try parseOr()
            if pos < tokens.count { throw OperatorError("unexpected '\(tokens[pos])'") }
            return n
        }
        mutating func parseOr() throws -> Node {
            var terms = [try parseAnd()]
            while pos < tokens.count, tokens[pos] == "||" { pos += 1; terms.append(try parseAnd()) }
            return terms.count == 1 ? terms[0] : .any(terms)
        }
        mutating func parseAnd() throws -> Node {
            var terms = [try parseCompare()]
            while pos < tokens.count, tokens[pos] == "&&" { pos += 1; terms.append(try parseCompare()) }
            return terms.count == 1 ? terms[0] : .all(terms)
        }
        mutating func parseCompare() throws -> Node {
            let l = try parseUnary()
            if pos < tokens.count, ["==", "!=", "<", ">", "<=", ">=", "=~", "!~"].contains(tokens[pos]) {
                let op = tokens[pos]
                pos += 1
                return .binary(op, l, try parseUnary())
            }
            return l
        }
        mutating func parseUnary() throws -> Node {
            guard pos < tokens.count else { throw OperatorError("unexpected end of expression") }
            let t = tokens[pos]
            pos += 1
            switch t {
            case "!": return .not(try parseUnary())
            case "(":
                let n = try parseOr()
                guard pos < tokens.count, tokens[pos] == ")" else { throw OperatorError("missing ')'") }
                pos += 1
                return n
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            default:
                if t.hasPrefix("'") { return .literal(.string(String(t.dropFirst()))) }
                if let d = Double(t) { return .literal(.number(d)) }
                return .word(t)
            }
        }
    }

    /// Evaluates an already substituted `when` (Argo's `shouldExecute`) with the shared govaluate evaluator.
    static func when(_ text: String) throws -> Bool {
        if text.trimmingSpaces.isEmpty { return true }
        do { return try WhenExpression.evaluate(text) } catch { throw OperatorError(error.message) }
    }

    /// Evaluates a `depends` expression; `result(task, property)` answers `A.Succeeded`, bare `A` is `A.Succeeded ||
    /// A.Skipped || A.Daemoned`.
    static func depends(_ text: String, result: (String, String?) -> Bool) throws -> Bool {
        var parser = try Parser(text)
        let tree = try parser.parse()
        guard case .bool(let b) = try value(tree, words: { word in
            if let dot = word.lastIndex(of: "."),
               ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"]
                .contains(String(word[word.index(after: dot)...])) {
                return .bool(result(String(word[..<dot]), String(word[word.index(after: dot)...])))
            }
            return .bool(result(word, nil))
        }) else { throw OperatorError("unable to evaluate expression '\(text)'") }
        return b
    }

    /// The task names a `depends` expression mentions, in order of first mention.
    static func dependsTasks(_ text: String) -> [String] {
        guard let tokens = try? Parser.tokenize(text) else { return [] }
        var seen = Set<String>()
        var out: [String] = []
        for t in tokens where !["&&", "||", "!", "(", ")"].contains(t) {
            var name = t
            if let dot = t.lastIndex(of: "."),
               ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"]
                .contains(String(t[t.index(after: dot)...])) { name = String(t[..<dot]) }
            if seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    static func value(_ n: Node, words: (String) -> Value) throws -> Value {
        switch n {
        case .literal(let v): return v
        case .word(let w): return words(w)
        case .all(let terms), .any(let terms):
            let isAll: Bool
            if case .all = n { isAll = true } else { isAll = false }
            for t in terms {
                guard case .bool(let b) = try value(t, words: words) else { throw OperatorError("'&&'/'||' need booleans") }
                if isAll && !b { return .bool(false) }
                if !isAll && b { return .bool(true) }
            }
            return .bool(isAll)
        case .not(let x):
            guard case .bool(let b) = try value(x, words: words) else { throw OperatorError("'!' needs a boolean") }
            return .bool(!b)
        case .binary(let op, let l, let r):
            let a = try value(l, words: words)
            if op == "&&" || op == "||" {
                guard case .bool(let x) = a else { throw OperatorError("'\(op)' needs booleans") }
                if op == "&&" && !x { return .bool(false) }
                if op == "||" && x { return .bool(true) }
                guard case .bool(let y) = try value(r, words: words) else { throw OperatorError("'\(op)' needs booleans") }
                return .bool(y)
            }
            let b = try value(r, words: words)
            switch op {
            case "==": return .bool(a == b)
            case "!=": return .bool(a != b)
            case "=~", "!~":
                guard case .string(let s) = a, case .string(let p) = b else { throw OperatorError("'\(op)' needs strings") }
                let m = s.contains(p)
                return .bool(op == "=~" ? m : !m)
            default:
                guard case .number(let x) = a, case .number(let y) = b else {
                    if case .string(let x) = a, case .string(let y) = b {
                        switch op { case "<": return .bool(x < y); case ">": return .bool(x > y); case "<=": return .bool(x <= y); default: return .bool(x >= y) }
                    }
                    throw OperatorError("cannot compare with '\(op)'")
                }
                switch op { case "<": return .bool(x < y); case ">": return .bool(x > y); case "<=": return .bool(x <= y); default: return .bool(x >= y) }
            }
        }
    }
}
