import Templates

/// JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else replaces.
///
/// Kubernetes' strategic merge patch is served by the same function in the local store: it differs only for
/// lists whose Go type declares a merge key (containers, volumes, env...), which argo-lite's own writers never
/// patch. A strategic patch that sends such a list replaces it, as a merge patch would.
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue?) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result: JSONObject
        if case .object(let o)? = target { result = o } else { result = JSONObject() }
        for (key, value) in patchObject {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key])
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `old` into `new` (nil when they are equal): changed keys, nested objects as
    /// patches of their own, and `null` for every key `new` no longer has. Values that are null in `new` cannot
    /// be expressed (a merge patch's null removes), so they are removed too, as Kubernetes does.
    public static func diff(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard case .object(let o) = old, case .object(let n) = new else {
            if old == new { return Optional<JSONValue>.none }  // (a bare `nil` here would be JSONValue.null)
            return new
        }
        var patch = JSONObject()
        for (key, value) in n {
            if let before = o[key] {
                if let change = diff(from: before, to: value) { patch[key] = change }
            } else if !value.isNull {
                patch[key] = value
            }
        }
        for (key, value) in o where !value.isNull {
            if let now = n.index(forKey: key).map({ n.values[$0] }), !now.isNull { continue }
            patch[key] = .null
        }
        if patch.isEmpty { return Optional<JSONValue>.none }
        return .object(patch)
    }
}

extension JSONValue {
    /// This value with an RFC 7386 merge patch applied.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue { MergePatch.apply(patch, to: self) }
}
