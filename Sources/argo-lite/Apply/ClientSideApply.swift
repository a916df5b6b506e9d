import Controller
import Foundation
import Templates

/// kubectl's client-side apply against a `Cluster`: the object as the file has it is stored in the
/// `kubectl.kubernetes.io/last-applied-configuration` annotation, and the next apply sends a three-way merge
/// patch computed from that annotation (what was applied before), the file (what is wanted) and the stored object
/// (what others set too): fields the file no longer has are removed, fields the file never had (status, what the
/// store sets in metadata) are kept. Lists are replaced whole (JSON merge patch semantics; kubectl's strategic
/// merge would merge lists of some built-in kinds by key).
enum ClientSideApply {
    static let annotation = "kubectl.kubernetes.io/last-applied-configuration"

    enum Outcome: String { case created, configured, unchanged }

    /// Creates the object or patches the stored one; the object written (the stored one when unchanged), and
    /// kubectl's warning when the stored object was not made by apply (it has no annotation yet).
    static func apply(_ item: FileObject, cluster: any Cluster) async throws(CLIError)
        -> (outcome: Outcome, object: JSONValue, warning: String?)
    {
        let modified = try stored(form: annotated(item.object), item)
        let current: JSONValue
        do {
            current = try await cluster.get(item.kind, namespace: item.namespace, name: item.name)
        } catch .notFound {
            do {
                return (.created, try await cluster.create(item.kind, modified), nil)
            } catch {
                throw CLIError(error.kubectlText(when: "creating", source: item.file))
            }
        } catch {
            throw CLIError(error.kubectlText(when: "retrieving current configuration of", source: item.file))
        }
        let original = try lastApplied(current, item)
        let warning = original != nil ? nil : "Warning: resource \(item.kind.plural)/\(item.name) is missing the "
            + "\(annotation) annotation which is required by kubectl apply. kubectl apply should only be used on "
            + "resources created declaratively by either kubectl create --save-config or kubectl apply. The missing "
            + "annotation will be patched automatically."
        let patch = threeWay(original: original?.objectValue, modified: modified.objectValue ?? [:],
                             current: current.objectValue ?? [:])
        if patch.isEmpty { return (.unchanged, current, warning) }
        do {
            let written = try await cluster.patch(item.kind, namespace: item.namespace, name: item.name,
                                                  patch: .object(patch), type: .merge)
            return (.configured, written, warning)
        } catch {
            throw CLIError(error.kubectlText(when: "applying patch to", source: item.file))
        }
    }

    /// The object with the annotation holding itself (as kubectl writes it: compact JSON, keys sorted, the
    /// annotation itself left out, so `metadata.annotations` is `{}` when the file has none).
    static func annotated(_ object: JSONValue) -> JSONValue {
        var metadata = object["metadata"]?.objectValue ?? [:]
        var annotations = metadata["annotations"]?.objectValue ?? [:]
        annotations[annotation] = nil
        metadata["annotations"] = .object(annotations)
        var copy = object
        copy["metadata"] = .object(metadata)
        annotations[annotation] = .string(sortedKeys(copy).compactJSON)
        metadata["annotations"] = .object(annotations)
        copy["metadata"] = .object(metadata)
        return copy
    }

    /// The previous apply's object (nil when the stored object was never applied), in stored form.
    static func lastApplied(_ current: JSONValue, _ item: FileObject) throws(CLIError) -> JSONValue? {
        guard let text = current["metadata"]?["annotations"]?[annotation]?.stringValue,
              let value = try? JSONParser.parse(text), value.objectValue != nil else { return nil }
        return try? stored(form: value, item)
    }

    /// What the API server would store for `object`: a Secret's `stringData` merged into `data`.
    static func stored(form object: JSONValue, _ item: FileObject) throws(CLIError) -> JSONValue {
        if item.kind == .secret { return try SecretData.normalize(object, at: item.place) }
        if item.kind == .configMap {
            for field in ["data", "binaryData"] {
                for (key, value) in object[field]?.objectValue ?? [:] where value.stringValue == nil {
                    throw CLIError("error: \(item.place): ConfigMap \"\(item.name)\" cannot be handled as a ConfigMap: "
                        + "\(field)[\"\(key)\"] is not a string; quote the value")
                }
            }
        }
        return object
    }

    /// The merge patch turning `current` into what `modified` asks for, deleting what `original` had and
    /// `modified` no longer has. Empty when nothing would change.
    static func threeWay(original: JSONObject?, modified: JSONObject, current: JSONObject) -> JSONObject {
        var patch = JSONObject()
        for (key, wanted) in modified {
            let now = current[key]
            if wanted.isNull {
                if now != nil { patch[key] = .null }
            } else if case .object(let m) = wanted, case .object(let c)? = now {
                let sub = threeWay(original: original?[key]?.objectValue, modified: m, current: c)
                if !sub.isEmpty { patch[key] = .object(sub) }
            } else if now != wanted {
                patch[key] = wanted
            }
        }
        for (key, _) in original ?? [:] where modified[key] == nil && current[key] != nil {
            patch[key] = .null
        }
        return patch
    }

    /// Object keys sorted at every level, as Go's `json.Marshal` of a map writes them.
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            var out = JSONObject()
            for key in o.keys.sorted() { out[key] = sortedKeys(o[key]!) }
            return .object(out)
        case .array(let a): return .array(a.map(sortedKeys))
        default: return value
        }
    }
}

/// A Secret as the API server stores it: every `data` value valid base64, `stringData` base64-encoded into
/// `data` (it wins over a `data` key of the same name) and dropped.
enum SecretData {
    static func normalize(_ secret: JSONValue, at place: String) throws(CLIError) -> JSONValue {
        let name = secret["metadata"]?["name"]?.stringValue ?? ""
        func invalid(_ why: String) -> CLIError {
            CLIError("error: \(place): Secret \"\(name)\" cannot be handled as a Secret: \(why)")
        }
        var out = secret
        var data = JSONObject()
        if let given = secret["data"], !given.isNull {
            guard let object = given.objectValue else { throw invalid("data must be a mapping of keys to base64 strings") }
            for (key, value) in object {
                guard let text = value.stringValue else {
                    throw invalid("data[\"\(key)\"] is not a string; give its value base64-encoded")
                }
                guard Data(base64Encoded: text) != nil else {
                    throw invalid("data[\"\(key)\"]: illegal base64 data; base64-encode the value "
                        + "(`printf %s VALUE | base64`) or put the plain text under stringData")
                }
                data[key] = value
            }
        }
        if let given = secret["stringData"], !given.isNull {
            guard let object = given.objectValue else { throw invalid("stringData must be a mapping of keys to strings") }
            for (key, value) in object {
                guard let text = value.stringValue else {
                    throw invalid("stringData[\"\(key)\"] is not a string; quote the value")
                }
                data[key] = .string(Data(text.utf8).base64EncodedString())
            }
            out["stringData"] = nil
        }
        if secret["data"] != nil || !data.isEmpty { out["data"] = .object(data) }
        return out
    }
}
