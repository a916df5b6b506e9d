import Templates
import ClusterAPI

/// Accelerates the pod creation of Argo's `createWorkflowPod` (the Pod is made JSON only where it is read).
///
/// A pod a pass asks to create (`OperatorAction.createPod`). A pod of a template whose shape the operator knows
/// is kept as its template's shared `PodPrototype` plus its three per-pod values, and becomes JSON only where it is
/// read (`json`): a pass that creates 10,000 pods then makes (and its caller frees) 10,000 small values instead of
/// 10,000 copies of each pod's path to its per-pod values. Any other pod is kept whole.
///
/// Equality is the pods' JSON's (`JSONValue`'s); hashing covers the pod's name only, which equal pods share.
public struct PodToCreate: Sendable {
    enum Storage: Sendable {
        case whole(JSONValue)
        case prototype(PodPrototype, podName: String, nodeName: String, nodeID: String)
    }

    let storage: Storage

    /// A pod given as its full manifest.
    public init(_ json: JSONValue) { storage = .whole(json) }

    init(prototype: PodPrototype, podName: String, nodeName: String, nodeID: String) {
        storage = .prototype(prototype, podName: podName, nodeName: nodeName, nodeID: nodeID)
    }

    /// The full Pod manifest (made on each read for a pod kept as a prototype).
    public var json: JSONValue {
        switch storage {
        case .whole(let json): return json
        case .prototype(let p, let podName, let nodeName, let nodeID):
            return p.pod(podName: podName, nodeName: nodeName, nodeID: nodeID)
        }
    }

    /// `metadata.name` ("" when the manifest has none), without making the JSON.
    public var name: String {
        switch storage {
        case .whole(let json): return json["metadata"]?["name"]?.stringValue ?? ""
        case .prototype(_, let podName, _, _): return podName
        }
    }

    /// A field of the manifest: `json[key]`.
    public subscript(key: String) -> JSONValue? { json[key] }
}

extension PodToCreate: Hashable {
    public static func == (a: PodToCreate, b: PodToCreate) -> Bool {
        // The same prototype writes each of the three values somewhere of its own, so its pods are equal exactly
        // when their values are; anything else compares as JSON.
        if case .prototype(let p, let an, let ann, let aid) = a.storage,
           case .prototype(let q, let bn, let bnn, let bid) = b.storage, p === q
        {
            return an == bn && ann == bnn && aid == bid
        }
        return a.json == b.json
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
