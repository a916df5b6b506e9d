import ArgumentParser
import Controller
import Foundation
import Templates

/// `submit --from KIND/NAME`: a workflow that runs a stored (Cluster)WorkflowTemplate, built as argo-server's
/// `SubmitWorkflow` builds it: `generateName` NAME-, a `workflowTemplateRef`, and the label naming the template;
/// or a CronWorkflow's workflow, run now.
struct SubmitFrom {
    var name: String
    var clusterScope: Bool
    /// A CronWorkflow's workflow, run now (Argo's `ConvertCronWorkflowToWorkflow`).
    var cron: Bool

    /// The kind spellings argo accepts: the kind, its singular and plural, and its short name.
    static let namespacedKinds: Set<String> = ["WorkflowTemplate", "workflowtemplate", "workflowtemplates", "wftmpl"]
    static let clusterKinds: Set<String> = [
        "ClusterWorkflowTemplate", "clusterworkflowtemplate", "clusterworkflowtemplates", "cwftmpl",
    ]
    static let cronKinds: Set<String> = ["CronWorkflow", "cronworkflow", "cronworkflows", "cronwf"]

    init(_ from: String) throws(ValidationError) {
        let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw ValidationError("--from \(from): use KIND/NAME, e.g. workflowtemplate/my-template")
        }
        guard Self.namespacedKinds.contains(parts[0]) || Self.clusterKinds.contains(parts[0]) || Self.cronKinds.contains(parts[0])
        else {
            throw ValidationError("Resource kind '\(parts[0])' is not supported with --from: use workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronwf/NAME")
        }
        name = parts[1]
        clusterScope = Self.clusterKinds.contains(parts[0])
        cron = Self.cronKinds.contains(parts[0])
    }

    /// The workflow, once the template is found (else the API's NotFound, as argo-server answers).
    func workflow(cluster: any Cluster, namespace: String, now: Date) async throws(ClusterError) -> JSONValue {
        let resource: ResourceKind = cron ? .cronWorkflow : clusterScope ? .clusterWorkflowTemplate : .workflowTemplate
        let stored: JSONValue
        do {
            stored = try await cluster.get(resource, namespace: clusterScope ? nil : namespace, name: name)
        } catch .notFound(let message) {
            throw .other(message)
        }
        if cron {
            let spec = try JSONBridge.decode(CronWorkflow.self, from: stored)
            return try JSONBridge.encode(CronChildWorkflow.submitted(spec, now: KubeTime(seconds: Int64(now.timeIntervalSince1970))))
        }
        let label = clusterScope ? Common.labelKeyClusterWorkflowTemplate : Common.labelKeyWorkflowTemplate
        var ref: JSONObject = ["name": .string(name)]
        if clusterScope { ref["clusterScope"] = true }
        return [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": ["generateName": .string(name + "-"), "labels": [label: .string(name)]],
            "spec": ["workflowTemplateRef": .object(ref)],
        ]
    }
}
