import Templates
import ClusterAPI

/// Suspend templates: Running until resumed (`argo-lite resume` marks the node Succeeded) or until `duration`
/// has passed since the node started.
extension OperationContext {
    func executeSuspend(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                        opts: ExecOpts) -> NodeStatus? {
        var node = self.node(named: nodeName)
        if node == nil {
            var created = initializeNode(nodeName, type: .suspend, templateName: holder.template, templateRef: holder.templateRef,
                                         templateScope: scope, boundaryID: opts.boundaryID, phase: .pending, inputs: tmpl.inputs)
            // Output parameters supplied at resume time start out as declared (Argo's addRawOutputFields).
            let supplied = (tmpl.outputs?.parameters ?? []).filter { $0.valueFrom?.supplied != nil }
            if !supplied.isEmpty {
                var outputs = Outputs()
                outputs.parameters = supplied
                created.outputs = outputs
                store(created)
            }
            node = created
        }
        guard let current = node else { return nil }
        var wake: Double?
        if let text = tmpl.suspend?.duration, !text.isEmpty {
            guard let duration = Durations.parse(text) else {
                return markNodeError(nodeName, "unable to parse \(text) as a duration")
            }
            let deadline = (current.startedAt ?? now).time + duration
            if now.time >= deadline { return markNodePhase(nodeName, .succeeded) }
            wake = deadline
        }
        if let d = workflowDeadline { wake = min(wake ?? d, d) }
        if let wake { requeue(at: wake) }
        return markNodePhase(nodeName, .running)
    }
}

extension Operator {
    /// Resumes suspended nodes: every Running Suspend node (or those whose name/displayName/templateName matches
    /// `nodeFieldSelector`, e.g. `displayName=approve`), as `argo resume` does. Supplied output parameters may be
    /// given by name. Returns the IDs of the nodes resumed.
    @discardableResult
    public static func resume(_ status: inout WorkflowStatus, nodeFieldSelector: String? = nil,
                              outputParameters: [String: String] = [:], now: KubeTime) -> [String] {
        var resumed: [String] = []
        var nodes = status.nodes ?? [:]
        let selector = parseSelector(nodeFieldSelector)
        for id in nodes.keys.sorted() {
            guard var node = nodes[id], node.type == .suspend, node.phase == .running || node.phase == .pending else { continue }
            if !selector.allSatisfy({ matches(node, field: $0.0, value: $0.1, equal: $0.2) }) { continue }
            node.phase = .succeeded
            node.finishedAt = now
            node.message = nil
            if var outputs = node.outputs, var params = outputs.parameters {
                for i in params.indices {
                    if let v = outputParameters[params[i].name] {
                        params[i].value = AnyString(v)
                        params[i].valueFrom = nil
                    } else if params[i].value == nil, let d = params[i].valueFrom?.default {
                        params[i].value = d
                        params[i].valueFrom = nil
                    }
                }
                outputs.parameters = params
                node.outputs = outputs
            }
            nodes[id] = node
            resumed.append(id)
        }
        status.nodes = nodes
        return resumed
    }

    static func parseSelector(_ text: String?) -> [(String, String, Bool)] {
        guard let text, !text.trimmingSpaces.isEmpty else { return [] }
        return text.split(separator: ",").compactMap { part in
            let s = String(part)
            if let r = s.range(of: "!=") { return (String(s[..<r.lowerBound]).trimmingSpaces, String(s[r.upperBound...]).trimmingSpaces, false) }
            if let r = s.range(of: "==") ?? s.range(of: "=") {
                return (String(s[..<r.lowerBound]).trimmingSpaces, String(s[r.upperBound...]).trimmingSpaces, true)
            }
            return nil
        }
    }

    static func matches(_ node: NodeStatus, field: String, value: String, equal: Bool) -> Bool {
        let actual: String?
        switch field {
        case "displayName": actual = node.displayName
        case "name": actual = node.name
        case "id": actual = node.id
        case "templateName": actual = node.templateName
        case "phase": actual = node.phase?.rawValue
        case "inputs.parameters.tag.value":
            actual = node.inputs?.parameters?.first(where: { $0.name == "tag" })?.value?.value
        default:
            if field.hasPrefix("inputs.parameters."), field.hasSuffix(".value") {
                let name = String(field.dropFirst("inputs.parameters.".count).dropLast(".value".count))
                actual = node.inputs?.parameters?.first(where: { $0.name == name })?.value?.value
            } else {
                actual = nil
            }
        }
        return (actual == value) == equal
    }
}
