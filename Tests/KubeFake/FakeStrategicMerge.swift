import Controller
import Templates

/// Strategic merge patch, the subset controllers use on pods, config maps and secrets: a merge patch (objects
/// merge, `null` deletes), except that the lists whose Go types declare a merge key merge item by item on that
/// key (`containers`, `initContainers`, `ephemeralContainers`, `volumes`, `env`, `imagePullSecrets` by `name`;
/// `volumeMounts` by `mountPath`; `ports` by `containerPort`; `conditions` by `type`; `containerStatuses` and
/// `initContainerStatuses` by `name`; `ownerReferences` by `uid`), and `finalizers` merge as a set.
/// An item `{"$patch": "delete", KEY: …}` removes that item; `{"$patch": "replace"}` in an object replaces it
/// whole. Not served: `$retainKeys`, `$setElementOrder`, `$deleteFromPrimitiveList`.
enum FakeStrategicMerge {
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name", "env": "name",
        "imagePullSecrets": "name", "volumeMounts": "mountPath", "ports": "containerPort", "conditions": "type",
        "containerStatuses": "name", "initContainerStatuses": "name", "ownerReferences": "uid",
    ]

    static func apply(_ patch: JSONValue, to target: JSONValue?) -> JSONValue {
        guard case .object(var patchObject) = patch else { return patch }
        if patchObject["$patch"]?.stringValue == "replace" {
            patchObject.removeValue(forKey: "$patch")
            return .object(patchObject)
        }
        var result: JSONObject
        if case .object(let o)? = target { result = o } else { result = [:] }
        for (key, value) in patchObject {
            if value.isNull {
                result.removeValue(forKey: key)
            } else if let mergeKey = mergeKeys[key], case .array(let items) = value, case .array(let existing)? = result[key] {
                result[key] = .array(mergeList(existing, items, on: mergeKey))
            } else if key == "finalizers", case .array(let items) = value, case .array(let existing)? = result[key] {
                result[key] = .array(existing + items.filter { !existing.contains($0) })
            } else {
                result[key] = apply(value, to: result[key])
            }
        }
        return .object(result)
    }

    static func mergeList(_ existing: [JSONValue], _ patch: [JSONValue], on key: String) -> [JSONValue] {
        var out = existing
        for item in patch {
            let id = item[key]
            guard let id else { out.append(item); continue }
            let index = out.firstIndex { $0[key] == id }
            if item["$patch"]?.stringValue == "delete" {
                if let index { out.remove(at: index) }
            } else if let index {
                out[index] = apply(item, to: out[index])
            } else {
                out.append(item)
            }
        }
        return out
    }
}
