import Foundation
import Templates

/// JSON Patch (RFC 6902): a list of `add`, `remove`, `replace`, `move`, `copy` and `test` operations with JSON
/// Pointer (RFC 6901) paths, applied in order; any failing operation fails the whole patch.
public enum JSONPatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) throws(ClusterError) -> JSONValue {
        guard case .array(let operations) = patch else {
            throw .invalid("json patch: expected an array of operations, e.g. [{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]")
        }
        var doc = target
        for (index, op) in operations.enumerated() {
            doc = try applyOne(op, index: index, to: doc)
        }
        return doc
    }

    static func applyOne(_ op: JSONValue, index: Int, to doc: JSONValue) throws(ClusterError) -> JSONValue {
        let where_ = "json patch operation \(index)"
        guard let name = op["op"]?.stringValue else { throw .invalid("\(where_): missing \"op\"") }
        guard let pathText = op["path"]?.stringValue else { throw .invalid("\(where_): missing \"path\"") }
        let path = try pointer(pathText, where_)
        func value() throws(ClusterError) -> JSONValue {
            guard let v = op["value"] else { throw .invalid("\(where_) (\(name) \(pathText)): missing \"value\"") }
            return v
        }
        func from() throws(ClusterError) -> [String] {
            guard let f = op["from"]?.stringValue else { throw .invalid("\(where_) (\(name)): missing \"from\"") }
            return try pointer(f, where_)
        }
        switch name {
        case "add": return try add(try value(), at: path, in: doc, where_)
        case "remove": return try remove(at: path, in: doc, where_).doc
        case "replace":
            _ = try get(path, in: doc, where_)  // must exist; replaced in place, keeping key order
            return try add(try value(), at: path, in: doc, where_, replacing: true)
        case "move":
            let source = try from()
            if path.count > source.count, Array(path.prefix(source.count)) == source {
                throw .invalid("\(where_): cannot move \(render(source)) into its own child \(pathText)")
            }
            let removed = try remove(at: source, in: doc, where_)
            return try add(removed.value, at: path, in: removed.doc, where_)
        case "copy":
            let source = try from()
            return try add(try get(source, in: doc, where_), at: path, in: doc, where_)
        case "test":
            let actual = try get(path, in: doc, where_)
            guard actual == (try value()) else {
                throw .invalid("\(where_): test failed: \(pathText) is \(actual.compactJSON)")
            }
            return doc
        default:
            throw .invalid("\(where_): unknown op \"\(name)\" (expected add, remove, replace, move, copy or test)")
        }
    }

    /// Splits a JSON Pointer into reference tokens, decoding `~1` to `/` and `~0` to `~`.
    static func pointer(_ text: String, _ where_: String) throws(ClusterError) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw .invalid("\(where_): path \"\(text)\" must start with /") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func render(_ path: [String]) -> String { path.isEmpty ? "\"\"" : "/" + path.joined(separator: "/") }

    static func arrayIndex(_ token: String, count: Int, allowEnd: Bool, _ where_: String) throws(ClusterError) -> Int {
        if allowEnd && token == "-" { return count }
        guard let i = Int(token), i >= 0, token == String(i), i < count || (allowEnd && i == count) else {
            throw .invalid("\(where_): array index \"\(token)\" out of range (array has \(count) items)")
        }
        return i
    }

    static func get(_ path: [String], in doc: JSONValue, _ where_: String) throws(ClusterError) -> JSONValue {
        var current = doc
        for token in path {
            switch current {
            case .object(let o):
                guard let next = o[token] else { throw .invalid("\(where_): path \(render(path)) does not exist") }
                current = next
            case .array(let a):
                current = a[try arrayIndex(token, count: a.count, allowEnd: false, where_)]
            default:
                throw .invalid("\(where_): path \(render(path)) does not exist")
            }
        }
        return current
    }

    static func add(_ value: JSONValue, at path: [String], in doc: JSONValue, _ where_: String, replacing: Bool = false)
        throws(ClusterError) -> JSONValue
    {
        guard let token = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch doc {
        case .object(var o):
            if rest.isEmpty {
                o[token] = value
            } else {
                guard let child = o[token] else { throw .invalid("\(where_): parent of \(render(path)) does not exist") }
                o[token] = try add(value, at: rest, in: child, where_, replacing: replacing)
            }
            return .object(o)
        case .array(var a):
            let i = try arrayIndex(token, count: a.count, allowEnd: rest.isEmpty && !replacing, where_)
            if rest.isEmpty {
                if replacing { a[i] = value } else { a.insert(value, at: i) }
            } else {
                a[i] = try add(value, at: rest, in: a[i], where_, replacing: replacing)
            }
            return .array(a)
        default:
            throw .invalid("\(where_): cannot add at \(render(path)): parent is not an object or array")
        }
    }

    static func remove(at path: [String], in doc: JSONValue, _ where_: String) throws(ClusterError)
        -> (doc: JSONValue, value: JSONValue)
    {
        guard let token = path.first else { throw .invalid("\(where_): cannot remove the whole document") }
        let rest = Array(path.dropFirst())
        switch doc {
        case .object(var o):
            guard let child = o[token] else { throw .invalid("\(where_): path \(render(path)) does not exist") }
            if rest.isEmpty {
                o.removeValue(forKey: token)
                return (.object(o), child)
            }
            let inner = try remove(at: rest, in: child, where_)
            o[token] = inner.doc
            return (.object(o), inner.value)
        case .array(var a):
            let i = try arrayIndex(token, count: a.count, allowEnd: false, where_)
            if rest.isEmpty {
                let removed = a.remove(at: i)
                return (.array(a), removed)
            }
            let inner = try remove(at: rest, in: a[i], where_)
            a[i] = inner.doc
            return (.array(a), inner.value)
        default:
            throw .invalid("\(where_): path \(render(path)) does not exist")
        }
    }
}
