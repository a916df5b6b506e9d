import Foundation
import Templates
import ClusterAPI

/// The status write of one pass, as a JSON merge patch that carries only what changed: the workflow-level
/// status fields, the nodes the pass added or changed, and the phase labels. The store then writes O(changed)
/// bytes, not the whole 10,000-node status. `metadata.resourceVersion` makes the write conditional: if anyone
/// changed the workflow since the snapshot (a `resume`, a `stop`), the patch fails with a conflict and the
/// workflow is reconciled again from the new state.
enum StatusPatch {

    static func make(workflow: Workflow, newStatus: WorkflowStatus, changedNodeIDs: Set<String>) -> JSONValue {
        // Only the workflow-level fields that differ from what was read: `storedTemplates` and the like are large
        // and rarely change. A field the pass cleared is sent as null (in a merge patch, absent means unchanged).
        let before = workflow.status.map(fields(of:)) ?? .object([:])
        var status = MergePatch.diff(from: before, to: fields(of: newStatus))?.objectValue ?? JSONObject()
        // Each changed node as the merge patch from its stored form: a field the pass cleared (a message, an
        // output) must be sent as null, or the store would keep it.
        var nodes = JSONObject()
        for id in changedNodeIDs.sorted() {
            let oldNode = workflow.status?.nodes?[id]
            if let oldNode, let node = newStatus.nodes?[id], let change = progressOnly(oldNode, node) {
                nodes[id] = change
                continue
            }
            let old = oldNode.flatMap { try? JSONValue(encoding: $0) }
            guard let node = newStatus.nodes?[id], let json = try? JSONValue(encoding: node) else {
                if case .some = old { nodes[id] = .null }
                continue
            }
            if let old {
                if let change = MergePatch.diff(from: old, to: json) { nodes[id] = change }
            } else {
                nodes[id] = json
            }
        }
        if !nodes.isEmpty { status["nodes"] = .object(nodes) }
        let statusPatch: JSONValue = .object(status)
        var labelObject = JSONObject()
        for (k, v) in labels(workflow, newStatus).sorted(by: { $0.key < $1.key }) { labelObject[k] = .string(v) }
        var metadata: JSONObject = ["labels": .object(labelObject)]
        if let rv = workflow.metadata.resourceVersion { metadata["resourceVersion"] = .string(rv) }
        return ["metadata": .object(metadata), "status": statusPatch]
    }

    /// The patch of a node whose only change is its progress, without encoding it: what most of a pass's
    /// changes are when a pod starts or ends (every ancestor's `progress` moves).
    private static func progressOnly(_ old: NodeStatus, _ new: NodeStatus) -> JSONValue? {
        guard old.progress != new.progress else { return nil }
        var same = new
        same.progress = old.progress
        guard same == old else { return nil }
        return ["progress": new.progress.map(JSONValue.string) ?? .null]
    }

    /// The status without its nodes, as JSON (encoding the nodes would cost O(all nodes) per pass).
    private static func fields(of status: WorkflowStatus) -> JSONValue {
        var copy = status
        copy.nodes = nil
        return (try? JSONValue(encoding: copy)) ?? .object([:])
    }

    static func labels(_ workflow: Workflow, _ status: WorkflowStatus) -> [String: String] {
        var labels = workflow.metadata.labels ?? [:]
        if let phase = status.phase, !phase.rawValue.isEmpty { labels[Common.labelKeyPhase] = phase.rawValue }
        labels[Common.labelKeyCompleted] = (status.phase?.isCompleted ?? false) ? "true" : "false"
        return labels
    }
}
