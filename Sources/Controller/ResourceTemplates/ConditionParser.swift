import ClusterAPI
/// The lexer and parser of Kubernetes label selectors (`k8s.io/apimachinery/pkg/labels`), extended as Kubernetes
/// itself is with `>` and `<` (integer comparison): what Argo uses for resource conditions.
struct ConditionParser {
    enum Token: Equatable {
        case identifier(String)
        case op(String)          // = == != > < !
        case keyword(String)     // in notin
        case open, close, comma, end
    }

    private var tokens: [Token] = []
    private var position = 0
    private let text: String

    init(_ text: String) {
        self.text = text
    }

    mutating func parse() throws(ResourceConditionError) -> [ResourceCondition.Requirement] {
        tokens = lex(text)
        var out: [ResourceCondition.Requirement] = []
        while true {
            if case .end = peek(), out.isEmpty { return out }
            out.append(try requirement())
            switch next() {
            case .end: return out
            case .comma: continue
            case let t: throw fail("found '\(Self.describe(t))', expected: ',' or 'end of string'")
            }
        }
    }

    private mutating func requirement() throws(ResourceConditionError) -> ResourceCondition.Requirement {
        if case .op("!") = peek() {
            _ = next()
            return .init(key: try key(), op: .doesNotExist, values: [])
        }
        let k = try key()
        switch peek() {
        case .end, .comma: return .init(key: k, op: .exists, values: [])
        default: break
        }
        switch next() {
        case .op(let o) where ["=", "==", "!="].contains(o):
            let value = try single()
            let op: ResourceCondition.Operator = o == "=" ? .equals : (o == "==" ? .doubleEquals : .notEquals)
            return .init(key: k, op: op, values: [value])
        case .op(let o) where o == ">" || o == "<":
            let value = try single()
            guard Int64(value) != nil else {
                throw fail("for 'Gt', 'Lt' operators, the value must be an integer, found '\(value)'")
            }
            return .init(key: k, op: o == ">" ? .greaterThan : .lessThan, values: [value])
        case .keyword(let w):
            guard case .open = next() else { throw fail("found '\(w)', expected: '(' after '\(w)'") }
            var values: [String] = []
            while true {
                switch next() {
                case .identifier(let v): values.append(try validated(v))
                case .comma: continue
                case .close: return .init(key: k, op: w == "in" ? .isIn : .notIn, values: values.isEmpty ? [""] : values)
                case let t: throw fail("found '\(Self.describe(t))', expected: ',', ')' or identifier")
                }
            }
        case let t:
            throw fail("found '\(Self.describe(t))', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    private mutating func key() throws(ResourceConditionError) -> String {
        guard case .identifier(let k) = next() else { throw fail("expected a field path (like status.phase)") }
        return k
    }

    /// A single value after `=`, `==`, `!=`, `>` or `<`; an absent value is the empty string.
    private mutating func single() throws(ResourceConditionError) -> String {
        switch peek() {
        case .identifier(let v): _ = next(); return try validated(v)
        case .end, .comma: return ""
        case let t: throw fail("found '\(Self.describe(t))', expected: identifier")
        }
    }

    /// Label values: at most 63 characters, alphanumeric at both ends, `-_.` inside.
    private func validated(_ value: String) throws(ResourceConditionError) -> String {
        let chars = Array(value)
        let ok = chars.count <= 63 && chars.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            && (chars.isEmpty || ((chars.first!.isLetter || chars.first!.isNumber) && (chars.last!.isLetter || chars.last!.isNumber)))
        guard ok || Int64(value) != nil else {
            throw fail("invalid value '\(value)': a valid label value must be 63 characters or less, and begin and end with an alphanumeric character, with '-', '_' or '.' between")
        }
        return value
    }

    private func fail(_ reason: String) -> ResourceConditionError {
        ResourceConditionError(message: "unable to parse requirement: \(reason)")
    }

    private mutating func next() -> Token {
        defer { position += 1 }
        return position < tokens.count ? tokens[position] : .end
    }
    private func peek() -> Token { position < tokens.count ? tokens[position] : .end }

    private static func describe(_ t: Token) -> String {
        switch t {
        case .identifier(let s), .op(let s), .keyword(let s): return s
        case .open: return "("
        case .close: return ")"
        case .comma: return ","
        case .end: return "end of string"
        }
    }

    private func lex(_ text: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": out.append(.open); i += 1; continue
            case ")": out.append(.close); i += 1; continue
            case ",": out.append(.comma); i += 1; continue
            case "=", "!", ">", "<":
                if i + 1 < chars.count, chars[i + 1] == "=", c == "=" || c == "!" {
                    out.append(.op(String([c, "="]))); i += 2
                } else {
                    out.append(.op(String(c))); i += 1
                }
                continue
            default: break
            }
            var word = ""
            while i < chars.count, !chars[i].isWhitespace, !"(),=!><".contains(chars[i]) { word.append(chars[i]); i += 1 }
            out.append(word == "in" || word == "notin" ? .keyword(word) : .identifier(word))
        }
        return out
    }
}
