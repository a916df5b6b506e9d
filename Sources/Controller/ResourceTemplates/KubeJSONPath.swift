import Templates
import ClusterAPI

/// kubectl's JSONPath output template (`kubectl get -o jsonpath=...`), as Argo's `valueFrom.jsonPath` uses it:
/// text with `{...}` expressions such as `{.metadata.name}`, `{.items[0].name}`, `{.spec.containers[*].image}`,
/// `{.metadata.labels['app\.kubernetes\.io/name']}`, `{.status.conditions[?(@.type=="Ready")].status}`.
/// Strings print as they are, other values as JSON; several results of one expression are joined by spaces.
/// Missing fields print nothing (kubectl's `--allow-missing-template-keys=true`). `range`/`end` are not supported.
public enum KubeJSONPath {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func evaluate(_ template: String, on object: JSONValue) throws(Failure) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Failure(message: "error parsing jsonpath \(template), unclosed action")
            }
            let expr = rest[rest.index(after: open)..<close].trimmingSpaces
            let values = try select(expr, in: object, template: template)
            out += values.map(FieldPath.string).joined(separator: " ")
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private enum Step { case field(String), index(Int), all, filter(String, String, JSONValue) }

    private static func select(_ expr: String, in object: JSONValue, template: String) throws(Failure) -> [JSONValue] {
        if expr.hasPrefix("\"") && expr.hasSuffix("\"") && expr.count >= 2 { return [.string(String(expr.dropFirst().dropLast()))] }
        var current = [object]
        for step in try steps(expr, template: template) {
            var next: [JSONValue] = []
            for value in current {
                switch (step, value) {
                case (.field(let k), .object(let o)): if let v = o[k] { next.append(v) }
                case (.index(let i), .array(let a)):
                    let j = i < 0 ? a.count + i : i
                    if a.indices.contains(j) { next.append(a[j]) }
                case (.all, .array(let a)): next += a
                case (.all, .object(let o)): next += o.values
                case (.filter(let path, let op, let literal), .array(let a)):
                    next += a.filter { item in
                        let found = FieldPath.lookup(path, in: item)
                        let equal = found.map { FieldPath.string($0) == FieldPath.string(literal) } ?? false
                        return op == "==" ? equal : (op == "!=" ? !equal && found != nil : found != nil)
                    }
                default: break
                }
            }
            current = next
        }
        return current
    }

    private static func steps(_ expr: String, template: String) throws(Failure) -> [Step] {
        var s = Substring(expr)
        if s.hasPrefix("$") { s = s.dropFirst() }
        var out: [Step] = []
        func bad() -> Failure { Failure(message: "error parsing jsonpath \(template): unrecognized expression \(expr)") }
        while !s.isEmpty {
            if s.hasPrefix(".") {
                s = s.dropFirst()
                var name = ""
                while let c = s.first, c != ".", c != "[" {
                    if c == "\\", s.count > 1 { s = s.dropFirst() }
                    name.append(s.first!)
                    s = s.dropFirst()
                }
                if name == "*" { out.append(.all) } else if !name.isEmpty { out.append(.field(name)) }
            } else if s.hasPrefix("[") {
                guard let close = s.firstIndex(of: "]") else { throw bad() }
                var inner = String(s[s.index(after: s.startIndex)..<close]).trimmingSpaces
                s = s[s.index(after: close)...]
                if inner == "*" { out.append(.all) }
                else if let i = Int(inner) { out.append(.index(i)) }
                else if (inner.hasPrefix("'") && inner.hasSuffix("'")) || (inner.hasPrefix("\"") && inner.hasSuffix("\"")), inner.count >= 2 {
                    inner = String(inner.dropFirst().dropLast())
                    out.append(.field(inner.replacingOccurrences(of: "\\.", with: ".")))
                } else if inner.hasPrefix("?(@."), inner.hasSuffix(")") {
                    out.append(try filter(String(inner.dropFirst(4).dropLast()), bad: bad()))
                } else {
                    throw bad()
                }
            } else {
                throw bad()
            }
        }
        return out
    }

    /// `type=="Ready"`, `status!='x'`, `ready==true`, `name` (exists).
    private static func filter(_ text: String, bad: Failure) throws(Failure) -> Step {
        for op in ["==", "!="] {
            guard let r = text.range(of: op) else { continue }
            let path = text[..<r.lowerBound].trimmingSpaces
            var literal = text[r.upperBound...].trimmingSpaces
            if (literal.hasPrefix("'") && literal.hasSuffix("'")) || (literal.hasPrefix("\"") && literal.hasSuffix("\"")), literal.count >= 2 {
                literal = String(literal.dropFirst().dropLast())
            }
            return .filter(path, op, .string(literal))
        }
        guard !text.isEmpty else { throw bad }
        return .filter(text.trimmingSpaces, "exists", .null)
    }
}
