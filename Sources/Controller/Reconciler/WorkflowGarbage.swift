import Templates
import ClusterAPI

/// What of a workflow is garbage, and when: Argo's pod GC (`spec.podGC`: `determinePodCleanupAction`) and its
/// TTL controller (`spec.ttlStrategy`), from the workflow's spec as it runs (a `workflowTemplateRef`'s merged in by
/// the caller). Pure: the sync deletes what is due and comes back when the next is.
enum WorkflowGarbage {
    /// Argo's controller default for `podGCDeleteDelayDuration`, used when `podGC.deleteDelayDuration` is absent.
    static let defaultPodDeleteDelay: Int64 = 5

    /// When the workflow itself is deleted: its `finishedAt` plus the TTL for its phase (`secondsAfterFailure` for
    /// Failed, `secondsAfterSuccess` for Succeeded, else `secondsAfterCompletion`); nil while it runs or without one.
    static func expiry(of workflow: Workflow) -> KubeTime? {
        guard let ttl = workflow.spec.ttlStrategy, let status = workflow.status, let phase = status.phase,
            phase.isCompleted, let finished = status.finishedAt
        else { return nil }
        let seconds: Int?
        if phase == .failed, let s = ttl.secondsAfterFailure {
            seconds = s
        } else if phase == .succeeded, let s = ttl.secondsAfterSuccess {
            seconds = s
        } else {
            seconds = ttl.secondsAfterCompletion
        }
        return seconds.map { finished + Int64($0) }
    }

    /// The pods to delete at `now`, and the earliest time another one will be due (nil: none will).
    static func pods(of workflow: Workflow, _ pods: [JSONValue], now: KubeTime) -> (due: [String], next: KubeTime?) {
        guard let gc = workflow.spec.podGC, let strategy = gc.strategy, !strategy.isEmpty,
            let nodes = workflow.status?.nodes
        else { return ([], nil) }
        let selector = gc.labelSelector.map(LabelSelector.init(kubernetes:)) ?? .some(LabelSelector.everything)
        let delay = gc.deleteDelayDuration.flatMap { try? GoDurationText.parse($0).get() }.map { max(0, $0 / 1_000_000_000) } ?? defaultPodDeleteDelay
        let byWorkflow = strategy == "OnWorkflowCompletion" || strategy == "OnWorkflowSuccess"
        var due: [String] = []
        var next: KubeTime?
        for pod in pods {
            let meta = pod["metadata"]
            guard let name = meta?["name"]?.stringValue, meta?["deletionTimestamp"]?.isNull ?? true,
                let nodeID = meta?["annotations"]?[Common.annotationKeyNodeID]?.stringValue,
                let node = nodes[nodeID], node.phase?.isFulfilled == true
            else { continue }
            let labels = (meta?["labels"]?.objectValue ?? [:]).reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue }
            guard deletes(strategy: strategy, selector: selector, podLabels: labels,
                          workflowPhase: workflow.status?.phase, podPhase: pod["status"]?["phase"]?.stringValue)
            else { continue }
            let since = (byWorkflow ? workflow.status?.finishedAt : node.finishedAt) ?? now
            let at = since + delay
            if at <= now { due.append(name) } else { next = min(next ?? at, at) }
        }
        return (due, next)
    }

    /// Argo's `determinePodCleanupAction`, for a pod whose node is fulfilled: true when the pod is deleted. A pod
    /// the selector does not match is never deleted; an invalid selector (nil) matches none.
    static func deletes(strategy: String, selector: LabelSelector?, podLabels: [String: String],
                        workflowPhase: WorkflowPhase?, podPhase: String?) -> Bool {
        guard let selector, selector.matches(podLabels) else { return false }
        switch strategy {
        case "OnWorkflowCompletion": return workflowPhase?.isCompleted == true
        case "OnWorkflowSuccess": return workflowPhase == .succeeded
        case "OnPodCompletion": return true
        case "OnPodSuccess": return podPhase == "Succeeded"
        default: return false
        }
    }
}

extension LabelSelector {
    /// The selector that matches every set of labels (an empty `metav1.LabelSelector`).
    static var everything: LabelSelector { LabelSelector(requirements: []) }

    /// A `metav1.LabelSelector` (`matchLabels`, `matchExpressions` with `In`, `NotIn`, `Exists`, `DoesNotExist`);
    /// nil when it is not one.
    init?(kubernetes value: JSONValue) {
        guard case .object(let object) = value else { return nil }
        var requirements: [Requirement] = []
        for (key, label) in object["matchLabels"]?.objectValue ?? [:] {
            guard let text = label.stringValue else { return nil }
            requirements.append(.equals(key, text))
        }
        for expression in object["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue else { return nil }
            let values = Set((expression["values"]?.arrayValue ?? []).compactMap(\.stringValue))
            switch expression["operator"]?.stringValue {
            case "In": requirements.append(.isIn(key, values))
            case "NotIn": requirements.append(.notIn(key, values))
            case "Exists": requirements.append(.exists(key))
            case "DoesNotExist": requirements.append(.doesNotExist(key))
            default: return nil
            }
        }
        self.init(requirements: requirements)
    }
}
