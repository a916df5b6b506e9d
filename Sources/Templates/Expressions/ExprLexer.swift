/// Tokens of the expr-lang language (github.com/expr-lang/expr), the language of Argo's `{{=...}}` tags,
/// `when`-style `expression:` fields of hooks, retry strategies and `valueFrom.expression`.
struct ExprToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case int(Int64)
        case float(Double)
        case string(String)
        case identifier(String)
        case pointer(String)  // `#` or `#name`
        case op(String)  // operators, punctuation and word operators (`not`, `in`, `and`, ...)
        case end
    }
    var kind: Kind
    /// 0-based offset in characters from the start of the expression.
    var offset: Int
}

/// The word operators of expr-lang: they lex as operators, not identifiers.
let exprWordOperators: Set<String> = ["not", "in", "and", "or", "matches", "contains", "startsWith", "endsWith"]

struct ExprLexer {
    private let chars: [Character]
    private var i = 0
    private let source: String

    init(_ source: String) {
        self.source = source
        self.chars = Array(source)
    }

    static func tokens(_ source: String) throws(Diagnostic) -> [ExprToken] {
        var lexer = ExprLexer(source)
        var out: [ExprToken] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func error(_ message: String, at offset: Int) -> Diagnostic {
        Diagnostic("expression '\(source)': \(message) (at column \(offset + 1))")
    }

    private func peek(_ k: Int = 0) -> Character? { i + k < chars.count ? chars[i + k] : nil }

    mutating func next() throws(Diagnostic) -> ExprToken {
        while let c = peek(), c.isWhitespace { i += 1 }
        let start = i
        guard let c = peek() else { return ExprToken(kind: .end, offset: i) }
        if c.isNumber && c.isASCII || (c == "." && peek(1)?.isASCII == true && peek(1)?.isNumber == true) {
            return try number(start)
        }
        if c == "'" || c == "\"" { return ExprToken(kind: .string(try quoted(c, start)), offset: start) }
        if c == "`" {
            i += 1
            var s = ""
            while let d = peek(), d != "`" {
                s.append(d)
                i += 1
            }
            guard peek() == "`" else { throw error("unterminated raw string", at: start) }
            i += 1
            return ExprToken(kind: .string(s), offset: start)
        }
        if c == "#" {
            i += 1
            let name = identifierText()
            return ExprToken(kind: .pointer(name), offset: start)
        }
        if c.isLetter || c == "_" || c == "$" {
            let word = identifierText()
            if exprWordOperators.contains(word) { return ExprToken(kind: .op(word), offset: start) }
            return ExprToken(kind: .identifier(word), offset: start)
        }
        for op in ["?.", "??", "...", "..", "**", "==", "!=", "<=", ">=", "&&", "||", "|"] {
            if matches(op) {
                i += op.count
                return ExprToken(kind: .op(op), offset: start)
            }
        }
        if "+-*/%^!<>.,:?()[]{}".contains(c) {
            i += 1
            return ExprToken(kind: .op(String(c)), offset: start)
        }
        throw error("unrecognized character '\(c)'", at: start)
    }

    private func matches(_ op: String) -> Bool {
        for (k, ch) in op.enumerated() where peek(k) != ch { return false }
        return true
    }

    private mutating func identifierText() -> String {
        var s = ""
        while let d = peek(), d.isLetter || d.isNumber || d == "_" || d == "$" {
            s.append(d)
            i += 1
        }
        return s
    }

    private mutating func number(_ start: Int) throws(Diagnostic) -> ExprToken {
        var text = ""
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            i += 2
            while let d = peek(), d.isHexDigit || d == "_" {
                if d != "_" { text.append(d) }
                i += 1
            }
            guard let v = Int64(text, radix: 16) else { throw error("invalid hex number", at: start) }
            return ExprToken(kind: .int(v), offset: start)
        }
        var isFloat = false
        while let d = peek() {
            if d.isASCII && d.isNumber || d == "_" {
                if d != "_" { text.append(d) }
            } else if d == "." && !isFloat && peek(1) != "." {
                isFloat = true
                text.append(d)
            } else if d == "e" || d == "E" {
                isFloat = true
                text.append(d)
                if let s = peek(1), s == "+" || s == "-" {
                    text.append(s)
                    i += 1
                }
            } else {
                break
            }
            i += 1
        }
        if isFloat {
            guard let v = Double(text) else { throw error("invalid float literal: \(text)", at: start) }
            return ExprToken(kind: .float(v), offset: start)
        }
        guard let v = Int64(text) else { throw error("invalid integer literal: \(text)", at: start) }
        return ExprToken(kind: .int(v), offset: start)
    }

    private mutating func quoted(_ quote: Character, _ start: Int) throws(Diagnostic) -> String {
        i += 1
        var s = ""
        while let c = peek() {
            i += 1
            if c == quote { return s }
            if c != "\\" {
                s.append(c)
                continue
            }
            guard let e = peek() else { break }
            i += 1
            switch e {
            case "n": s.append("\n")
            case "t": s.append("\t")
            case "r": s.append("\r")
            case "a": s.append("\u{07}")
            case "b": s.append("\u{08}")
            case "f": s.append("\u{0C}")
            case "v": s.append("\u{0B}")
            case "0": s.append("\0")
            case "\\", "'", "\"", "`": s.append(e)
            case "u", "x":
                let n = e == "u" ? 4 : 2
                var hex = ""
                for _ in 0..<n {
                    guard let h = peek(), h.isHexDigit else { throw error("invalid escape sequence", at: i) }
                    hex.append(h)
                    i += 1
                }
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                    throw error("invalid escape sequence", at: i)
                }
                s.unicodeScalars.append(scalar)
            default: throw error("invalid escape sequence \\\(e)", at: i - 1)
            }
        }
        throw error("literal not terminated", at: start)
    }
}
