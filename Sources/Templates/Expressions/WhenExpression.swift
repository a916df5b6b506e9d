/// A step's or task's `when:` as Argo evaluates it (`shouldExecute` in workflow/controller/steps.go): after
/// `{{...}}` substitution the text is a govaluate expression in which bare words are strings, so
/// `heads == heads` is true and `{{item.evenness}} == even` needs no quotes. Numbers are float64; `==` between a
/// number and a string is simply false, while ordering them (`3 < abc`) is an error.
public enum WhenExpression {
    /// Evaluates an already substituted `when`. An empty text is true.
    public static func evaluate(_ text: String) throws(Diagnostic) -> Bool {
        if text.isEmpty { return true }
        let node = try parse(text)
        let value: GovaluateValue
        do throws(GovaluateEvalError) {
            value = try node.evaluate()
        } catch {
            throw Diagnostic("Failed to evaluate 'when' expresion '\(text)': \(error.message)")
        }
        guard case .bool(let b) = value else {
            throw Diagnostic("Expected boolean evaluation for '\(text)'. Got \(value.goText)")
        }
        return b
    }

    /// Only checks the syntax: nil when `text` parses (tags still in it are read as the strings they will be).
    public static func validate(_ text: String) -> Diagnostic? {
        if text.isEmpty { return nil }
        do throws(Diagnostic) {
            _ = try parse(text)
            return nil
        } catch { return error }
    }

    static func parse(_ text: String) throws(Diagnostic) -> GovaluateNode {
        do throws(GovaluateLexError) {
            let tokens = try GovaluateLexer.tokens(text)
            return try GovaluateParser.parse(tokens)
        } catch {
            if error.message.contains("Invalid token") {
                throw Diagnostic(
                    "Invalid 'when' expression '\(text)': \(error.message) (hint: try wrapping the affected expression in quotes (\"))"
                )
            }
            throw Diagnostic("Invalid 'when' expression '\(text)': \(error.message)")
        }
    }
}

/// govaluate's values: float64, string, bool, arrays (from `(a, b)`) and nil (from an untaken `?`).
enum GovaluateValue: Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([GovaluateValue])
    case null

    /// `%v` of the Go value.
    var goText: String {
        switch self {
        case .number(let d): return GoText.formatG(d)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return "[" + a.map(\.goText).joined(separator: " ") + "]"
        case .null: return "<nil>"
        }
    }
}

struct GovaluateEvalError: Error { var message: String }

indirect enum GovaluateNode {
    case value(GovaluateValue)
    case accessor(String)
    case prefix(String, GovaluateNode)
    case binary(String, GovaluateNode, GovaluateNode)
    case list([GovaluateNode])

    func evaluate(depth: Int = 0) throws(GovaluateEvalError) -> GovaluateValue {
        guard depth < 300 else { throw .init(message: "expression nested too deeply") }
        switch self {
        case .value(let v): return v
        case .accessor(let name):
            throw .init(message: "Unable to access parameter field or method '\(name)': no parameters are given")
        case .list(let items):
            var out: [GovaluateValue] = []
            for i in items { out.append(try i.evaluate(depth: depth + 1)) }
            return .array(out)
        case .prefix(let op, let operand):
            let v = try operand.evaluate(depth: depth + 1)
            switch (op, v) {
            case ("!", .bool(let b)): return .bool(!b)
            case ("-", .number(let d)): return .number(-d)
            case ("~", .number(let d)): return .number(Double(~Int64(saturating: d)))
            default: throw .init(message: "Value '\(v.goText)' cannot be used with the prefix '\(op)'")
            }
        case .binary(let op, let l, let r):
            let left = try l.evaluate(depth: depth + 1)
            // Short circuits, as govaluate does before evaluating the right side.
            switch (op, left) {
            case ("&&", .bool(false)): return .bool(false)
            case ("||", .bool(true)): return .bool(true)
            case ("?", .bool(false)): return .null
            case (":", _) where left != .null: return left
            case ("??", _) where left != .null: return left
            default: break
            }
            let right = try r.evaluate(depth: depth + 1)
            return try GovaluateOps.apply(op, left, right)
        }
    }
}
