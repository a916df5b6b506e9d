import Foundation
import Templates
import ClusterAPI

/// What `argo retry` makes of a stored workflow, as a pure function (argo's `FormulateRetryWorkflow` in
/// `workflow/util/util.go`): the workflow to write back, Running again with its failed work removed, and the pods
/// to delete first so the controller runs those nodes anew.
///
/// - Only a Failed or Error workflow can be retried; a Succeeded one only with `restartSuccessful` and a
///   node field selector.
/// - Deleted: every failed or errored execution node (Pod, Container, HTTP, Plugin) none of whose descendants
///   succeeded (a failed attempt of a Retry node whose later attempt succeeded stays), every node the selector
///   picks when `restartSuccessful` is set, everything below those, and the workflow's exit handler nodes.
/// - Reset to Running (message and finishedAt cleared, startedAt now): the Steps, StepGroup, DAG, TaskGroup and
///   Retry nodes on the path from a deleted node up to the root, and the boundaries they sit in.
public struct WorkflowRetry: Sendable {
    public struct Plan: Sendable {
        /// The workflow to write back.
        public var workflow: JSONValue
        /// Pods of deleted Pod nodes, in node order, each once.
        public var podsToDelete: [String]
    }

    public var restartSuccessful = false
    public var nodeFieldSelector = ""
    /// `NAME=VALUE` overrides of `spec.arguments.parameters` (as `submit -p`).
    public var parameters: [String] = []

    public init(restartSuccessful: Bool = false, nodeFieldSelector: String = "", parameters: [String] = []) {
        self.restartSuccessful = restartSuccessful
        self.nodeFieldSelector = nodeFieldSelector
        self.parameters = parameters
    }

    public func formulate(_ wf: JSONValue, now: Date) throws(ActionError) -> Plan {
        let view = WorkflowView(wf)
        let phase = wf["status"]?["phase"]?.stringValue ?? ""
        switch phase {
        case "Failed", "Error": break
        case "Succeeded":
            guard restartSuccessful && !nodeFieldSelector.isEmpty else {
                throw ActionError("To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector")
            }
        default:
            throw ActionError("Cannot retry a workflow in phase \(phase)")
        }
        let stamp = JSONValue.string(KubeTimeText.format(now))
        var out = try Self.resetWorkflow(wf, parameters: parameters, startedAt: stamp)
        let graph = try RetryNodeGraph(workflowName: view.name, nodes: wf["status"]?["nodes"]?.objectValue ?? [:])

        var picked = Set<String>()
        if restartSuccessful && !nodeFieldSelector.isEmpty {
            let selector = try FieldSelector(nodeFieldSelector)
            picked = Set(graph.order.filter { graph.nodes[$0].map { selector.matches($0.selectorFields) } ?? false })
        }
        var failed = Set<String>()
        for id in graph.order {
            guard let node = graph.nodes[id], node.phase == "Failed" || node.phase == "Error",
                RetryNodeGraph.executionTypes.contains(node.type)
            else { continue }
            // An attempt of a Retry node counts as failed only when no later attempt succeeded.
            var judged = id
            if node.object["nodeFlag"]?["retried"]?.boolValue == true, let retry = graph.parent[id] { judged = retry }
            if !graph.hasSucceededDescendant(judged, skipping: picked) { failed.insert(id) }
        }
        let toStart = picked.union(failed)

        var reset = Set<String>(), delete = Set<String>()
        for id in try graph.breadthFirst() where toStart.contains(id) && !delete.contains(id) {
            let path = try graph.resetPath(from: id)
            reset.formUnion(path.reset)
            delete.formUnion(path.delete)
        }

        let onExitName = NodeNames.onExit(view.name)
        var pods: [String] = []
        var named = Set<String>()
        func addPod(_ id: String) {
            guard let node = graph.nodes[id], node.type == "Pod" else { return }
            let name = Self.podName(view, node)
            if named.insert(name).inserted { pods.append(name) }
        }
        for id in graph.order where delete.contains(id) { addPod(id) }
        for id in graph.order where graph.nodes[id]?.name == onExitName {
            addPod(id)
            let below = graph.descendants(of: id)
            for other in graph.order where below.contains(other) { addPod(other) }
        }

        var nodes = JSONObject()
        for id in graph.order {
            guard let node = graph.nodes[id], !delete.contains(id), !node.name.hasPrefix(onExitName) else { continue }
            var object = reset.contains(id) ? Self.resetNode(node, startedAt: stamp) : node.object
            Self.dropLinks(&object, key: "children", deleted: delete)
            Self.dropLinks(&object, key: "outboundNodes", deleted: delete)
            nodes[id] = object
        }
        var status = out["status"] ?? [:]
        if nodes.isEmpty { status.objectRemove("nodes") } else { status["nodes"] = .object(nodes) }
        out["status"] = status
        return Plan(workflow: out, podsToDelete: pods)
    }

    /// `formulate` for a typed workflow.
    public func formulate(_ wf: Workflow, now: Date) throws(ActionError) -> Plan {
        try formulate(WorkflowView(wf).object, now: now)
    }

    /// Argo's `GeneratePodName` with the workflow's pod-name version (`v1`: the node ID).
    public static func podName(_ wf: WorkflowView, _ node: NodeView) -> String {
        if wf.annotations[Common.annotationKeyPodNameVersion] == "v1" { return node.id }
        return NodeNames.podName(workflow: wf.name, nodeName: node.name, templateName: node.templateForPodName)
    }

    /// argo's `resetNode`: Running (Skipped stays Skipped), no message, started now, not finished; a Suspend node's
    /// output parameters wait to be supplied again.
    public static func resetNode(_ node: NodeView, startedAt: JSONValue) -> JSONValue {
        var object = node.object
        if node.type == "Suspend", var outputs = object["outputs"], let params = outputs["parameters"]?.arrayValue {
            outputs["parameters"] = .array(params.map { p in
                ["name": p["name"] ?? .string(""), "valueFrom": ["supplied": [:]]]
            })
            object["outputs"] = outputs
        }
        if node.phase != "Skipped" { object["phase"] = "Running" }
        object.objectRemove("message")
        object["startedAt"] = startedAt
        object.objectRemove("finishedAt")
        return object
    }

    private static func dropLinks(_ object: inout JSONValue, key: String, deleted: Set<String>) {
        guard let links = object[key]?.arrayValue else { return }
        let kept = links.filter { !deleted.contains($0.stringValue ?? "") }
        if kept.isEmpty { object.objectRemove(key) } else { object[key] = .array(kept) }
    }
}

extension WorkflowRetry {
    /// argo's `createNewRetryWorkflow`: the workflow-level fields that say "finished" are undone, shutdown and a
    /// terminating deadline are lifted, and the parameter overrides applied (to the stored spec too).
    public static func resetWorkflow(_ wf: JSONValue, parameters: [String], startedAt: JSONValue) throws(ActionError) -> JSONValue {
        var out = wf
        var metadata = out["metadata"] ?? [:]
        var labels = metadata["labels"]?.objectValue ?? [:]
        labels.removeValue(forKey: Common.labelKeyCompleted)
        labels.removeValue(forKey: Common.labelKeyWorkflowArchivingStatus)
        labels[Common.labelKeyPhase] = "Running"
        metadata["labels"] = .object(labels)
        out["metadata"] = metadata

        var spec = out["spec"] ?? [:]
        spec.objectRemove("shutdown")
        if spec["activeDeadlineSeconds"]?.intValue == 0 { spec.objectRemove("activeDeadlineSeconds") }

        var status = out["status"] ?? [:]
        var conditions = status["conditions"]?.arrayValue ?? []
        let completed: JSONValue = ["type": "Completed", "status": "False"]
        if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == "Completed" }) {
            conditions[i] = completed
        } else {
            conditions.append(completed)
        }
        status["conditions"] = .array(conditions)
        status["phase"] = "Running"
        status.objectRemove("message")
        status["startedAt"] = startedAt
        status.objectRemove("finishedAt")
        status.objectRemove("persistentVolumeClaims")
        var stored = status["storedWorkflowTemplateSpec"]
        stored?.objectRemove("shutdown")

        if !parameters.isEmpty {
            let given = try SubmitOverrides.overrideParameters(spec["arguments"]?["parameters"]?.arrayValue ?? [], parameters)
            var arguments = spec["arguments"] ?? [:]
            arguments["parameters"] = .array(given)
            spec["arguments"] = arguments
            if var s = stored {
                var storedArguments = s["arguments"] ?? [:]
                storedArguments["parameters"] = .array(given)
                s["arguments"] = storedArguments
                stored = s
            }
        }
        if let stored { status["storedWorkflowTemplateSpec"] = stored }
        out["spec"] = spec
        out["status"] = status
        return out
    }
}
