import Templates
import ClusterAPI

/// Argo's `executeContainerSet` and the container half of `podReconciliation`: one Pod node and one pod for the
/// template, and under the Pod node a `Container` node per container (`<pod node>.<container>`), linked as the
/// set's graph (a container without dependencies hangs off the Pod node, the others off what they depend on).
/// Each container node's phase follows its container's state in the pod.
extension OperationContext {
    func executeContainerSet(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                             opts: ExecOpts) -> NodeStatus? {
        guard let podNode = createWorkflowPod(nodeName, tmpl, holder, scope: scope, kind: .containerSet, opts: opts) else {
            return nil
        }
        let containers = tmpl.containerSet?.containers ?? []
        for c in containers {
            let childName = "\(nodeName).\(c.container.name ?? "")"
            if node(named: childName) == nil {
                initializeNode(childName, type: .container, templateName: holder.template, templateRef: holder.templateRef,
                               templateScope: scope, boundaryID: podNode.id, phase: .pending)
            }
        }
        for c in containers {
            let childName = "\(nodeName).\(c.container.name ?? "")"
            let dependencies = c.dependencies ?? []
            if dependencies.isEmpty { addChildNode(parent: nodeName, child: childName) }
            for d in dependencies { addChildNode(parent: "\(nodeName).\(d)", child: childName) }
        }
        return node(named: nodeName)
    }

    /// Container nodes follow their containers: waiting → Pending, running → Running, exit 0 → Succeeded, exit 64
    /// (the emissary's own failure, e.g. a dependency that failed) → Error, any other code → Failed.
    func reconcileContainerNodes(of podNode: NodeStatus, _ pod: PodObservation) {
        for c in pod.containers {
            let name = "\(podNode.name).\(c.name)"
            guard let node = node(named: name), node.type == .container, node.boundaryID == podNode.id, !node.fulfilled else {
                continue
            }
            switch c.state {
            case .waiting:
                markNodePhase(name, .pending)
            case .running:
                markNodePhase(name, .running)
            case .terminated(let code, let reason, let message, _):
                let text = "\(reason ?? "") (exit code \(code)): \(message ?? "")"
                switch code {
                case 0: markNodePhase(name, .succeeded)
                case 64: markNodePhase(name, .error, message: text)
                default: markNodePhase(name, .failed, message: text)
                }
            }
        }
    }
}
