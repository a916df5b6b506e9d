import Templates
import ClusterAPI

/// A new workflow from a finished (or any) one, as argo-server's `FormulateResubmitWorkflow` makes it without
/// `--memoized`: the same spec, user labels and annotations, a generated name, and nothing of the old status.
public enum WorkflowResubmit {
    /// Labels the controller or the server set, which the new workflow must not inherit.
    public static let droppedLabels: Set<String> = [
        Common.labelKeyCreator, Common.labelKeyCreatorEmail,
        Common.labelKeyCreatorPreferredUsername, Common.labelKeyPhase,
        Common.labelKeyCompleted, Common.labelKeyWorkflowArchivingStatus,
    ]

    /// `parameters`: `NAME=VALUE` overrides of `spec.arguments.parameters`, as `submit -p` applies them.
    public static func formulate(_ old: JSONValue, parameters: [String]) throws(ActionError) -> JSONValue {
        let metadata = old["metadata"] ?? [:]
        let name = metadata["name"]?.stringValue ?? ""
        let generateName = metadata["generateName"]?.stringValue ?? ""
        var newMetadata: JSONObject = [
            "generateName": .string(generateName.isEmpty ? name + "-" : generateName),
            "namespace": metadata["namespace"] ?? "default",
        ]
        var labels: JSONObject = [:]
        for (key, value) in metadata["labels"]?.objectValue ?? [:] where !droppedLabels.contains(key) { labels[key] = value }
        labels[Common.labelKeyPreviousWorkflowName] = .string(name)
        newMetadata["labels"] = .object(labels)
        if let annotations = metadata["annotations"], !(annotations.objectValue?.isEmpty ?? true) {
            newMetadata["annotations"] = annotations
        }
        if let owners = metadata["ownerReferences"], !(owners.arrayValue?.isEmpty ?? true) {
            newMetadata["ownerReferences"] = owners
        }
        var spec = old["spec"] ?? [:]
        // A terminated workflow's deadline of 0 and its shutdown order belong to the old run.
        if spec["activeDeadlineSeconds"]?.intValue == 0 { spec["activeDeadlineSeconds"] = nil }
        spec["shutdown"] = nil
        var new: JSONValue = [
            "apiVersion": old["apiVersion"] ?? "argoproj.io/v1alpha1", "kind": old["kind"] ?? "Workflow",
            "metadata": .object(newMetadata), "spec": spec,
        ]
        if !parameters.isEmpty {
            var overrides = SubmitOverrides(namespace: metadata["namespace"]?.stringValue ?? "default")
            overrides.parameters = parameters
            try overrides.apply(to: &new)
        }
        return new
    }
}
