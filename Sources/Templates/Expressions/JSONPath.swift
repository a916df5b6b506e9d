/// A small JSONPath evaluator for Argo's `jsonpath(json, path)` expression function (Argo uses
/// github.com/evilmonkeyinc/jsonpath). Supports `$`, `.key`, `['key']`, `[n]` (negative counts from the end),
/// `[n,m]`, `[a:b]`, `[*]`, `.*`, `..key` and filters `[?(@.age > 42 && @.name == "Mo")]`.
/// A path that only names keys and indexes gives one value; a wildcard, slice, union or filter gives an array.
enum JSONPath {
    static func query(_ path: String, in document: JSONValue) throws(ExprFailure) -> JSONValue {
        var scanner = Scanner(Array(path))
        guard scanner.eat("$") else { throw ExprFailure("jsonpath '\(path)': must start with '$'") }
        var current: [JSONValue] = [document]
        var multi = false
        while !scanner.atEnd {
            if scanner.eat("..") {
                let key = scanner.eat("*") ? "*" : scanner.name()
                current = current.flatMap { descendants($0) }.flatMap { children($0, key) }
                multi = true
            } else if scanner.eat(".") {
                if scanner.eat("*") {
                    current = current.flatMap { children($0, "*") }
                    multi = true
                } else {
                    let key = scanner.name()
                    guard !key.isEmpty else { throw ExprFailure("jsonpath '\(path)': expected a key after '.'") }
                    current = try select(current, key: key, multi: multi, path: path)
                }
            } else if scanner.eat("[") {
                let body = try scanner.bracketBody(path)
                try apply(body, to: &current, multi: &multi, path: path)
            } else {
                throw ExprFailure("jsonpath '\(path)': unexpected character at \(scanner.i + 1)")
            }
        }
        if multi { return .array(current) }
        return current.first ?? .null
    }

    private static func select(_ values: [JSONValue], key: String, multi: Bool, path: String) throws(ExprFailure)
        -> [JSONValue]
    {
        if multi { return values.compactMap { $0[key] } }
        guard let v = values.first?[key] else { throw ExprFailure("jsonpath '\(path)': key '\(key)' not found") }
        return [v]
    }

    private static func children(_ v: JSONValue, _ key: String) -> [JSONValue] {
        switch v {
        case .object(let o): return key == "*" ? Array(o.values) : (o[key].map { [$0] } ?? [])
        case .array(let a): return key == "*" ? a : []
        default: return []
        }
    }

    private static func descendants(_ v: JSONValue) -> [JSONValue] {
        var out = [v]
        switch v {
        case .object(let o): for x in o.values { out += descendants(x) }
        case .array(let a): for x in a { out += descendants(x) }
        default: break
        }
        return out
    }

    private static func apply(_ body: String, to current: inout [JSONValue], multi: inout Bool, path: String)
        throws(ExprFailure)
    {
        let t = body.trimmingSpaces
        if t == "*" {
            current = current.flatMap { children($0, "*") }
            multi = true
        } else if t.hasPrefix("?(") && t.hasSuffix(")") {
            let filter = try JSONPathFilter.parse(String(t.dropFirst(2).dropLast()), path: path)
            current = current.flatMap { v -> [JSONValue] in
                switch v {
                case .array(let a): return a
                case .object(let o): return Array(o.values)
                default: return []
                }
            }.filter { filter.matches($0) }
            multi = true
        } else if let quote = t.first, quote == "'" || quote == "\"", t.count >= 2, t.last == quote {
            current = try select(current, key: String(t.dropFirst().dropLast()), multi: multi, path: path)
        } else if t.contains(":") {
            let parts = t.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            var out: [JSONValue] = []
            for v in current {
                guard case .array(let a) = v else { continue }
                let from = Int(parts[0]) ?? 0, to = parts.count > 1 ? Int(parts[1]) ?? a.count : a.count
                let lo = max(0, min(a.count, from < 0 ? from + a.count : from))
                let hi = max(0, min(a.count, to < 0 ? to + a.count : to))
                if lo < hi { out += a[lo..<hi] }
            }
            current = out
            multi = true
        } else {
            let indexes = t.split(separator: ",").map { $0.trimmingSpaces }
            let union = indexes.count > 1
            var out: [JSONValue] = []
            for v in current {
                for raw in indexes {
                    guard let n = Int(raw) else { throw ExprFailure("jsonpath '\(path)': invalid index '\(raw)'") }
                    guard case .array(let a) = v else {
                        if multi || union { continue }
                        throw ExprFailure("jsonpath '\(path)': index [\(n)] on a non-array")
                    }
                    let i = n < 0 ? n + a.count : n
                    if a.indices.contains(i) {
                        out.append(a[i])
                    } else if !multi && !union {
                        throw ExprFailure("jsonpath '\(path)': index [\(n)] out of range")
                    }
                }
            }
            current = out
            if union { multi = true }
        }
    }

    fileprivate struct Scanner {
        let chars: [Character]
        var i = 0
        init(_ chars: [Character]) { self.chars = chars }
        var atEnd: Bool { i >= chars.count }

        mutating func eat(_ s: String) -> Bool {
            let a = Array(s)
            guard i + a.count <= chars.count, Array(chars[i..<i + a.count]) == a else { return false }
            i += a.count
            return true
        }

        mutating func name() -> String {
            var s = ""
            while i < chars.count, chars[i] != ".", chars[i] != "[" {
                s.append(chars[i])
                i += 1
            }
            return s
        }

        /// The text up to the matching `]`, skipping brackets and `]` inside quotes and parentheses.
        mutating func bracketBody(_ path: String) throws(ExprFailure) -> String {
            var s = ""
            var depth = 0
            var quote: Character?
            while i < chars.count {
                let c = chars[i]
                i += 1
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if c == "(" || c == "[" {
                    depth += 1
                } else if c == ")" || c == "]" {
                    if c == "]" && depth == 0 { return s }
                    depth -= 1
                }
                s.append(c)
            }
            throw ExprFailure("jsonpath '\(path)': missing ']'")
        }
    }
}
