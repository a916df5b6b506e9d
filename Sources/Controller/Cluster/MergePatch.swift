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
}

extension JSONValue {
    /// This value with an RFC 7386 merge patch applied.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue { MergePatch.apply(patch, to: self) }
}
