import Templates
import ClusterAPI

/// Argo's `progress.UpdateProgress` / `sumProgress`: a pod node is `1/1` once fulfilled, else its own progress or
/// `0/1`; any other node sums the progress of the distinct pod nodes reachable from it through `children` (each
/// counted once, so a diamond does not count its join twice); the workflow sums all pods.
///
/// Computed in one pass over the children graph in reverse topological order: each node gets the set of pods
/// reachable from it as a bitset (the union of its children's sets), so a chain or a layered DAG costs
/// O(nodes × pods / 64) instead of a walk of every node's descendants. Pods at `0/1` or `1/1` (the usual case) are
/// summed with popcounts; the few others are added one by one. A cycle in `children` (never built by the operator)
/// falls back to the walk per node.
extension OperationContext {
    func updateProgress() {
        guard status.progress == nil || progressInputsChanged() else { return }
        // One walk over the nodes finds the pods' new progress and the graph the sums need.
        guard let reach = ReachablePods(nodes) else { return updateProgressWithCycle() }
        storePodProgress(reach.podUpdates)
        let wfProgress = "\(reach.podDone)/\(reach.podTotal)"
        if status.progress != wfProgress { status.progress = wfProgress }
        // Only a node whose progress differs is looked up and stored; the comparison reads the digits in place.
        reach.forEachSum { id, progress, d, t in
            guard t > 0 || progress != nil, !OperationContext.progress(progress, is: d, t) else { return }
            guard var node = nodes[id] else { return }
            node.progress = "\(d)/\(t)"
            store(node)
        }
    }

    /// Pods' new progress, stored after the walk that found them (storing while iterating `nodes` would copy it).
    func storePodProgress(_ updates: [(id: String, progress: String)]) {
        for u in updates {
            guard var node = nodes[u.id] else { continue }
            node.progress = u.progress
            store(node)
        }
    }

    /// `updateProgress` when `children` has a cycle (never built by the operator): a walk per node.
    func updateProgressWithCycle() {
        var done = 0, total = 0
        var podUpdates: [(id: String, progress: String)] = []
        for (id, node) in nodes where node.type == .pod {
            let p = node.podProgress
            if node.progress != p { podUpdates.append((id, p)) }
            let (d, t) = OperationContext.parseProgress(p)
            done += d
            total += t
        }
        storePodProgress(podUpdates)
        let wfProgress = "\(done)/\(total)"
        if status.progress != wfProgress { status.progress = wfProgress }
        for (id, (d, t)) in walkedSums() {
            guard var node = nodes[id] else { continue }
            let p = "\(d)/\(t)"
            if t > 0 || node.progress != nil, node.progress != p { node.progress = p; store(node) }
        }
    }

    /// `progress == "\(done)/\(total)"`, without making the string.
    static func progress(_ progress: String?, is done: Int, _ total: Int) -> Bool {
        guard let progress, done >= 0, total >= 0 else { return false }
        var bytes = progress.utf8.makeIterator()
        func matches(_ n: Int) -> Bool {
            var digits: [UInt8] = []
            var v = n
            repeat { digits.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 } while v > 0
            for d in digits.reversed() { guard bytes.next() == d else { return false } }
            return true
        }
        guard matches(done), bytes.next() == UInt8(ascii: "/"), matches(total) else { return false }
        return bytes.next() == nil
    }

    /// Whether this pass changed anything progress depends on: a node added, a children list, or a pod's
    /// fulfilment or progress. Noted as the changes are stored (`store`, `addChildNode`), so asking is free; a change
    /// undone later in the pass still counts, and only costs a recomputation that finds nothing to change.
    func progressInputsChanged() -> Bool { progressInputsDirty }

    /// Whether storing `new` over `old` changes an input of progress.
    static func changesProgressInputs(from old: NodeStatus?, to new: NodeStatus) -> Bool {
        guard let old else { return true }
        if old.type != new.type { return true }
        if new.type == .pod, old.fulfilled != new.fulfilled || old.progress != new.progress { return true }
        return old.children != new.children
    }

    /// The per-node walk (Argo's recursion), used only when `children` has a cycle.
    func walkedSums() -> [(String, (Int, Int))] {
        var out: [(String, (Int, Int))] = []
        for (id, node) in nodes where node.type != .pod {
            var visited = Set<String>()
            out.append((id, sumProgress(id, &visited, depth: 0)))
        }
        return out
    }

    func sumProgress(_ id: String, _ visited: inout Set<String>, depth: Int) -> (Int, Int) {
        var d = 0, t = 0
        guard depth < 10_000 else { return (0, 0) }
        for c in nodes[id]?.children ?? [] {
            guard visited.insert(c).inserted, let child = nodes[c] else { continue }
            let (cd, ct) = sumProgress(c, &visited, depth: depth + 1)
            d += cd
            t += ct
            if child.type == .pod {
                let (pd, pt) = OperationContext.parseProgress(child.progress ?? "0/1")
                d += pd
                t += pt
            }
        }
        return (d, t)
    }
}

extension NodeStatus {
    /// A pod node's progress as Argo sets it: `1/1` once fulfilled, else its own progress or `0/1`.
    var podProgress: String { fulfilled ? "1/1" : (progress ?? "0/1") }
}
