import Templates
import ClusterAPI

/// Accelerates Argo's `createWorkflowPod` (`workflowpod.go`), which builds each pod from its template.
///
/// The pod of one template with its three per-pod values (pod name, node ID, node name) at known positions: built
/// once by `PodBuilder.build` with empty values, then copied per pod with only those positions written. A copy
/// shares every unchanged object and array with the prototype (copy-on-write), so a pod costs about ten small
/// allocations where building it from scratch cost dozens, plus the hashing of every key; the pods of a
/// 10,000-task fan-out are the same JSON as `PodBuilder.build` gives (pinned by `OperatorPinTests`).
///
/// A class: the template cache hands it out once per pod, and a struct of a dozen JSON parts cost a dozen
/// retains and releases each time.
final class PodPrototype: Sendable {
    /// The pod built with empty per-pod values.
    let pod: JSONObject
    let metadataAt: Int, specAt: Int
    let metadata: JSONObject
    let nameAt: Int, annotationsAt: Int
    /// `workflows.argoproj.io/node-id` and `node-name`.
    let annotations: JSONObject
    let annotationIDAt: Int, annotationNameAt: Int
    let spec: JSONObject
    let containersAt: Int
    let containers: [JSONValue]
    let slots: [Slot]

    /// A container with the `ARGO_*` environment: where its per-pod entries are.
    struct Slot {
        var index: Int
        var container: JSONObject
        var envAt: Int
        var env: [JSONValue]
        /// `ARGO_NODE_ID`, `ARGO_NODE_NAME` and `ARGO_POD_NAME`, in that order, at `nodeIDAt`, +1 and +2.
        var nodeIDAt: Int
        var entries: [JSONObject]
        var valueAt: Int
    }

    static let perPodEnv = ["ARGO_NODE_ID", "ARGO_NODE_NAME", "ARGO_POD_NAME"]

    /// nil when the built pod does not have the expected shape (then every pod is built whole).
    init?(builder: PodBuilder, parts: PodBuilder.TemplateParts) {
        guard case .object(let pod) = builder.build(podName: "", nodeName: "", nodeID: "", parts: parts),
              let metadataAt = pod.index(forKey: "metadata"), let specAt = pod.index(forKey: "spec"),
              case .object(let metadata) = pod.values[metadataAt], case .object(let spec) = pod.values[specAt],
              let nameAt = metadata.index(forKey: "name"), let annotationsAt = metadata.index(forKey: "annotations"),
              case .object(let annotations) = metadata.values[annotationsAt],
              let annotationIDAt = annotations.index(forKey: Common.annotationKeyNodeID),
              let annotationNameAt = annotations.index(forKey: Common.annotationKeyNodeName),
              let containersAt = spec.index(forKey: "containers"), case .array(let containers) = spec.values[containersAt],
              containers.count >= parts.containers.count
        else { return nil }
        var slots: [Slot] = []
        for index in parts.containers.indices {
            // The `ARGO_*` entries are the container's last eight; the per-pod three are the third to fifth of them.
            guard case .object(let container) = containers[index], let envAt = container.index(forKey: "env"),
                  case .array(let env) = container.values[envAt], env.count >= 8 else { return nil }
            let nodeIDAt = env.count - 6
            var entries: [JSONObject] = []
            var valueAt = -1
            for (k, name) in PodPrototype.perPodEnv.enumerated() {
                guard case .object(let entry) = env[nodeIDAt + k], entry["name"]?.stringValue == name,
                      let at = entry.index(forKey: "value"), valueAt == -1 || valueAt == at else { return nil }
                valueAt = at
                entries.append(entry)
            }
            slots.append(Slot(index: index, container: container, envAt: envAt, env: env, nodeIDAt: nodeIDAt,
                              entries: entries, valueAt: valueAt))
        }
        self.pod = pod
        self.metadataAt = metadataAt
        self.specAt = specAt
        self.metadata = metadata
        self.nameAt = nameAt
        self.annotationsAt = annotationsAt
        self.annotations = annotations
        self.annotationIDAt = annotationIDAt
        self.annotationNameAt = annotationNameAt
        self.spec = spec
        self.containersAt = containersAt
        self.containers = containers
        self.slots = slots
    }

    /// The pod for one node: the prototype with its pod name, node ID and node name written in.
    func pod(podName: String, nodeName: String, nodeID: String) -> JSONValue {
        var containers = self.containers
        for slot in slots {
            var env = slot.env
            for k in 0..<3 {
                var entry = slot.entries[k]
                entry.values[slot.valueAt] = .string(k == 0 ? nodeID : k == 1 ? nodeName : podName)
                env[slot.nodeIDAt + k] = .object(entry)
            }
            var container = slot.container
            container.values[slot.envAt] = .array(env)
            containers[slot.index] = .object(container)
        }
        var spec = self.spec
        spec.values[containersAt] = .array(containers)
        var annotations = self.annotations
        annotations.values[annotationIDAt] = .string(nodeID)
        annotations.values[annotationNameAt] = .string(nodeName)
        var metadata = self.metadata
        metadata.values[nameAt] = .string(podName)
        metadata.values[annotationsAt] = .object(annotations)
        var pod = self.pod
        pod.values[metadataAt] = .object(metadata)
        pod.values[specAt] = .object(spec)
        return .object(pod)
    }
}
