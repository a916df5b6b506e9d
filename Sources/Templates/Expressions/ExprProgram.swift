/// A parsed expr-lang expression (github.com/expr-lang/expr), the language of Argo's `{{=...}}` tags and of
/// `expression:` fields (hooks, retry strategies, `valueFrom.expression`). Evaluates over `JSONValue`s with
/// expr-lang's type rules (int and float arithmetic, `/` always float, string `+`, comparison errors on mixed
/// types) and the functions Argo adds: `asInt`, `asFloat`, `jsonpath`, `toJson` and the `sprig.*` library.
///
///     let program = try ExprProgram.parse("asInt(inputs.parameters.n) * 10")
///     let value = try program.evaluate(["inputs": ["parameters": ["n": "3"]]])  // .int(30)
public struct ExprProgram: Sendable, Equatable {
    public let source: String
    let root: ExprNode

    /// Parses `source`; a syntax error is a `Diagnostic` naming the expression and the column.
    public static func parse(_ source: String) throws(Diagnostic) -> ExprProgram {
        ExprProgram(source: source, root: try ExprParser.parse(source))
    }

    /// Only checks the syntax: nil when `source` parses.
    public static func validate(_ source: String) -> Diagnostic? {
        do throws(Diagnostic) {
            _ = try parse(source)
            return nil
        } catch { return error }
    }

    /// Evaluates with `environment` as the top-level variables. Errors name the expression and the problem.
    public func evaluate(_ environment: JSONObject) throws(Diagnostic) -> JSONValue {
        var evaluator = ExprEvaluator(environment: environment)
        do throws(ExprFailure) {
            return try evaluator.eval(root)
        } catch {
            throw Diagnostic("expression '\(source)': \(error.message)")
        }
    }

    /// The top-level variable names the expression reads (`inputs`, `workflow`, `item`, ...), not counting
    /// functions called by name (`asInt`, `sprig`, ...).
    public var variables: Set<String> {
        var out: Set<String> = []
        Self.collect(root, into: &out)
        return out
    }

    /// Dotted paths the expression reads, as far as they are written with `.name` or `['name']` (for
    /// `inputs.parameters['x'].y` this is `inputs.parameters.x.y`). Used to check references against a scope.
    public var variablePaths: Set<String> {
        var out: Set<String> = []
        Self.collectPaths(root, into: &out)
        return out
    }

    private static func collect(_ node: ExprNode, into out: inout Set<String>) {
        switch node {
        case .identifier(let name): out.insert(name)
        case .literal, .pointer: break
        case .member(let b, let k, _):
            collect(b, into: &out)
            collect(k, into: &out)
        case .slice(let b, let f, let t):
            collect(b, into: &out)
            if let f { collect(f, into: &out) }
            if let t { collect(t, into: &out) }
        case .call(let callee, let args):
            switch callee {
            case .identifier: break
            case .member(.identifier("sprig"), _, _): break
            default: collect(callee, into: &out)
            }
            for a in args { collect(a, into: &out) }
        case .unary(_, let x), .closure(let x): collect(x, into: &out)
        case .binary(_, let a, let b):
            collect(a, into: &out)
            collect(b, into: &out)
        case .conditional(let a, let b, let c):
            collect(a, into: &out)
            collect(b, into: &out)
            collect(c, into: &out)
        case .array(let items): for i in items { collect(i, into: &out) }
        case .map(let pairs):
            for p in pairs {
                collect(p.key, into: &out)
                collect(p.value, into: &out)
            }
        }
    }

    private static func path(_ node: ExprNode) -> String? {
        switch node {
        case .identifier(let n): return n
        case .member(let base, .literal(.string(let k)), _): return path(base).map { $0 + "." + k }
        default: return nil
        }
    }

    private static func collectPaths(_ node: ExprNode, into out: inout Set<String>) {
        if case .member = node, let p = path(node) {
            out.insert(p)
            return
        }
        switch node {
        case .identifier(let n): out.insert(n)
        case .literal, .pointer: break
        case .member(let b, let k, _):
            collectPaths(b, into: &out)
            collectPaths(k, into: &out)
        case .slice(let b, let f, let t):
            collectPaths(b, into: &out)
            if let f { collectPaths(f, into: &out) }
            if let t { collectPaths(t, into: &out) }
        case .call(let callee, let args):
            switch callee {
            case .identifier: break
            case .member(.identifier("sprig"), _, _): break
            default: collectPaths(callee, into: &out)
            }
            for a in args { collectPaths(a, into: &out) }
        case .unary(_, let x), .closure(let x): collectPaths(x, into: &out)
        case .binary(_, let a, let b):
            collectPaths(a, into: &out)
            collectPaths(b, into: &out)
        case .conditional(let a, let b, let c):
            collectPaths(a, into: &out)
            collectPaths(b, into: &out)
            collectPaths(c, into: &out)
        case .array(let items): for i in items { collectPaths(i, into: &out) }
        case .map(let pairs):
            for p in pairs {
                collectPaths(p.key, into: &out)
                collectPaths(p.value, into: &out)
            }
        }
    }
}

/// An evaluation error inside the expr evaluator, wrapped into a `Diagnostic` by `ExprProgram.evaluate`.
struct ExprFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
