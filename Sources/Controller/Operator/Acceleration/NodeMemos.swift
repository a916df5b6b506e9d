import Templates
import ClusterAPI

/// Accelerates Argo's node lookups by name and ID (`wf.GetNodeByName`, `wf.Status.Nodes[id]`) while a pass adds nodes.
///
/// The last answers of a few lookups that a pass asks for every node it adds, with the same key many times in a
/// row (a fan-out adds thousands of task nodes under one DAG node, each a child of the same parent): each answer
/// is remembered so that the repeat costs a compare of short strings instead of hashing an ID again.
///
/// Every memo holds only what cannot change during the pass once seen: a node's name never changes, and a parent
/// in `changed` stays there. Per-pass caches keep their own last hit instead of a memo here: `PodTemplateCache`,
/// `ChildSets`, `TagFreeTemplates`, `BoundaryParallelism`.
struct NodeMemos {
    /// The last node name turned into an ID: a task's name is asked for several times in a row (its task, its
    /// template, its pod, its node), and the hash and the string are made once.
    var lastNodeID: (name: String, id: String)?
    /// The ID `node(named:)` last found no node for, until the next node is stored.
    var lastMissingID: String?
    /// The last parent `addChildNode` put in `changed`.
    var lastChangedParent: String?
    /// The last boundary's name by its ID.
    var lastBoundary: (id: String, name: String)?
    /// The last pod name prefix (`NodeNames.podNamePrefix`) by template name.
    var podNamePrefix: (template: String, prefix: String?)?
}

extension OperationContext {
    /// The name of the node with this ID (nil when there is none).
    func boundaryName(_ boundaryID: String) -> String? {
        if let last = memo.lastBoundary, last.id == boundaryID { return last.name }
        guard let boundary = nodes[boundaryID] else { return nil }
        memo.lastBoundary = (boundaryID, boundary.name)
        return boundary.name
    }
}

extension OperationContext {
    /// Makes room for a DAG of `taskCount` tasks when the workflow has far fewer nodes than that (the pass that
    /// starts a wide DAG adds thousands of nodes and changed IDs): growing the tables step by step rehashes
    /// every ID at each step. Passes over a DAG already in progress reserve nothing (the node table is shared with
    /// the starting status until the first store, and most of its nodes exist).
    func reserveForNewNodes(_ taskCount: Int) {
        guard taskCount >= 256, nodes.count < taskCount / 2 else { return }
        nodes.reserveCapacity(nodes.count + taskCount)
        changed.reserveCapacity(changed.count + taskCount)
    }
}
