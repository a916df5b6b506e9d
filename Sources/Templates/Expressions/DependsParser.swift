/// Parser for `depends`: `||` binds loosest, then `&&`, then `!`; parentheses group. Operands are task names
/// (`[a-zA-Z0-9][-a-zA-Z0-9]*`) optionally followed by `.Result`.
struct DependsParser {
    private let chars: [Character]
    private let text: String
    private var i = 0
    private var depth = 0

    static func parse(_ text: String) throws(Diagnostic) -> DependsExpression {
        var p = DependsParser(chars: Array(text), text: text)
        p.space()
        guard p.i < p.chars.count else { throw Diagnostic("depends '\(text)': the expression is empty") }
        let e = try p.or()
        p.space()
        if p.i < p.chars.count { throw p.error("expected '&&', '||' or the end") }
        return e
    }

    private init(chars: [Character], text: String) {
        self.chars = chars
        self.text = text
    }

    private func error(_ what: String) -> Diagnostic {
        let found = i < chars.count ? "'\(chars[i])'" : "the end"
        return Diagnostic("depends '\(text)': \(what) at column \(i + 1), found \(found)")
    }

    private mutating func space() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

    private mutating func eat(_ s: String) -> Bool {
        space()
        let a = Array(s)
        guard i + a.count <= chars.count, Array(chars[i..<i + a.count]) == a else { return false }
        i += a.count
        return true
    }

    private mutating func or() throws(Diagnostic) -> DependsExpression {
        var l = try and()
        while eat("||") { l = .or(l, try and()) }
        return l
    }

    private mutating func and() throws(Diagnostic) -> DependsExpression {
        var l = try unary()
        while eat("&&") { l = .and(l, try unary()) }
        return l
    }

    private mutating func unary() throws(Diagnostic) -> DependsExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw error("expression nested too deeply") }
        if eat("!") { return .not(try unary()) }
        if eat("(") {
            let e = try or()
            guard eat(")") else { throw error("expected ')'") }
            return e
        }
        space()
        func isNameChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "-") }
        guard i < chars.count, isNameChar(chars[i]), chars[i] != "-" else { throw error("expected a task name") }
        var name = ""
        while i < chars.count, isNameChar(chars[i]) {
            name.append(chars[i])
            i += 1
        }
        guard i < chars.count, chars[i] == "." else { return .task(name) }
        i += 1
        var word = ""
        while i < chars.count, chars[i].isASCII && chars[i].isLetter {
            word.append(chars[i])
            i += 1
        }
        guard let result = DependsResult(rawValue: word) else {
            if word.isEmpty { throw error("expected a task result after '\(name).'") }
            let valid = DependsResult.allCases.map(\.rawValue).joined(separator: ", ")
            throw Diagnostic("depends '\(text)': task result '\(word)' for task '\(name)' is invalid (valid: \(valid))")
        }
        return .result(name, result)
    }
}
