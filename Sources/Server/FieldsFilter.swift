import Foundation
import Templates

/// argo-server's `fields` parameter (`util/fields.Cleaner`): a comma-separated list of dotted paths. Paths that
/// start with `-` name what to leave out (`-status.nodes`); otherwise only the named paths are kept
/// (`items.metadata.name,items.status.phase`). A path through a list applies to each element.
public struct FieldsFilter: Sendable {
    let exclude: Bool
    let paths: [[String]]

    /// Nil when `text` is empty (everything is kept).
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        exclude = parts[0].hasPrefix("-")
        paths = parts.map { part in
            (part.hasPrefix("-") ? String(part.dropFirst()) : part).split(separator: ".").map(String.init)
        }
    }

    public func apply(_ value: JSONValue) -> JSONValue {
        if exclude { return paths.reduce(value) { Self.removing($1[...], from: $0) } }
        return Self.keeping(paths.map { $0[...] }, of: value) ?? [:]
    }

    static func removing(_ path: ArraySlice<String>, from value: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        switch value {
        case .array(let items): return .array(items.map { removing(path, from: $0) })
        case .object(var object):
            if path.count == 1 {
                object.removeValue(forKey: key)
            } else if let child = object[key] {
                object[key] = removing(path.dropFirst(), from: child)
            }
            return .object(object)
        default: return value
        }
    }

    /// What of `value` the paths reach; nil when none reaches into it.
    static func keeping(_ paths: [ArraySlice<String>], of value: JSONValue) -> JSONValue? {
        if paths.contains(where: \.isEmpty) { return value }
        switch value {
        case .array(let items): return .array(items.map { keeping(paths, of: $0) ?? [:] })
        case .object(let object):
            var out: JSONObject = [:]
            for (key, child) in object {
                let below = paths.filter { $0.first == key }.map { $0.dropFirst() }
                guard !below.isEmpty, let kept = keeping(below, of: child) else { continue }
                out[key] = kept
            }
            return .object(out)
        default: return nil
        }
    }
}
