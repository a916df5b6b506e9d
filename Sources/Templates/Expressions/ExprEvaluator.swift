/// Tree-walking evaluation of `ExprNode`s over `JSONValue`s.
struct ExprEvaluator {
    let environment: JSONObject
    /// Values bound to `#` (innermost last), with their index for `#index`, and `#acc` for `reduce`.
    var pointers: [(value: JSONValue, index: Int, acc: JSONValue?)] = []
    private var depth = 0
    private var steps = 0
    private static let maxDepth = 200
    private static let maxSteps = 1_000_000

    init(environment: JSONObject) { self.environment = environment }

    mutating func eval(_ node: ExprNode) throws(ExprFailure) -> JSONValue {
        depth += 1
        steps += 1
        defer { depth -= 1 }
        guard depth < Self.maxDepth else { throw ExprFailure("expression nested too deeply") }
        guard steps < Self.maxSteps else { throw ExprFailure("expression takes too many steps") }
        switch node {
        case .literal(let v): return v
        case .identifier(let name):
            guard let v = environment[name] else { throw ExprFailure("unknown name \(name)") }
            return v
        case .pointer(let name):
            guard let top = pointers.last else { throw ExprFailure("'#' used outside of a predicate") }
            switch name {
            case "": return top.value
            case "index": return .int(Int64(top.index))
            case "acc": return top.acc ?? .null
            default: throw ExprFailure("unknown pointer #\(name)")
            }
        case .member(let baseNode, let keyNode, let optional):
            let base = try eval(baseNode)
            if optional && base.isNull { return .null }
            return try ExprOps.fetch(base, try eval(keyNode))
        case .slice(let baseNode, let fromNode, let toNode):
            let base = try eval(baseNode)
            let from = try fromNode.map { n throws(ExprFailure) in try eval(n) }
            let to = try toNode.map { n throws(ExprFailure) in try eval(n) }
            return try ExprOps.slice(base, from: from, to: to)
        case .call(let callee, let args):
            return try call(callee, args)
        case .unary(let op, let operand):
            return try ExprOps.unary(op, try eval(operand))
        case .binary(let op, let l, let r):
            switch op {
            case "&&", "and", "||", "or":
                let isAnd = op == "&&" || op == "and"
                let left = try eval(l)
                guard case .bool(let lb) = left else {
                    throw ExprFailure("invalid operation: \(op) on \(ExprOps.typeName(left)) (want bool)")
                }
                if lb != isAnd { return .bool(lb) }
                let right = try eval(r)
                guard case .bool(let rb) = right else {
                    throw ExprFailure("invalid operation: \(op) on \(ExprOps.typeName(right)) (want bool)")
                }
                return .bool(rb)
            case "??":
                // A missing link in the chain on the left (`tasks.skipped.outputs.parameters.x`) is nil too.
                var left = JSONValue.null
                do throws(ExprFailure) { left = try eval(l) } catch {
                    guard error.message.hasPrefix("cannot fetch") else { throw error }
                }
                return left.isNull ? try eval(r) : left
            default:
                return try ExprOps.binary(op, try eval(l), try eval(r))
            }
        case .conditional(let c, let yes, let no):
            let cond = try eval(c)
            guard case .bool(let b) = cond else {
                throw ExprFailure("non-bool expression (type \(ExprOps.typeName(cond))) used as condition")
            }
            return b ? try eval(yes) : try eval(no)
        case .array(let items):
            var out: [JSONValue] = []
            for i in items { out.append(try eval(i)) }
            return .array(out)
        case .map(let pairs):
            var out = JSONObject()
            for p in pairs {
                let k = try eval(p.key)
                guard case .string(let key) = k else { throw ExprFailure("map keys must be strings") }
                out[key] = try eval(p.value)
            }
            return .object(out)
        case .closure:
            throw ExprFailure("a predicate {...} can only be an argument of filter, map, all, any, ...")
        }
    }

    private mutating func call(_ callee: ExprNode, _ args: [ExprNode]) throws(ExprFailure) -> JSONValue {
        switch callee {
        case .identifier(let name):
            if exprPredicateBuiltins.contains(name) { return try predicateCall(name, args) }
            return try ExprBuiltins.call(name, try values(args))
        case .member(.identifier("sprig"), .literal(.string(let name)), _) where environment["sprig"] == nil:
            return try Sprig.call(name, try values(args))
        case .member(_, .literal(.string(let name)), _):
            throw ExprFailure("method \(name)() is not supported")
        default:
            throw ExprFailure("value is not a function")
        }
    }

    private mutating func values(_ args: [ExprNode]) throws(ExprFailure) -> [JSONValue] {
        var out: [JSONValue] = []
        for a in args { out.append(try eval(a)) }
        return out
    }

    private mutating func each(_ body: ExprNode, _ value: JSONValue, _ index: Int, acc: JSONValue? = nil)
        throws(ExprFailure) -> JSONValue
    {
        pointers.append((value, index, acc))
        defer { pointers.removeLast() }
        if case .closure(let inner) = body { return try eval(inner) }
        return try eval(body)
    }

    private mutating func predicate(_ body: ExprNode, _ value: JSONValue, _ index: Int) throws(ExprFailure) -> Bool {
        let r = try each(body, value, index)
        guard case .bool(let b) = r else {
            throw ExprFailure("predicate should return boolean (got \(ExprOps.typeName(r)))")
        }
        return b
    }

    private mutating func predicateCall(_ name: String, _ args: [ExprNode]) throws(ExprFailure) -> JSONValue {
        guard let first = args.first else { throw ExprFailure("not enough arguments to call \(name)") }
        let collection = try eval(first)
        let items: [JSONValue]
        switch collection {
        case .array(let a): items = a
        case .object(let o): items = Array(o.values)
        case .null: items = []
        default: throw ExprFailure("cannot iterate over \(ExprOps.typeName(collection)) in \(name)")
        }
        if name == "sum" && args.count == 1 { return try ExprBuiltins.call("sum", [.array(items)]) }
        if name == "reduce" {
            guard args.count >= 2 else { throw ExprFailure("not enough arguments to call reduce") }
            var acc: JSONValue
            var start = 0
            if args.count > 2 {
                acc = try eval(args[2])
            } else {
                guard let f = items.first else { throw ExprFailure("reduce of empty array with no initial value") }
                acc = f
                start = 1
            }
            for i in items.indices.dropFirst(start) { acc = try each(args[1], items[i], i, acc: acc) }
            return acc
        }
        guard args.count == 2 else { throw ExprFailure("\(name) takes 2 arguments (got \(args.count))") }
        let body = args[1]
        switch name {
        case "filter":
            var out: [JSONValue] = []
            for (i, v) in items.enumerated() where try predicate(body, v, i) { out.append(v) }
            return .array(out)
        case "map":
            var out: [JSONValue] = []
            for (i, v) in items.enumerated() { out.append(try each(body, v, i)) }
            return .array(out)
        case "all":
            for (i, v) in items.enumerated() where !(try predicate(body, v, i)) { return false }
            return true
        case "any":
            for (i, v) in items.enumerated() where try predicate(body, v, i) { return true }
            return false
        case "none":
            for (i, v) in items.enumerated() where try predicate(body, v, i) { return false }
            return true
        case "one", "count":
            var n = 0
            for (i, v) in items.enumerated() where try predicate(body, v, i) { n += 1 }
            return name == "one" ? .bool(n == 1) : .int(Int64(n))
        case "find", "findIndex":
            for (i, v) in items.enumerated() where try predicate(body, v, i) {
                return name == "find" ? v : .int(Int64(i))
            }
            return name == "find" ? .null : .int(-1)
        case "findLast", "findLastIndex":
            for (i, v) in items.enumerated().reversed() where try predicate(body, v, i) {
                return name == "findLast" ? v : .int(Int64(i))
            }
            return name == "findLast" ? .null : .int(-1)
        case "sum":
            var mapped: [JSONValue] = []
            for (i, v) in items.enumerated() { mapped.append(try each(body, v, i)) }
            return try ExprBuiltins.call("sum", [.array(mapped)])
        case "groupBy":
            var out = JSONObject()
            for (i, v) in items.enumerated() {
                let key = try each(body, v, i).argoString
                var group = out[key]?.arrayValue ?? []
                group.append(v)
                out[key] = .array(group)
            }
            return .object(out)
        case "sortBy":
            var keyed: [(JSONValue, JSONValue)] = []
            for (i, v) in items.enumerated() { keyed.append((try each(body, v, i), v)) }
            var failure: ExprFailure?
            keyed.sort { a, b in
                do throws(ExprFailure) { return try ExprOps.less(a.0, b.0) } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            return .array(keyed.map(\.1))
        default:
            throw ExprFailure("unknown function \(name)")
        }
    }
}
