import Templates
import ClusterAPI

// History limits and the bookkeeping of `status.active`, as Argo's periodic sync does them
// (`enforceHistoryLimit` then `reconcileActiveWfs` in workflow/cron/operator.go).

enum CronHistory {
    /// Finished children beyond `successfulJobsHistoryLimit` (default 3) succeeded and `failedJobsHistoryLimit`
    /// (default 1) failed or errored ones, newest kept (by `finishedAt`, else `creationTimestamp`).
    static func toDelete(_ cron: CronWorkflow, children: [Workflow], events: inout [String]) -> [String] {
        let name = cron.metadata.name ?? ""
        let mine = children.filter { $0.metadata.labels?[Common.labelKeyCronWorkflow] == name }
        let finished = mine.filter { $0.status?.phase?.isCompleted ?? false }
        let succeeded = finished.filter { $0.status?.phase == .succeeded }
        let failed = finished.filter { $0.status?.phase != .succeeded }
        func limit(_ value: Int?, _ fallback: Int) -> Int { value.flatMap { $0 >= 0 ? $0 : nil } ?? fallback }
        let doomed = oldest(succeeded, keeping: limit(cron.spec.successfulJobsHistoryLimit, 3))
            + oldest(failed, keeping: limit(cron.spec.failedJobsHistoryLimit, 1))
        for wf in doomed { events.append("Deleted Workflow '\(wf)' due to CronWorkflow '\(name)' history limit") }
        return doomed
    }

    private static func oldest(_ list: [Workflow], keeping keep: Int) -> [String] {
        guard keep < list.count else { return [] }
        func finished(_ wf: Workflow) -> Int64 {
            (wf.status?.finishedAt ?? wf.metadata.creationTimestamp)?.seconds ?? Int64.min
        }
        // Stable, newest first, as Argo's sort.SliceStable on FinishedAt.
        let sorted = list.enumerated().sorted { a, b in
            let (x, y) = (finished(a.element), finished(b.element))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        return sorted[keep...].map { $0.metadata.name ?? "" }
    }

    /// Brings `status.active` in line with the children: running children missing from it are added; references
    /// whose child is gone or finished are dropped, and each finished one counts into `succeeded` or `failed`.
    /// Returns the phases of the children that finished since the last pass.
    static func reconcileActive(_ status: inout CronWorkflowStatus, children: [Workflow]) -> [WorkflowPhase] {
        var active = status.active ?? []
        for wf in children where !(wf.status?.phase?.isCompleted ?? false) {
            if let i = active.firstIndex(where: { refers($0, to: wf) }) {
                active[i] = CronChildWorkflow.reference(to: wf)  // fills in uid and resourceVersion
            } else {
                active.append(CronChildWorkflow.reference(to: wf))
            }
        }
        var finished: [WorkflowPhase] = []
        active.removeAll { ref in
            guard let wf = children.first(where: { refers(ref, to: $0) }) else { return true }
            guard let phase = wf.status?.phase, phase.isCompleted else { return false }
            finished.append(phase)
            return true
        }
        for phase in finished {
            if phase == .succeeded { status.succeeded = (status.succeeded ?? 0) + 1 }
            else { status.failed = (status.failed ?? 0) + 1 }
        }
        status.active = active.isEmpty ? nil : active
        return finished
    }

    /// A reference names a child by uid when both have one, else by name (a reference made before creation).
    static func refers(_ ref: JSONValue, to wf: Workflow) -> Bool {
        if let uid = ref["uid"]?.stringValue, !uid.isEmpty, let wfUID = wf.metadata.uid, !wfUID.isEmpty {
            return uid == wfUID
        }
        return ref["name"]?.stringValue == wf.metadata.name
    }
}
