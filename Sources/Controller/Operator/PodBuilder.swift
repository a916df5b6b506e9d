import Templates
import ClusterAPI

/// Builds the Pod manifest for a container, script or resource node (pure). The `main` container carries the
/// template's image/command/args/env/workingDir/volumeMounts after substitution, plus the `ARGO_*` environment
/// the executor reads.
struct PodBuilder {
    var workflowName: String
    var namespace: String
    var workflowUID: String
    var serviceAccountName: String?
    var workflowVolumes: [JSONValue]
    /// `spec.podMetadata`: labels and annotations for every pod of the workflow.
    var podMetadata: Metadata? = nil
    /// `spec.archiveLogs`: the default of each template's `archiveLocation.archiveLogs` (Argo's `IsArchiveLogs`).
    var archiveLogs: Bool? = nil
    /// `spec.securityContext`: the pods' security context, unless the template has its own (Argo's
    /// `workflowpod.go`).
    var securityContext: JSONValue? = nil

    /// The part of a pod that depends only on the (substituted) template: built once per template per pass and
    /// shared by every pod of that template (`PodTemplateCache`).
    struct TemplateParts {
        /// Each container (before the `ARGO_*` environment) with the name the executor knows it by.
        var containers: [(container: JSONObject, name: String)]
        var sidecars: [JSONValue]
        /// The template as compact JSON, for `ARGO_TEMPLATE`.
        var templateJSON: String
        /// The pod spec with `containers` holding its place (as `null`).
        var spec: JSONObject
        /// Labels and annotations of `spec.podMetadata` then the template's `metadata` (which wins), by key.
        var labels: [(key: String, value: String)] = []
        var annotations: [(key: String, value: String)] = []
    }

    func build(podName: String, nodeName: String, nodeID: String, template tmpl: Template, kind: TemplateKind) -> JSONValue {
        build(podName: podName, nodeName: nodeName, nodeID: nodeID, parts: parts(template: tmpl, kind: kind))
    }

    func parts(template tmpl: Template, kind: TemplateKind) -> TemplateParts {
        var main: JSONObject
        switch kind {
        case .script:
            main = tmpl.script.map { Placeholders.jsonValue($0).objectValue ?? [:] } ?? [:]
            main.removeValue(forKey: "source")
            let args = main["args"]?.arrayValue ?? []
            main["args"] = .array([.string("/argo/staging/script")] + args)
        case .resource:
            main = [:]
            main["image"] = "argo-lite"
            main["command"] = .array(["argo-lite", "emissary", "resource", .string(tmpl.resource?.action ?? "")])
        default:
            main = tmpl.container.map { Placeholders.jsonValue($0).objectValue ?? [:] } ?? [:]
        }
        main.removeValue(forKey: "name")
        main = JSONObject([("name", JSONValue.string("main"))] + main.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        // A container set's pod runs the set's containers, each under its own name; the executor reads their
        // order from the template (`containerSet.containers[].dependencies`), as Argo's emissary does.
        let containers: [(container: JSONObject, name: String)]
        let sidecars: [JSONValue]
        if case .containerSet = kind {
            containers = (tmpl.containerSet?.containers ?? []).map { node in
                (Placeholders.jsonValue(node.container).objectValue ?? [:], node.container.name ?? "")
            }
            sidecars = []
        } else {
            containers = [(main, "main")]
            sidecars = (tmpl.sidecars ?? []).map { Placeholders.jsonValue($0) }
        }

        var spec: JSONObject = [:]
        spec["restartPolicy"] = "Never"
        if let sa = tmpl.serviceAccountName ?? serviceAccountName, !sa.isEmpty { spec["serviceAccountName"] = .string(sa) }
        if let selector = tmpl.nodeSelector, !selector.isEmpty {
            var obj = JSONObject()
            for k in selector.keys.sorted() { obj[k] = .string(selector[k]!) }
            spec["nodeSelector"] = .object(obj)
        }
        if let context = tmpl.securityContext ?? securityContext, !context.isNull { spec["securityContext"] = context }
        if let inits = tmpl.initContainers, !inits.isEmpty { spec["initContainers"] = .array(inits.map { Placeholders.jsonValue($0) }) }
        spec["containers"] = .null
        let volumes = workflowVolumes + (tmpl.volumes ?? []).map { Placeholders.jsonValue($0) }
        if !volumes.isEmpty { spec["volumes"] = .array(volumes) }
        if let deadline = tmpl.activeDeadlineSeconds?.intValue { spec["activeDeadlineSeconds"] = .int(Int64(deadline)) }
        func merged(_ pick: (Metadata) -> [String: String]?) -> [(key: String, value: String)] {
            let all = (podMetadata.flatMap(pick) ?? [:]).merging(tmpl.metadata.flatMap(pick) ?? [:]) { _, template in template }
            return all.sorted { $0.key < $1.key }
        }
        var executorTemplate = tmpl
        if archiveLogs == true, tmpl.archiveLocation?.archiveLogs == nil {
            var location = tmpl.archiveLocation ?? ArtifactLocation()
            location.archiveLogs = true
            executorTemplate.archiveLocation = location
        }
        return TemplateParts(containers: containers, sidecars: sidecars,
                             templateJSON: Placeholders.jsonValue(executorTemplate).compactJSON, spec: spec,
                             labels: merged(\.labels), annotations: merged(\.annotations))
    }

    func build(podName: String, nodeName: String, nodeID: String, parts: TemplateParts) -> JSONValue {
        func withArgoEnv(_ container: JSONObject, name: String) -> JSONValue {
            var c = container
            var env = c["env"]?.arrayValue ?? []
            env.reserveCapacity(env.count + 8)
            func add(_ name: String, _ value: String) { env.append(.object(["name": .string(name), "value": .string(value)])) }
            add("ARGO_CONTAINER_NAME", name)
            add("ARGO_TEMPLATE", parts.templateJSON)
            add("ARGO_NODE_ID", nodeID)
            add("ARGO_NODE_NAME", nodeName)
            add("ARGO_POD_NAME", podName)
            add("ARGO_WORKFLOW_NAME", workflowName)
            add("ARGO_WORKFLOW_UID", workflowUID)
            add("ARGO_NAMESPACE", namespace)
            c["env"] = .array(env)
            return .object(c)
        }
        var metadata: JSONObject = [:]
        metadata["name"] = .string(podName)
        metadata["namespace"] = .string(namespace)
        // Argo's own first, then the workflow's and the template's (`addMetadata`).
        var labels: JSONObject = [
            Common.labelKeyWorkflow: .string(workflowName),
            Common.labelKeyCompleted: "false",
        ]
        for (key, value) in parts.labels { labels[key] = .string(value) }
        metadata["labels"] = .object(labels)
        var annotations: JSONObject = [
            Common.annotationKeyNodeID: .string(nodeID),
            Common.annotationKeyNodeName: .string(nodeName),
        ]
        for (key, value) in parts.annotations { annotations[key] = .string(value) }
        metadata["annotations"] = .object(annotations)
        metadata["ownerReferences"] = .array([.object([
            "apiVersion": "argoproj.io/v1alpha1",
            "kind": "Workflow",
            "name": .string(workflowName),
            "uid": .string(workflowUID),
            "controller": true,
            "blockOwnerDeletion": true,
        ])])
        var spec = parts.spec
        spec["containers"] = .array(parts.containers.map { withArgoEnv($0.container, name: $0.name) } + parts.sidecars)
        return .object(["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(spec)])
    }
}
