import Templates
import ClusterAPI

/// How the local store cuts an object into separately written pieces, and puts it back together.
///
/// The object row keeps everything except `spec` and `status` (and except `metadata.resourceVersion` and
/// `metadata.generation`, which are columns). `spec` is one fragment; `status`, when it is an object, is one
/// fragment per key, and `status.nodes`, when it is an object, one fragment per node. A merge patch that touches
/// `k` nodes therefore writes `k` small rows, whatever the size of the workflow.
enum LocalFragments {
    enum Section: Int {
        case top = 0  // key "spec" or "status"; body nil when the status is split into `.status` rows
        case status = 1  // one status key; body nil for "nodes" when split into `.node` rows
        case node = 2  // one status.nodes entry, keyed by node ID
    }

    struct Fragment: Equatable {
        var section: Section
        var key: String
        var text: String?
    }

    /// The body (object without spec/status/resourceVersion/generation) and its fragments, in key order.
    static func split(_ object: JSONObject) -> (body: JSONObject, fragments: [Fragment]) {
        var body = object
        body.removeValue(forKey: "spec")
        body.removeValue(forKey: "status")
        if var meta = body["metadata"]?.objectValue {
            meta.removeValue(forKey: "resourceVersion")
            meta.removeValue(forKey: "generation")
            body["metadata"] = .object(meta)
        }
        var fragments: [Fragment] = []
        if let spec = object["spec"] { fragments.append(Fragment(section: .top, key: "spec", text: spec.compactJSON)) }
        if let status = object["status"] {
            if case .object(let s) = status {
                fragments.append(Fragment(section: .top, key: "status", text: nil))
                for (key, value) in s {
                    if key == "nodes", case .object(let nodes) = value {
                        fragments.append(Fragment(section: .status, key: key, text: nil))
                        for (id, node) in nodes { fragments.append(Fragment(section: .node, key: id, text: node.compactJSON)) }
                    } else {
                        fragments.append(Fragment(section: .status, key: key, text: value.compactJSON))
                    }
                }
            } else {
                fragments.append(Fragment(section: .top, key: "status", text: status.compactJSON))
            }
        }
        return (body, fragments)
    }

    /// The whole object: body, then `metadata.resourceVersion`/`generation` after `uid`, then spec and status.
    static func assemble(body: JSONObject, resourceVersion: Int64, generation: Int64, fragments: [Fragment])
        throws(ClusterError) -> JSONValue
    {
        var object = withVersion(body, resourceVersion: resourceVersion, generation: generation)
        var statusKeys = JSONObject()
        var nodes = JSONObject()
        for f in fragments where f.section == .node {
            nodes[f.key] = try JSONValue.parseStored(f.text ?? "null")
        }
        for f in fragments where f.section == .status {
            if f.key == "nodes" && f.text == nil {
                statusKeys[f.key] = .object(nodes)
            } else {
                statusKeys[f.key] = try JSONValue.parseStored(f.text ?? "null")
            }
        }
        for f in fragments where f.section == .top {
            if f.key == "status" && f.text == nil {
                object[f.key] = .object(statusKeys)
            } else {
                object[f.key] = try JSONValue.parseStored(f.text ?? "null")
            }
        }
        return .object(object)
    }

    /// `body` with `metadata.resourceVersion` and `metadata.generation` put back right after `metadata.uid`.
    static func withVersion(_ body: JSONObject, resourceVersion: Int64, generation: Int64) -> JSONObject {
        var object = body
        let meta = body["metadata"]?.objectValue ?? JSONObject()
        var out = JSONObject()
        var placed = false
        for (k, v) in meta {
            out[k] = v
            if k == "uid" {
                out["resourceVersion"] = .string(String(resourceVersion))
                out["generation"] = .int(generation)
                placed = true
            }
        }
        if !placed {
            out["resourceVersion"] = .string(String(resourceVersion))
            out["generation"] = .int(generation)
        }
        object["metadata"] = .object(out)
        return object
    }

    static func labels(of object: JSONObject) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in object["metadata"]?["labels"]?.objectValue ?? [:] { out[k] = v.argoString }
        return out
    }

    static func ownerUIDs(of object: JSONObject) -> [String] {
        (object["metadata"]?["ownerReferences"]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
    }
}
