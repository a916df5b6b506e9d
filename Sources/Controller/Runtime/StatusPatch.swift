import Foundation
import Templates

/// The status write of one pass, as a JSON merge patch that carries only what changed: the workflow-level
/// status fields, the nodes the pass added or changed, and the phase labels. The store then writes O(changed)
/// bytes, not the whole 10,000-node status. `metadata.resourceVersion` makes the write conditional: if anyone
/// changed the workflow since the snapshot (a `resume`, a `stop`), the patch fails with a conflict and the
/// workflow is reconciled again from the new state.
enum StatusPatch {
    static let phaseLabel = "workflows.argoproj.io/phase"
    static let completedLabel = "workflows.argoproj.io/completed"

    static func make(workflow: Workflow, newStatus: WorkflowStatus, changedNodeIDs: Set<String>) -> JSONValue {
        // Only the workflow-level fields that differ from what was read: `storedTemplates` and the like are large
        // and rarely change. A field the pass cleared is sent as null (in a merge patch, absent means unchanged).
        let before = workflow.status.map { fields(of: $0).objectValue ?? [:] } ?? [:]
        let after = fields(of: newStatus).objectValue ?? [:]
        var status = JSONObject()
        for (key, value) in after where before[key] != value { status[key] = value }
        for key in before.keys where after[key] == nil { status[key] = .null }
        var nodes = JSONObject()
        for id in changedNodeIDs.sorted() {
            if let node = newStatus.nodes?[id], let json = try? JSONValue(encoding: node) { nodes[id] = json }
        }
        if !nodes.isEmpty { status["nodes"] = .object(nodes) }
        let statusPatch: JSONValue = .object(status)
        var labelObject = JSONObject()
        for (k, v) in labels(workflow, newStatus).sorted(by: { $0.key < $1.key }) { labelObject[k] = .string(v) }
        var metadata: JSONObject = ["labels": .object(labelObject)]
        if let rv = workflow.metadata.resourceVersion { metadata["resourceVersion"] = .string(rv) }
        return ["metadata": .object(metadata), "status": statusPatch]
    }

    /// The status without its nodes, as JSON (encoding the nodes would cost O(all nodes) per pass).
    private static func fields(of status: WorkflowStatus) -> JSONValue {
        var copy = status
        copy.nodes = nil
        return (try? JSONValue(encoding: copy)) ?? .object([:])
    }

    static func labels(_ workflow: Workflow, _ status: WorkflowStatus) -> [String: String] {
        var labels = workflow.metadata.labels ?? [:]
        if let phase = status.phase, !phase.rawValue.isEmpty { labels[phaseLabel] = phase.rawValue }
        labels[completedLabel] = (status.phase?.isCompleted ?? false) ? "true" : "false"
        return labels
    }
}

extension JSONValue {

    /// Decodes a typed value from this JSON.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(compactJSON.utf8))
    }
}
