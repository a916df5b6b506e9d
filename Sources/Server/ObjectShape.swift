import Controller
import Foundation
import Templates

/// What clients parse in the objects the server returns, as Go's typed encoding leaves it: no JSON nulls (unset
/// optional fields, timestamps included, are omitted), a Workflow's `status` always there (a struct in Go, so
/// `{}` before the controller has written it: Hera's `create(wait=True)` asserts it), every node with its `id`,
/// `name` and `type`, and lists with `items: []` (never null) and `metadata.resourceVersion` as a string.
enum ObjectShape {
    static func object(_ value: JSONValue) -> JSONValue {
        var out = droppingNulls(value)
        if out["kind"] == "Workflow", out["status"] == nil { out["status"] = [:] }
        if var nodes = out["status"]?["nodes"]?.objectValue {
            for (id, node) in nodes where node.objectValue != nil {
                var node = node
                if node["id"]?.stringValue == nil { node["id"] = .string(id) }
                if node["name"]?.stringValue == nil { node["name"] = .string(id) }
                if node["type"]?.stringValue == nil { node["type"] = "Pod" }
                nodes[id] = node
            }
            var status = out["status"] ?? [:]
            status["nodes"] = .object(nodes)
            out["status"] = status
        }
        return out
    }

    static func droppingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            var out: JSONObject = [:]
            for (k, v) in o where !v.isNull { out[k] = droppingNulls(v) }
            return .object(out)
        case .array(let a): return .array(a.map(droppingNulls))
        default: return value
        }
    }

    /// A `<Kind>List` answer.
    static func list(kind: String, items: [JSONValue], resourceVersion: String, continueToken: String = "",
                     remainingItemCount: Int? = nil) -> JSONValue {
        var metadata: JSONObject = ["resourceVersion": .string(resourceVersion)]
        if !continueToken.isEmpty { metadata["continue"] = .string(continueToken) }
        if let remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remainingItemCount)) }
        return [
            "kind": .string(kind + "List"), "apiVersion": "argoproj.io/v1alpha1",
            "metadata": .object(metadata), "items": .array(items.map(object)),
        ]
    }

    /// argo-server's list order for workflows (`wfv1.Workflows` sort): unfinished ones first, newest created
    /// first; then finished ones, latest finished first; ties by name. Each workflow's times are read once.
    static func workflowOrder(_ items: [JSONValue]) -> [JSONValue] {
        struct Key {
            let finished: Date?
            let created: Date
            let name: String
        }
        let keyed = items.map { item in
            let view = WorkflowView(item)
            return (Key(finished: view.finishedAt, created: view.creationTimestamp ?? .distantPast, name: view.name), item)
        }
        return keyed.sorted { a, b in
            let (x, y) = (a.0, b.0)
            switch (x.finished, y.finished) {
            case (nil, nil): return x.created != y.created ? x.created > y.created : x.name < y.name
            case (nil, _): return true
            case (_, nil): return false
            case (let fx?, let fy?): return fx != fy ? fx > fy : x.name < y.name
            }
        }.map(\.1)
    }
}
