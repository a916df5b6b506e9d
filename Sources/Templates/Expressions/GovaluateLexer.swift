/// Tokens of govaluate (github.com/Knetic/govaluate), the language of Argo's `when:` after `{{...}}` substitution.
struct GovaluateToken: Equatable {
    enum Kind: String {
        case numeric = "NUMERIC", boolean = "BOOLEAN", string = "STRING", variable = "VARIABLE"
        case accessor = "ACCESSOR", symbol = "SYMBOL", clause = "CLAUSE", clauseClose = "CLAUSE_CLOSE"
        case separator = "SEPARATOR"
    }
    var kind: Kind
    var text: String
    var number: Double = 0
    var offset: Int
}

struct GovaluateLexError: Error { var message: String }

enum GovaluateLexer {
    static let symbols: Set<String> = [
        "==", "!=", ">", ">=", "<", "<=", "=~", "!~", "&&", "||", "+", "-", "*", "/", "%", "**", "&", "|", "^",
        ">>", "<<", "!", "~", "?", ":", "??",
    ]

    static func tokens(_ source: String) throws(GovaluateLexError) -> [GovaluateToken] {
        let chars = Array(source)
        var i = 0
        var out: [GovaluateToken] = []
        func isSymbolChar(_ c: Character) -> Bool {
            !(c.isLetter || c.isNumber || c.isWhitespace || "()[]'\",".contains(c) || c == "_")
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                i += 1
                continue
            }
            if c.isLetter || c == "_" {
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." {
                    word.append(chars[i])
                    i += 1
                }
                switch word {
                case "true", "false": out.append(.init(kind: .boolean, text: word, offset: start))
                case "in", "IN": out.append(.init(kind: .symbol, text: "in", offset: start))
                default:
                    if let dot = word.firstIndex(of: ".") {
                        if word.hasSuffix(".") { throw .init(message: "Hanging accessor on token '\(word)'") }
                        for field in word[word.index(after: dot)...].split(separator: ".") {
                            if let f = field.first, f.uppercased() != String(f) {
                                throw .init(message: "Unable to access unexported field '\(field)' in token '\(word)'")
                            }
                        }
                        out.append(.init(kind: .accessor, text: word, offset: start))
                    } else {
                        out.append(.init(kind: .variable, text: word, offset: start))
                    }
                }
                continue
            }
            if c.isASCII && c.isNumber || c == "." {
                var text = ""
                if c == "0", i + 1 < chars.count, chars[i + 1] == "x" {
                    i += 2
                    while i < chars.count, chars[i].isHexDigit {
                        text.append(chars[i])
                        i += 1
                    }
                    guard let v = UInt64(text, radix: 16) else {
                        throw .init(message: "Unable to parse hex value '0x\(text)' to uint64")
                    }
                    out.append(.init(kind: .numeric, text: "0x" + text, number: Double(v), offset: start))
                    continue
                }
                while i < chars.count, chars[i].isASCII && chars[i].isNumber || chars[i] == "." {
                    text.append(chars[i])
                    i += 1
                }
                guard let v = Double(text), text.filter({ $0 == "." }).count <= 1, text != "." else {
                    throw .init(message: "Unable to parse numeric value '\(text)' to float64")
                }
                out.append(.init(kind: .numeric, text: text, number: v, offset: start))
                continue
            }
            if c == "'" || c == "\"" {
                i += 1
                var s = ""
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count {
                        s.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if chars[i] == c {
                        closed = true
                        i += 1
                        break
                    }
                    s.append(chars[i])
                    i += 1
                }
                guard closed else { throw .init(message: "Unclosed string literal") }
                out.append(.init(kind: .string, text: s, offset: start))
                continue
            }
            if c == "[" {
                i += 1
                var s = ""
                while i < chars.count, chars[i] != "]" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    s.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw .init(message: "Unclosed parameter bracket") }
                i += 1
                out.append(.init(kind: .variable, text: s, offset: start))
                continue
            }
            if c == "(" || c == ")" || c == "," {
                i += 1
                let kind: GovaluateToken.Kind = c == "(" ? .clause : c == ")" ? .clauseClose : .separator
                out.append(.init(kind: kind, text: String(c), offset: start))
                continue
            }
            var run = ""
            while i < chars.count, isSymbolChar(chars[i]) {
                run.append(chars[i])
                i += 1
            }
            guard symbols.contains(run) else { throw .init(message: "Invalid token: '\(run)'") }
            out.append(.init(kind: .symbol, text: run, offset: start))
        }
        return out
    }
}
