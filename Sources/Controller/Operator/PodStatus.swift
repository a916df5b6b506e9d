import Templates
import ClusterAPI

/// Pod observations → node phases, messages and timestamps (Argo's `podReconciliation`, `assessNodeStatus`,
/// `inferFailedReason`).
extension OperationContext {
    func podName(of node: NodeStatus) -> String {
        NodeNames.podName(workflow: wfName, nodeName: node.name, templateName: node.templateName ?? node.templateRef?.template ?? "")
    }

    /// Argo's `podReconciliation`: every pod node of the pass's starting status moves on from its pod.
    func podReconciliation() {
        // Iterates (id, node) pairs of the pass's starting nodes: one hash lookup less per node than keys + get.
        for (id, node) in nodes {
            guard node.type == .pod else { continue }
            // The node as it is now: a task result may have just changed it; nothing else before its own turn does.
            var current = node
            if !snapshot.taskResults.isEmpty, case .some = snapshot.taskResults[id] {
                applyTaskResult(id)
                if let n = nodes[id] { current = n }
            }
            if node.fulfilled { continue }
            guard let pod = snapshot.pods[podName(of: node)] else {
                // A Pending node without a pod is (re)created when its template runs; a started one lost its pod.
                if node.phase != .pending { markNodeError(node.name, "pod deleted") }
                continue
            }
            // Argo: a pod that succeeded before its executor reported all its outputs leaves the node as it is.
            if pod.phase == .succeeded, snapshot.taskResults[id]?.outputsCompleted == false { continue }
            let assessed = assessNodeStatus(pod, node: current)
            if assessed.children?.isEmpty == false { reconcileContainerNodes(of: assessed, pod) }
        }
    }

    /// Moves the pod node on from its pod; returns the node as it is now. Every change below is guarded by an
    /// inequality, so `touched` says whether the node differs from before without comparing whole nodes.
    @discardableResult
    func assessNodeStatus(_ pod: PodObservation, node current: NodeStatus) -> NodeStatus {
        var node = current
        var touched = false
        var newPhase: NodePhase
        var message = ""
        switch pod.phase {
        case .pending:
            newPhase = .pending
            message = OperationContext.pendingReason(pod)
        case .succeeded:
            newPhase = .succeeded
        case .failed:
            (newPhase, message) = OperationContext.inferFailedReason(pod)
        case .running:
            if pod.deleting {
                newPhase = .error
                message = "pod deleted during operation"
            } else {
                newPhase = .running
            }
        case .unknown:
            newPhase = .error
            message = "Unexpected pod phase for \(podName(of: node)): Unknown"
        }
        if node.phase != newPhase {
            if node.phase == .pending { node.message = nil }
            node.phase = newPhase
            touched = true
        }
        if !message.isEmpty, node.message != message { node.message = message; touched = true }
        if let host = pod.hostNodeName, node.hostNodeName != host { node.hostNodeName = host; touched = true }
        if let ip = pod.podIP, node.podIP != ip { node.podIP = ip; touched = true }
        if let code = OperationContext.mainExitCode(pod) {
            var outputs = node.outputs ?? Outputs()
            if outputs.exitCode != String(code) {
                outputs.exitCode = String(code)
                node.outputs = outputs
                touched = true
            }
        }
        if node.fulfilled {
            if node.finishedAt == nil { node.finishedAt = OperationContext.latestFinishedAt(pod) ?? pod.finishedAt ?? now; touched = true }
            if node.progress != "1/1" { node.progress = "1/1"; touched = true }
        }
        if touched {
            store(node)
            if node.fulfilled { addOutputsToGlobalScope(node.outputs) }
        }
        return node
    }

    static func pendingReason(_ pod: PodObservation) -> String {
        for c in pod.containers {
            if case .waiting(let reason, let message) = c.state, let reason {
                if let message, !message.isEmpty { return "\(reason): \(message)" }
                return reason
            }
        }
        return pod.message ?? ""
    }

    static func mainExitCode(_ pod: PodObservation) -> Int? {
        for c in pod.containers where c.name == "main" {
            if case .terminated(let code, _, _, _) = c.state { return code }
        }
        return nil
    }

    static func latestFinishedAt(_ pod: PodObservation) -> KubeTime? {
        var latest: KubeTime?
        for c in pod.initContainers + pod.containers {
            if case .terminated(_, _, _, let f?) = c.state, latest == nil || f > latest! { latest = f }
        }
        return latest
    }

    /// The phase and message of a failed pod: the pod's own message, else the first failing container in the
    /// order init, main, wait, sidecars (`Error (exit code 1)`, `OOMKilled (exit code 137)`).
    static func inferFailedReason(_ pod: PodObservation) -> (NodePhase, String) {
        if let m = pod.message, !m.isEmpty { return (.failed, m) }
        func rank(_ name: String, isInit: Bool) -> Int {
            if isInit { return 0 }
            switch name { case "main": return 1; case "wait": return 2; default: return 3 }
        }
        let ordered = (pod.initContainers.map { ($0, true) } + pod.containers.map { ($0, false) })
            .enumerated().sorted { (rank($0.element.0.name, isInit: $0.element.1), $0.offset) < (rank($1.element.0.name, isInit: $1.element.1), $1.offset) }
            .map { $0.element }
        for (c, isInit) in ordered {
            switch c.state {
            case .waiting(let reason, let message):
                return (.error, "Pod failed before \(c.name) container starts due to \(reason ?? ""): \(message ?? "")")
            case .running:
                continue
            case .terminated(let code, let reason, let message, _):
                if code == 0 { continue }
                var msg = "\(reason ?? "Error") (exit code \(code))"
                if let message, !message.isEmpty { msg += ": \(message)" }
                if isInit { return (c.name == "init" ? .error : .failed, msg) }
                if c.name == "main" { return (.failed, msg) }
                if c.name == "wait" { return (.error, msg) }
                if code == 137 || code == 143 { continue }
                return (.failed, msg)
            }
        }
        return (.succeeded, "")
    }
}
