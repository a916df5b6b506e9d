/// `{{...}}` substitution as Argo's `util/template` does it.
///
/// The scope is flat and keyed by full names: `inputs.parameters.message`, `steps.flip.outputs.result`,
/// `tasks.A.outputs.parameters.x`, `item`, `item.key`, `workflow.name`, `pod.name`, `retries`, ...
/// - Simple tags `{{ name }}` (spaces trimmed) are replaced by the scope's value. An unknown name is an error
///   (`failed to resolve {{name}}`) unless `allowUnresolved`, in which case the tag stays as written.
/// - Expression tags `{{=expr}}` are evaluated as expr-lang over the scope expanded into nested maps (so both
///   `inputs.parameters.x` and `inputs.parameters['x']` work; values stay strings until converted with
///   `asInt`, `fromJson`, `jsonpath`, ...). Strings are inserted as they are, other results as JSON. An
///   expression that fails, yields nil, or reads a variable the scope lacks stays as written when
///   `allowUnresolved`, and is an error (`failed to evaluate expression: ...`) otherwise.
public enum Substitution {
    /// Substitutes every tag in `text`.
    public static func replace(_ text: String, scope: [String: String], allowUnresolved: Bool) throws(Diagnostic)
        -> String
    {
        var context = Context(scope: scope)
        return try context.replace(text, allowUnresolved: allowUnresolved)
    }

    /// Substitutes inside every string (values and keys) of a JSON tree, as Argo does on a whole template. One
    /// scope expansion serves all strings.
    public static func replace(in value: JSONValue, scope: [String: String], allowUnresolved: Bool)
        throws(Diagnostic) -> JSONValue
    {
        var context = Context(scope: scope)
        return try context.replace(value, allowUnresolved: allowUnresolved, depth: 0)
    }

    /// The tags in `text`, in order (for lint: which names a field references). Unterminated `{{` is an error.
    public static func tags(in text: String) throws(Diagnostic) -> [TemplateTag] {
        try TemplateSegment.split(text).compactMap { seg -> TemplateTag? in
            if case .tag(let raw) = seg { return TemplateTag(raw: raw) }
            return nil
        }
    }

    /// The expression environment Argo builds from a flat scope: dotted keys become nested maps, and a key that
    /// is also the parent of another key (`a` beside `a.b`) is dropped in favour of the more specific one.
    public static func environment(from scope: [String: String]) -> JSONObject {
        var parents: Set<Substring> = []
        for key in scope.keys {
            var k = Substring(key)
            while let dot = k.lastIndex(of: ".") {
                k = k[..<dot]
                parents.insert(k)
            }
        }
        var root = JSONObject()
        for key in scope.keys.sorted() where !parents.contains(Substring(key)) {
            guard let value = scope[key] else { continue }
            insert(&root, path: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...],
                   value: .string(value))
        }
        return root
    }

    private static func insert(_ object: inout JSONObject, path: ArraySlice<String>, value: JSONValue) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if object[first]?.objectValue == nil { object[first] = value }
            return
        }
        var child = object[first]?.objectValue ?? JSONObject()
        insert(&child, path: path.dropFirst(), value: value)
        object[first] = .object(child)
    }

    /// The variables whose absence always leaves an expression unresolved (Argo resolves them late: retries,
    /// the last retry's outcome, and the workflow's status and failures in exit handlers).
    static let lateVariables = [
        "retries", "lastRetry.exitCode", "lastRetry.status", "lastRetry.duration", "lastRetry.message",
        "workflow.status", "workflow.failures",
    ]

    struct Context {
        let scope: [String: String]
        private var environment: JSONObject?

        init(scope: [String: String]) { self.scope = scope }

        mutating func replace(_ value: JSONValue, allowUnresolved: Bool, depth: Int) throws(Diagnostic) -> JSONValue {
            guard depth < 512 else { throw Diagnostic("JSON nested too deeply to substitute") }
            switch value {
            case .string(let s): return .string(try replace(s, allowUnresolved: allowUnresolved))
            case .array(let a):
                var out: [JSONValue] = []
                for x in a { out.append(try replace(x, allowUnresolved: allowUnresolved, depth: depth + 1)) }
                return .array(out)
            case .object(let o):
                var out = JSONObject()
                for (k, v) in o {
                    let key = k.contains("{{") ? try replace(k, allowUnresolved: allowUnresolved) : k
                    out[key] = try replace(v, allowUnresolved: allowUnresolved, depth: depth + 1)
                }
                return .object(out)
            default: return value
            }
        }

        mutating func replace(_ text: String, allowUnresolved: Bool) throws(Diagnostic) -> String {
            guard text.contains("{{") else { return text }
            var out = ""
            for segment in try TemplateSegment.split(text) {
                switch segment {
                case .text(let t): out += t
                case .tag(let raw):
                    if raw.hasPrefix("=") {
                        out += try expression(String(raw.dropFirst()), allowUnresolved: allowUnresolved)
                    } else {
                        out += try simple(raw, allowUnresolved: allowUnresolved)
                    }
                }
            }
            return out
        }

        private func simple(_ tag: String, allowUnresolved: Bool) throws(Diagnostic) -> String {
            if let value = scope[tag.trimmingSpaces] { return value }
            // `{{a {{b}}`: fasttemplate saw the tag `a {{b`; resolve the inner one and keep the outer open.
            if let inner = tag.ranges(of: "{{").last, inner.lowerBound > tag.startIndex,
                let value = scope[String(tag[inner.upperBound...])]
            {
                return "{{" + tag[..<inner.lowerBound] + value
            }
            if allowUnresolved { return "{{" + tag + "}}" }
            throw Diagnostic("failed to resolve {{\(tag)}}")
        }

        private mutating func expression(_ source: String, allowUnresolved: Bool) throws(Diagnostic) -> String {
            let unresolved = "{{=" + source + "}}"
            let program: ExprProgram
            do throws(Diagnostic) {
                program = try ExprProgram.parse(source)
            } catch {
                if allowUnresolved { return unresolved }
                throw Diagnostic("failed to evaluate expression: \(error.message)")
            }
            if allowUnresolved {
                let paths = program.variablePaths
                for late in lateVariables where paths.contains(where: { $0 == late || $0.hasPrefix(late + ".") }) {
                    if !hasVariable(late) { return unresolved }
                }
            }
            if environment == nil { environment = Substitution.environment(from: scope) }
            let result: JSONValue
            do throws(Diagnostic) {
                result = try program.evaluate(environment ?? [:])
            } catch {
                if allowUnresolved { return unresolved }
                throw Diagnostic("failed to evaluate expression: \(error.message)")
            }
            if result.isNull {
                if allowUnresolved { return unresolved }
                throw Diagnostic("failed to evaluate expression \"\(source)\": the result is nil")
            }
            if case .string(let s) = result { return s }
            guard let json = GoText.json(result) else {
                if allowUnresolved { return unresolved }
                throw Diagnostic("failed to marshal evaluated expression \"\(source)\": \(GoText.v(result))")
            }
            return json
        }

        private func hasVariable(_ name: String) -> Bool {
            scope[name] != nil || scope.keys.contains { $0.hasPrefix(name + ".") }
        }
    }
}
