import Templates
import ClusterAPI

/// The workflow-level helpers of `operate` (Operator.swift): phases, deadlines, reference checks.
extension OperationContext {
    func markWorkflowPhase(_ phase: WorkflowPhase, message: String) {
        if status.phase != phase {
            status.phase = phase
            switch phase {
            case .running: actions.append(.emitEvent(type: "Normal", reason: "WorkflowRunning", message: "Workflow Running"))
            case .succeeded: actions.append(.emitEvent(type: "Normal", reason: "WorkflowSucceeded", message: "Workflow completed"))
            case .failed, .error: actions.append(.emitEvent(type: "Warning", reason: "WorkflowFailed", message: message))
            case .pending, .unknown: break
            }
        }
        if status.startedAt == nil { status.startedAt = now }
        if (status.message ?? "") != message { status.message = message.isEmpty ? nil : message }
        if phase == .error, var root = nodes[wfName], root.phase == .running {
            root.phase = .error
            root.message = "Workflow operation error"
            root.finishedAt = now
            store(root)
        }
        if status.phaseIsCompleted && status.finishedAt == nil { status.finishedAt = now }
    }

    /// `spec.activeDeadlineSeconds`: once passed, running pods are stopped and unfinished pod/suspend nodes fail.
    func applyDeadline() {
        let shutdown = spec.shutdown ?? ""
        let deadlinePassed = workflowDeadline.map { now.time > $0 } ?? false
        guard deadlinePassed || !shutdown.isEmpty else { return }
        let message = shutdown.isEmpty ? "Step exceeded its deadline" : "Stopped with strategy '\(shutdown)'"
        for id in nodes.keys {
            guard let node = nodes[id], !node.fulfilled else { continue }
            switch node.type {
            case .suspend:
                markNodePhase(node.name, .failed, message: message)
            case .pod:
                if node.boundaryID != nil, shutdown == "Stop", isUnderExitHandler(node) { continue }
                if snapshot.pods[podName(of: node)] != nil { actions.append(.deletePod(podName(of: node))) }
                markNodePhase(node.name, .failed, message: message)
            default:
                continue
            }
        }
    }

    func isUnderExitHandler(_ node: NodeStatus) -> Bool { node.name.contains(".onExit") }

    /// Template references the workflow can never resolve, reported as Argo's validator words them.
    func checkReferences() -> String? {
        let entry = spec.entrypoint ?? ""
        if rootContext.templates[entry] == nil {
            return entry.isEmpty ? "spec.entrypoint is required" : "template name '\(entry)' undefined"
        }
        if let onExit = spec.onExit, !onExit.isEmpty, rootContext.templates[onExit] == nil {
            return "spec.onExit template name '\(onExit)' undefined"
        }
        for t in spec.templates ?? [] {
            let tname = t.name ?? ""
            for (i, group) in (t.steps ?? []).enumerated() {
                for step in group {
                    if let problem = referenceProblem(TemplateHolder(step)) {
                        return "templates.\(tname).steps[\(i)].\(step.name ?? "") \(problem)"
                    }
                }
            }
            // By index: a DAGTask is ~7 KB inline, and a DAG can have thousands.
            let tasks = t.dag?.tasks ?? []
            for i in tasks.indices {
                if let problem = referenceProblem(TemplateHolder(tasks[i])) {
                    return "templates.\(tname).tasks.\(tasks[i].name) \(problem)"
                }
            }
        }
        return nil
    }

    func referenceProblem(_ holder: TemplateHolder) -> String? {
        if let ref = holder.templateRef {
            if case .failure = resolve(holder, in: rootContext) {
                return "template reference \(ref.name ?? "").\(ref.template ?? "") not found"
            }
            return nil
        }
        if holder.inline != nil && holder.template == nil { return nil }
        guard let name = holder.template, !name.contains("{{") else { return nil }
        return rootContext.templates[name] == nil ? "template name '\(name)' undefined" : nil
    }

    static func parseProgress(_ p: String) -> (Int, Int) {
        // The two values nearly every pod has, without splitting.
        if p == "1/1" { return (1, 1) }
        if p == "0/1" { return (0, 1) }
        let parts = p.split(separator: "/")
        guard parts.count == 2, let d = Int(parts[0]), let t = Int(parts[1]) else { return (0, 0) }
        return (d, t)
    }
}
