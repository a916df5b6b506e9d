import Templates
import ClusterAPI

/// Accelerates Argo's `createWorkflowPod` check that a pod is not created twice (`podExists`).
///
/// Whether a pass may create a pod, without a set insert per pod of a fan-out.
///
/// A pod is created once per pass per pod name. A node the pass has just made (`isNew` in `createWorkflowPod`) needs no
/// record: its pod name is `<prefix>-<fnv32a of its name>` (or the workflow name for the root), the node ID is
/// `<workflow>-<the same hash>`, and the hash is the digits after the name's last dash; so a pod name made earlier
/// in the pass for another node would mean the same ID, and then the node would have been found, not made. Only
/// a node that existed before its visit is checked here:
/// - one the pass made on an earlier visit (absent from the starting status) had its pod created then, or found
///   observed, so it never creates one now;
/// - any other is recorded in `createdPods`, as before.
extension OperationContext {
    func mayCreatePod(named name: String, of node: NodeStatus) -> Bool {
        if originalStatus.nodes?[node.id] == nil { return false }
        return createdPods.insert(name).inserted
    }
}
