import Templates
import ClusterAPI

// The Workflow a CronWorkflow submits for one activation: Argo's `ConvertCronWorkflowToWorkflowWithProperties`
// and `toWorkflow` (workflow/common/convert.go), and the ObjectReference kept in `status.active`.

public enum CronChildWorkflow {
    /// Labels of the CronWorkflow that its workflows inherit (Argo's `labelsToPropagate`).
    static let propagatedLabels = [
        Common.labelKeyCreator, Common.labelKeyCreatorEmail,
        Common.labelKeyCreatorPreferredUsername,
    ]

    /// Argo's `getChildWorkflowName`: `<cron>-<scheduled time in Unix seconds>`.
    static func name(cron: String, scheduled: KubeTime) -> String { "\(cron)-\(scheduled.seconds)" }

    /// The workflow to create for the activation at `scheduled`.
    static func make(_ cron: CronWorkflow, scheduled: KubeTime) -> Workflow {
        let cronName = cron.metadata.name ?? ""
        let cronLabels = cron.metadata.labels ?? [:]
        var labels: [String: String] = [:]
        for key in propagatedLabels + [Common.labelKeyControllerInstanceID] {
            if let value = cronLabels[key] { labels[key] = value }
        }
        labels[Common.labelKeyCronWorkflow] = cronName
        var annotations = [Common.annotationKeyCronWfScheduledTime: scheduled.rfc3339]
        var finalizers: [String] = []
        if let extra = cron.spec.workflowMetadata {
            labels.merge(extra.labels ?? [:]) { _, new in new }
            annotations.merge(extra.annotations ?? [:]) { _, new in new }
            finalizers = extra.finalizers ?? []
        }
        let owner: JSONValue = .object([
            "apiVersion": .string(ArgoAPI.version),
            "kind": .string("CronWorkflow"),
            "name": .string(cronName),
            "uid": .string(cron.metadata.uid ?? ""),
            "controller": .bool(true),
            "blockOwnerDeletion": .bool(true),
        ])
        let metadata = ObjectMeta(
            name: name(cron: cronName, scheduled: scheduled), namespace: cron.metadata.namespace,
            labels: labels, annotations: annotations, ownerReferences: [owner],
            finalizers: finalizers.isEmpty ? nil : finalizers
        )
        return Workflow(apiVersion: cron.apiVersion ?? ArgoAPI.version, kind: "Workflow", metadata: metadata,
                        spec: cron.spec.workflowSpec)
    }

    /// Argo's `ConvertCronWorkflowToWorkflow`, for `submit --from cronwf/NAME`: the activation's workflow, run
    /// now, under a generated name (`<cron>-`).
    public static func submitted(_ cron: CronWorkflow, now: KubeTime) -> Workflow {
        var wf = make(cron, scheduled: now)
        wf.metadata.name = nil
        wf.metadata.generateName = (cron.metadata.name ?? "") + "-"
        return wf
    }

    /// A `corev1.ObjectReference` to a workflow, in Go's field order. `uid` and `resourceVersion` are only known
    /// once the workflow is stored: a reference to a workflow this pass creates has neither (Argo takes them from
    /// the create response); the next pass fills them in from the stored child.
    static func reference(to wf: Workflow) -> JSONValue {
        var ref: JSONObject = ["kind": .string(wf.kind ?? "Workflow")]
        if let ns = wf.metadata.namespace { ref["namespace"] = .string(ns) }
        ref["name"] = .string(wf.metadata.name ?? "")
        if let uid = wf.metadata.uid, !uid.isEmpty { ref["uid"] = .string(uid) }
        ref["apiVersion"] = .string(wf.apiVersion ?? ArgoAPI.version)
        if let rv = wf.metadata.resourceVersion, !rv.isEmpty { ref["resourceVersion"] = .string(rv) }
        return .object(ref)
    }
}
