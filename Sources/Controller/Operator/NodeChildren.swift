import Templates
import ClusterAPI

/// Children of nodes (`children` lists kept duplicate-free in O(1)) and the counts and limits of a boundary's
/// active children (`parallelism`).
extension OperationContext {
    /// Argo's `addChildNode`: `child` joins `parent`'s children once.
    func addChildNode(parent: String, child: String) {
        addChildNode(parentID: nodeID(parent), childID: nodeID(child))
    }

    func addChildNode(parentID: String, childID: String) {
        // The parent is found once and changed through its position: no further hashing of its ID.
        guard let at = nodes.index(forKey: parentID) else { return }
        addChildNode(at: at, parentID: parentID, childID: childID)
    }

    /// `addChildNode` to the parent at `at` in `nodes` (whose key is `parentID`).
    func addChildNode(at: [String: NodeStatus].Index, parentID: String, childID: String) {
        let count = nodes.values[at].children?.count ?? 0
        if count > 16 {
            // One lookup of the parent's set (a fan-out adds thousands of children to one parent).
            if let inserted = childSets.insert(childID, under: parentID) {
                if !inserted { return }
            } else {
                var set = Set(nodes.values[at].children ?? [])
                let inserted = set.insert(childID).inserted
                childSets.add(set, for: parentID)
                if !inserted { return }
            }
        } else if nodes.values[at].children?.contains(childID) == true {
            return
        }
        // The value before its first change is kept (one retain: the storage is still shared with the status the
        // pass started from, so the append below copies it either way). A fan-out adds thousands of children to
        // one parent in a row: the parent last marked changed is not hashed again.
        if memo.lastChangedParent != parentID {
            if changed.insert(parentID).inserted { noteFirstChange(parentID, nodes.values[at]) }
            memo.lastChangedParent = parentID
        }
        progressInputsDirty = true
        // Appends in place (no local copy of the list): copying a 10,000-entry children list per added child
        // would make a fan-out quadratic.
        if nodes.values[at].children == nil { nodes.values[at].children = [childID] } else { nodes.values[at].children!.append(childID) }
    }

    func activeChildren(of boundaryID: String) -> Int {
        if let n = activeChildrenCount[boundaryID] { return n }
        var n = 0
        for node in nodes.values where node.boundaryID == boundaryID {
            guard node.type == .pod || node.type == .steps || node.type == .dag else { continue }
            if node.phase == .pending || node.phase == .running { n += 1 }
        }
        activeChildrenCount[boundaryID] = n
        return n
    }

    /// The `parallelism` of the steps/DAG template the boundary node with this ID runs (nil: none, or no such node).
    func boundaryParallelism(_ boundaryID: String) -> Int? {
        parallelismByBoundary.limit(of: boundaryID) {
            guard let boundary = nodes[boundaryID] else { return nil }
            let holder = TemplateHolder(template: boundary.templateName, templateRef: boundary.templateRef)
            var limit: Int?
            if case .success(let (_, t)) = resolve(holder, in: rootContext) { limit = t.parallelism }
            return .some(limit)
        }
    }
}
