import Templates
import ClusterAPI

/// Exit handlers: the workflow's `onExit` (node `<wf>.onExit`, run once the entrypoint is done, with
/// `workflow.status` and `workflow.failures` set) and a step's or task's `onExit` (node `<step>.onExit`).
extension OperationContext {
    @discardableResult
    func runOnExitNode(_ template: String, parent: NodeStatus, boundaryID: String, tctx: TemplateContext) -> NodeStatus? {
        if spec.shutdown == "Terminate" { return nil }
        let name = NodeNames.onExit(parent.name)
        let node = executeTemplate(name, TemplateHolder(template: template), tctx, args: spec.arguments,
                                   opts: ExecOpts(boundaryID: boundaryID, onExitTemplate: true))
        addChildNode(parent: parent.name, child: name)
        return node
    }

    /// Sets `workflow.status` and `workflow.failures` for the workflow's exit handler.
    func setExitHandlerGlobals(rootPhase: NodePhase) {
        globalParams["workflow.status"] = OperationContext.workflowPhase(for: rootPhase).rawValue
        var failures: [JSONValue] = []
        for id in nodes.keys.sorted() {
            guard let n = nodes[id], n.failedOrError else { continue }
            var obj = JSONObject()
            obj["displayName"] = .string(n.displayName ?? "")
            obj["message"] = .string(n.message ?? "")
            obj["templateName"] = .string(n.templateName ?? "")
            obj["phase"] = .string(n.phase?.rawValue ?? "")
            obj["podName"] = .string(n.type == .pod ? NodeNames.podName(workflow: wfName, nodeName: n.name, templateName: n.templateName ?? "") : n.id)
            obj["finishedAt"] = n.finishedAt.map { .string($0.rfc3339) } ?? .null
            failures.append(.object(obj))
        }
        globalParams["workflow.failures"] = failures.isEmpty ? "null" : JSONValue.array(failures).compactJSON
    }

    static func workflowPhase(for node: NodePhase) -> WorkflowPhase {
        switch node {
        case .pending: return .pending
        case .running: return .running
        case .succeeded, .skipped, .omitted: return .succeeded
        case .failed: return .failed
        case .error: return .error
        }
    }
}
