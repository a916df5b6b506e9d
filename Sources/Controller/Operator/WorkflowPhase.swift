import Templates

/// The workflow-level part of `operate`: Running with startedAt on the first pass, reference checks, pod
/// reconciliation, deadlines, `spec.suspend`, the entrypoint, the exit handler, and the final phase and message.
extension OperationContext {
    func run() {
        if status.phaseIsCompleted { return }
        if let failure = setGlobalParameters() {
            markWorkflowPhase(.error, message: failure)
            updateProgress()
            return
        }
        if status.phase == nil || status.phase == .pending || status.phase == .unknown {
            markWorkflowPhase(.running, message: "")
            globalParams["workflow.duration"] = format6(0)
            // The merge clears the reference; one still here names a template that does not exist. Argo marks
            // the workflow Error with the API's NotFound message when it cannot load the stored spec.
            if let ref = spec.workflowTemplateRef {
                let kind = ref.clusterScope == true ? "clusterworkflowtemplates" : "workflowtemplates"
                markWorkflowPhase(.error, message: "\(kind).argoproj.io \"\(ref.name ?? "")\" not found")
                return
            }
            if let problem = checkReferences() {
                markWorkflowPhase(.failed, message: "invalid spec: \(problem)")
                return
            }
            if let d = workflowDeadline { requeue(at: d) }
        } else {
            reconcilePods()
            applyDeadline()
        }
        if spec.suspend == true { updateProgress(); return }
        // Argo's `getActivePods("")`: the workflow's `parallelism` counts the pods already running from earlier
        // passes, then each pod this pass creates (`checkParallelism`).
        if spec.parallelism != nil { activePods = countActivePods() }

        execError = nil
        let holder = TemplateHolder(template: spec.entrypoint)
        let root = executeTemplate(wfName, holder, rootContext, args: spec.arguments, opts: ExecOpts())
        if let err = execError {
            markWorkflowPhase(.error, message: "error in entry template execution: \(err)")
            updateProgress()
            return
        }
        guard let root, root.fulfilled, let rootPhase = root.phase else { updateProgress(); return }

        var exitNode: NodeStatus?
        if let onExit = spec.onExit, !onExit.isEmpty, spec.shutdown != "Terminate" {
            setExitHandlerGlobals(rootPhase: rootPhase)
            exitNode = executeTemplate(NodeNames.onExit(wfName), TemplateHolder(template: onExit), rootContext,
                                       args: spec.arguments, opts: ExecOpts(onExitTemplate: true))
            guard let e = exitNode, e.fulfilled else { updateProgress(); return }
        }
        var message = root.message ?? ""
        if rootPhase.failedOrError, let s = spec.shutdown, !s.isEmpty { message = "Stopped with strategy '\(s)'" }
        switch OperationContext.workflowPhase(for: rootPhase) {
        case .succeeded:
            if let e = exitNode, e.failedOrError {
                markWorkflowPhase(e.phase == .failed ? .failed : .error, message: e.message ?? "")
            } else {
                markWorkflowPhase(.succeeded, message: "")
            }
        case .failed: markWorkflowPhase(.failed, message: message)
        case .error: markWorkflowPhase(.error, message: message)
        default: break
        }
        updateProgress()
    }

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
