/// The resources the fake serves, with the per-type behaviour kube-apiserver has for each.
struct FakeResource: Sendable, Hashable {
    var group: String
    var version: String
    var plural: String
    var singular: String
    var kind: String
    var namespaced: Bool
    var shortNames: [String] = []
    /// DELETE answers with the deleted object (pods, custom resources); the others answer a `Status` of Success.
    var returnsDeletedObject = false
    /// A `status` subresource: the main resource ignores status changes and `/status` changes only status.
    var hasStatusSubresource = false
    /// Custom resources (CRDs) do not support strategic merge patch (415), and their lists' items carry apiVersion
    /// and kind, which built-in types' list items do not.
    var isCustom = false

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var groupVersion: String { apiVersion }
    /// `pods`, `workflows.argoproj.io`: how messages name it.
    var qualified: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `Pod`, `Workflow.argoproj.io`: how Invalid messages name it (schema.GroupKind.String()).
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    static let all: [FakeResource] = [
        FakeResource(group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true,
                     shortNames: ["po"], returnsDeletedObject: true, hasStatusSubresource: true),
        FakeResource(group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap",
                     namespaced: true, shortNames: ["cm"]),
        FakeResource(group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret", namespaced: true),
        FakeResource(group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true,
                     shortNames: ["ev"]),
        FakeResource(group: "", version: "v1", plural: "serviceaccounts", singular: "serviceaccount",
                     kind: "ServiceAccount", namespaced: true, shortNames: ["sa"]),
        FakeResource(group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace",
                     namespaced: false, shortNames: ["ns"]),
        FakeResource(group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease",
                     namespaced: true),
        argo("workflows", "workflow", "Workflow", shortNames: ["wf"]),
        argo("workflowtemplates", "workflowtemplate", "WorkflowTemplate", shortNames: ["wftmpl"]),
        argo("clusterworkflowtemplates", "clusterworkflowtemplate", "ClusterWorkflowTemplate", namespaced: false,
             shortNames: ["clusterwftmpl", "cwft"]),
        argo("cronworkflows", "cronworkflow", "CronWorkflow", shortNames: ["cwf", "cronwf"]),
        argo("workflowtaskresults", "workflowtaskresult", "WorkflowTaskResult"),
    ]

    /// Argo's CRDs as Argo installs them: no status subresource (`subresources: {}`), so status is written with
    /// the object.
    static func argo(_ plural: String, _ singular: String, _ kind: String, namespaced: Bool = true,
                     shortNames: [String] = []) -> FakeResource {
        FakeResource(group: "argoproj.io", version: "v1alpha1", plural: plural, singular: singular, kind: kind,
                     namespaced: namespaced, shortNames: shortNames, returnsDeletedObject: true, isCustom: true)
    }
}
