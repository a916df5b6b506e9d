import Templates
import ClusterAPI

/// A Resource template's `successCondition` / `failureCondition`: Argo parses it as a Kubernetes label selector
/// (`labels.Parse`) whose keys are gjson paths into the object (`status.succeeded > 2`,
/// `status.phase in (Failed, Error)`, `metadata.name == x`, `!status.failed`) and evaluates each requirement on
/// the object's fields. Requirements are comma-separated and kept sorted by key, as `labels.Parse` leaves them.
public struct ResourceCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!=", isIn = " in ", notIn = " notin "
        case greaterThan = ">", lessThan = "<", exists = "", doesNotExist = "!"
    }

    public struct Requirement: Sendable, Equatable, CustomStringConvertible {
        public var key: String
        public var op: Operator
        public var values: [String]

        /// Kubernetes' `Requirement.String()`: `key>2`, `key==v`, `key in (a,b)` (values sorted), `!key`.
        public var description: String {
            switch op {
            case .exists: return key
            case .doesNotExist: return "!" + key
            case .isIn, .notIn: return key + op.rawValue + "(" + values.sorted().joined(separator: ",") + ")"
            default: return key + op.rawValue + (values.first ?? "")
            }
        }

        /// `labels.Requirement.Matches` over the object's fields (gjson `Exists` / `String`).
        public func matches(_ object: JSONValue) -> Bool {
            let field = FieldPath.lookup(key, in: object)
            switch op {
            case .equals, .doubleEquals, .isIn:
                guard let field else { return false }
                return values.contains(FieldPath.string(field))
            case .notEquals, .notIn:
                guard let field else { return true }
                return !values.contains(FieldPath.string(field))
            case .exists: return field != nil
            case .doesNotExist: return field == nil
            case .greaterThan, .lessThan:
                guard let field, let bound = values.first.flatMap({ Int64($0) }),
                      let actual = Int64(FieldPath.string(field)) else { return false }
                return op == .greaterThan ? actual > bound : actual < bound
            }
        }
    }

    public var requirements: [Requirement]
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// Parses the selector text; the error says what is wrong and where.
    public init(_ text: String) throws(ResourceConditionError) {
        var parser = ConditionParser(text)
        requirements = try parser.parse().sorted { $0.key < $1.key }
    }
}

/// Why a condition does not parse (the text follows Kubernetes' selector errors in spirit).
public struct ResourceConditionError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// gjson-style field access: `a.b.0.c` (dots separate, `\.` escapes a dot, a number indexes an array, `#` is an
/// array's length), and gjson's `String()` of the value found.
enum FieldPath {
    static func lookup(_ path: String, in object: JSONValue) -> JSONValue? {
        var current = object
        for component in components(path) {
            switch current {
            case .object(let o):
                guard let next = o[component] else { return nil }
                current = next
            case .array(let a):
                if component == "#" { current = .int(Int64(a.count)); continue }
                guard let i = Int(component), a.indices.contains(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    static func components(_ path: String) -> [String] {
        var out: [String] = []
        var current = ""
        var escaped = false
        for ch in path {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == "." { out.append(current); current = "" }
            else { current.append(ch) }
        }
        out.append(current)
        return out
    }

    /// Strings as they are, numbers in their shortest form, `true`/`false`, `null` as "", objects and arrays as JSON.
    static func string(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        default: return value.compactJSON
        }
    }
}
