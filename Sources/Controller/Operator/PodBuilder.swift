import Templates

/// Builds the Pod manifest for a container, script or resource node (pure). The `main` container carries the
/// template's image/command/args/env/workingDir/volumeMounts after substitution, plus the `ARGO_*` environment
/// the executor reads.
struct PodBuilder {
    var workflowName: String
    var namespace: String
    var workflowUID: String
    var serviceAccountName: String?
    var workflowVolumes: [JSONValue]

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
        if let inits = tmpl.initContainers, !inits.isEmpty { spec["initContainers"] = .array(inits.map { Placeholders.jsonValue($0) }) }
        spec["containers"] = .null
        let volumes = workflowVolumes + (tmpl.volumes ?? []).map { Placeholders.jsonValue($0) }
        if !volumes.isEmpty { spec["volumes"] = .array(volumes) }
        if let deadline = tmpl.activeDeadlineSeconds?.intValue { spec["activeDeadlineSeconds"] = .int(Int64(deadline)) }
        return TemplateParts(containers: containers, sidecars: sidecars,
                             templateJSON: Placeholders.jsonValue(tmpl).compactJSON, spec: spec)
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
        metadata["labels"] = .object([
            "workflows.argoproj.io/workflow": .string(workflowName),
            "workflows.argoproj.io/completed": "false",
        ])
        metadata["annotations"] = .object([
            "workflows.argoproj.io/node-id": .string(nodeID),
            "workflows.argoproj.io/node-name": .string(nodeName),
        ])
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

/// `PodBuilder.TemplateParts` by template within one pass: the pods of a fan-out share one template, and
/// encoding it per pod was most of the cost of a pass that creates thousands of pods. Templates are compared
/// whole, so a hit is always the same template; a few entries per name keep loops over distinct inputs bounded.
struct PodTemplateCache {
    private var entries: [String: [(template: Template, parts: PodBuilder.TemplateParts)]] = [:]
    static let perName = 4

    mutating func parts(_ tmpl: Template, build: () -> PodBuilder.TemplateParts) -> PodBuilder.TemplateParts {
        let key = tmpl.name ?? ""
        // By index: binding the matching entry would copy its ~7 KB template.
        if let list = entries[key], let i = list.firstIndex(where: { $0.template == tmpl }) { return list[i].parts }
        let parts = build()
        var list = entries[key] ?? []
        if list.count >= PodTemplateCache.perName { list.removeFirst() }
        list.append((tmpl, parts))
        entries[key] = list
        return parts
    }
}

extension OperationContext {
    /// Argo's `executeContainer` / `executeScript` / `executeResource`: a Pod node, and its pod when none exists.
    func executePod(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String, kind: TemplateKind,
                    opts: ExecOpts) -> NodeStatus? {
        var node = self.node(named: nodeName)
        if node == nil {
            var created = initializeNode(nodeName, type: .pod, templateName: holder.template, templateRef: holder.templateRef,
                                         templateScope: scope, boundaryID: opts.boundaryID, phase: .pending, inputs: tmpl.inputs)
            created.progress = "0/1"
            store(created)
            node = created
        }
        guard let current = node, current.phase == .pending else { return node }
        let name = podName(of: current)
        if snapshot.pods[name] == nil && !createdPods.contains(name) {
            createdPods.insert(name)
            let builder = podBuilder
            let parts = podTemplateCache.parts(tmpl) { builder.parts(template: tmpl, kind: kind) }
            actions.append(.createPod(builder.build(podName: name, nodeName: nodeName, nodeID: current.id, parts: parts)))
        }
        return current
    }
}
