import Templates
import ClusterAPI

extension Operator {
    /// `operate`, repeated on its own output until a pass would change nothing more: what a sync writes is then a
    /// fixed point, and the watch event of that write needs no pass of its own. One pass is not always enough:
    /// pods are reconciled before templates run, so a node created for a pod that already exists (its status
    /// was lost to a conflict, say) is assessed only by the next pass, and what depends on it waits for that.
    ///
    /// Pods the passes asked to create count as Pending pods for the following ones. Stops early (not
    /// converged) at `maxPasses`, or after a pass that deletes pods, whose effect only the cluster can show.
    ///
    /// `first`, when given, is `operate(snapshot, now)` already run (its actions already carried out: the
    /// result's actions begin with them).
    public static func converge(_ snapshot: WorkflowSnapshot, now: KubeTime, first: OperateResult? = nil,
                                maxPasses: Int = 4) -> (result: OperateResult, converged: Bool)
    {
        var result = first ?? operate(snapshot, now: now)
        var last = result
        var current = snapshot
        for _ in 1..<max(1, maxPasses) {
            guard !last.changedNodeIDs.isEmpty || last.workflowFieldsChanged else { return (result, true) }
            if last.actions.contains(where: \.deletesPod) { return (result, false) }
            current.workflow.status = last.status
            for case .createPod(let pod) in last.actions {
                let name = pod.name
                guard !name.isEmpty, current.pods[name] == nil else { continue }
                current.pods[name] = PodObservation(phase: .pending)
            }
            last = operate(current, now: now)
            result.status = last.status
            result.changedNodeIDs.formUnion(last.changedNodeIDs)
            result.workflowFieldsChanged = result.workflowFieldsChanged || last.workflowFieldsChanged
            result.actions += last.actions
        }
        return (result, last.changedNodeIDs.isEmpty && !last.workflowFieldsChanged)
    }
}

extension OperatorAction {
    var deletesPod: Bool {
        if case .deletePod = self { return true }
        return false
    }
}
