import Foundation
import Templates

/// The changes `suspend`, `resume`, `stop` and `terminate` make to a stored workflow, as pure functions on the
/// object (argo's `workflow/util` `SuspendWorkflow`, `ResumeWorkflow`, `StopWorkflow`, `TerminateWorkflow`).
/// Each returns whether the object changed.
enum WorkflowActions {
    /// `spec.suspend: true`; a completed workflow cannot be suspended.
    static func suspend(_ wf: inout JSONValue) throws(CLIError) -> Bool {
        guard !WorkflowView(wf).isCompleted else { throw CLIError("cannot suspend completed workflows") }
        if wf["spec"]?["suspend"]?.boolValue == true { return false }
        var spec = wf["spec"] ?? [:]
        spec["suspend"] = true
        wf["spec"] = spec
        return true
    }

    /// Clears `spec.suspend` and marks running Suspend nodes Succeeded (all of them, or those the selector
    /// matches). A supplied output parameter without a value takes its default; without one it is an error.
    static func resume(_ wf: inout JSONValue, selector: FieldSelector?, now: Date) throws(CLIError) -> Bool {
        var changed = false
        if selector == nil, wf["spec"]?["suspend"]?.boolValue == true {
            var spec = wf["spec"] ?? [:]
            spec.objectRemove("suspend")
            wf["spec"] = spec
            changed = true
        }
        guard var nodes = wf["status"]?["nodes"]?.objectValue else {
            if selector != nil { throw noSuspendNode(selector) }
            return changed
        }
        var matched = false
        for (id, object) in nodes {
            let node = NodeView(id: id, object: object)
            guard node.isActiveSuspendNode else { continue }
            if let selector, !selector.matches(node.selectorFields) { continue }
            var updated = object
            if var params = object["outputs"]?["parameters"]?.arrayValue {
                for i in params.indices where params[i]["valueFrom"]?["supplied"] != nil {
                    guard let def = params[i]["valueFrom"]?["default"] else {
                        let name = params[i]["name"]?.stringValue ?? ""
                        throw CLIError("raw output parameter '\(name)' has not been set and does not have a default value")
                    }
                    params[i]["value"] = def
                    params[i].objectRemove("valueFrom")
                }
                var outputs = object["outputs"] ?? [:]
                outputs["parameters"] = .array(params)
                updated["outputs"] = outputs
            }
            updated["phase"] = "Succeeded"
            updated["finishedAt"] = .string(KubeTimeText.format(now))
            nodes[id] = updated
            matched = true
        }
        if selector != nil && !matched { throw noSuspendNode(selector) }
        if matched {
            var status = wf["status"] ?? [:]
            status["nodes"] = .object(nodes)
            wf["status"] = status
        }
        return changed || matched
    }

    private static func noSuspendNode(_ selector: FieldSelector?) -> CLIError {
        CLIError(
            "currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: \(selector?.text ?? "")")
    }

    /// `spec.shutdown: Stop|Terminate`; a completed workflow cannot be shut down.
    static func shutdown(_ wf: inout JSONValue, strategy: String) throws(CLIError) -> Bool {
        let view = WorkflowView(wf)
        guard !view.isCompleted else {
            throw CLIError("cannot shutdown a completed workflow: workflow: \"\(view.name)\", namespace: \"\(view.namespace)\"")
        }
        if view.shutdown == strategy { return false }
        var spec = wf["spec"] ?? [:]
        spec["shutdown"] = .string(strategy)
        wf["spec"] = spec
        return true
    }

    /// `stop --node-field-selector`: matching running Suspend nodes fail with the message (argo's
    /// `updateSuspendedNode` with phase Failed).
    static func failSuspendNodes(_ wf: inout JSONValue, selector: FieldSelector, message: String, now: Date)
        throws(CLIError) -> Bool
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

extension JSONValue {
    /// Removes a key from an object value (no effect on other values).
    mutating func objectRemove(_ key: String) {
        guard case .object(var o) = self else { return }
        o.removeValue(forKey: key)
        self = .object(o)
    }
}
