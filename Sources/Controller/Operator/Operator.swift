import Templates
import ClusterAPI

/// One pure reconcile of one workflow, as Argo's `workflow/controller` `operate` does it: no clock, no I/O. What it
/// reads is a `WorkflowSnapshot` (Snapshot.swift); what it returns, the new status and the actions to take.
public enum Operator {
    public static func operate(_ snapshot: WorkflowSnapshot, now: KubeTime) -> OperateResult {
        let ctx = OperationContext(snapshot: snapshot, now: now)
        ctx.operate()
        return ctx.result()
    }
}

extension OperationContext {
    /// Argo's `operate` (operator.go): Running with startedAt on the first pass, reference checks, pod
    /// reconciliation (`podReconciliation`), deadlines, `spec.suspend`, the entrypoint (`executeTemplate`), the exit
    /// handler (`runOnExitNode` for steps and tasks; the workflow's `onExit` here), and the final phase and message.
    func operate() {
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
            podReconciliation()
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
}
