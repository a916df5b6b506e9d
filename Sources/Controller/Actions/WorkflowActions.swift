import Foundation
import Templates
import ClusterAPI
import Operator

/// The changes `suspend`, `resume`, `stop` and `terminate` make to a stored workflow, as pure functions on the
/// object (argo's `workflow/util` `SuspendWorkflow`, `ResumeWorkflow`, `StopWorkflow`, `TerminateWorkflow`).
/// Each returns whether the object changed.
public enum WorkflowActions {
    /// `spec.suspend: true`; a completed workflow cannot be suspended.
    public static func suspend(_ wf: inout JSONValue) throws(ActionError) -> Bool {
        guard !WorkflowView(wf).isCompleted else { throw ActionError("cannot suspend completed workflows") }
        if wf["spec"]?["suspend"]?.boolValue == true { return false }
        var spec = wf["spec"] ?? [:]
        spec["suspend"] = true
        wf["spec"] = spec
        return true
    }

    /// Clears `spec.suspend` (unless a selector picks nodes) and lets waiting Suspend nodes succeed — all of
    /// them, or those the selector matches — through the operator's own `Operator.resume`. As `argo resume`: a
    /// supplied output parameter with neither a value nor a default is an error, and so is a selector that
    /// matches no waiting node. `outputParameters`: values for the resumed nodes' supplied output parameters, by
    /// name (argo-server's `set`).
    public static func resume(_ wf: inout JSONValue, selector: FieldSelector?, outputParameters: [String: String] = [:],
                              now: Date) throws(ActionError) -> Bool {
        var changed = false
        if selector == nil, wf["spec"]?["suspend"]?.boolValue == true {
            var spec = wf["spec"] ?? [:]
            spec.objectRemove("suspend")
            wf["spec"] = spec
            changed = true
        }
        var status: WorkflowStatus
        do {
            status = try JSONBridge.decode(WorkflowStatus.self, from: wf["status"] ?? [:])
        } catch {
            throw ActionError("cannot read the workflow's status: \(error.description)")
        }
        let resumed = Operator.resume(&status, nodeFieldSelector: selector?.text, outputParameters: outputParameters,
                                      now: KubeTime(seconds: Int64(now.timeIntervalSince1970.rounded(.down))))
        if selector != nil && resumed.isEmpty { throw noSuspendNode(selector) }
        guard !resumed.isEmpty else { return changed }
        for id in resumed {
            for p in status.nodes?[id]?.outputs?.parameters ?? [] where p.value == nil && p.valueFrom?.supplied != nil {
                throw ActionError("raw output parameter '\(p.name)' has not been set and does not have a default value")
            }
        }
        do {
            wf["status"] = try JSONBridge.encode(status)
        } catch {
            throw ActionError("cannot write the workflow's status: \(error.description)")
        }
        return true
    }

    private static func noSuspendNode(_ selector: FieldSelector?) -> ActionError {
        ActionError(
            "currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: \(selector?.text ?? "")")
    }

    /// `spec.shutdown: Stop|Terminate`; a completed workflow cannot be shut down.
    public static func shutdown(_ wf: inout JSONValue, strategy: String) throws(ActionError) -> Bool {
        let view = WorkflowView(wf)
        guard !view.isCompleted else {
            throw ActionError("cannot shutdown a completed workflow: workflow: \"\(view.name)\", namespace: \"\(view.namespace)\"")
        }
        if view.shutdown == strategy { return false }
        var spec = wf["spec"] ?? [:]
        spec["shutdown"] = .string(strategy)
        wf["spec"] = spec
        return true
    }

    /// `stop --node-field-selector`: matching running Suspend nodes fail with the message (argo's
    /// `updateSuspendedNode` with phase Failed).
    public static func failSuspendNodes(_ wf: inout JSONValue, selector: FieldSelector, message: String, now: Date)
        throws(ActionError) -> Bool
    {
        guard var nodes = wf["status"]?["nodes"]?.objectValue else { throw noSuspendNode(selector) }
        var matched = false
        for (id, object) in nodes {
            let node = NodeView(id: id, object: object)
            guard node.isActiveSuspendNode, selector.matches(node.selectorFields) else { continue }
            var updated = object
            updated["phase"] = "Failed"
            updated["finishedAt"] = .string(KubeTimeText.format(now))
            if !message.isEmpty { updated["message"] = .string(message) }
            nodes[id] = updated
            matched = true
        }
        guard matched else { throw noSuspendNode(selector) }
        var status = wf["status"] ?? [:]
        status["nodes"] = .object(nodes)
        wf["status"] = status
        return true
    }
}
