import Templates
import ClusterAPI

/// Accelerates Argo's `progress.UpdateProgress` / `sumProgress` (the pods under each node).
///
/// The pods reachable from every node, as bitsets over the pod nodes, filled in reverse topological order.
struct ReachablePods {
    let ids: [String]
    /// Each node's progress when the walk started.
    let progress: [String?]
    let isPod: [Bool]
    let children: Adjacency
    /// Bit index of each pod node (-1 for other nodes).
    let podBit: [Int]
    let words: Int
    /// Pods at exactly `1/1` (done) and at `0/1` or `1/1` (uniform); the rest are summed one by one.
    var doneMask: [UInt64]
    var uniformMask: [UInt64]
    var odd: [(bit: Int, progress: (Int, Int))] = []
    /// Every node after all of its children.
    var order: [Int] = []
    /// No node has two parents: sums need no sets.
    var isForest = false
    /// Each pod node's own (done, total); (0, 0) for other nodes.
    var ownProgress: [(Int, Int)] = []
    /// Pod nodes whose progress text is to change (`1/1` once fulfilled, else their own or `0/1`), and the sums
    /// of every pod's progress as it is to be.
    var podUpdates: [(id: String, progress: String)] = []
    var podDone = 0, podTotal = 0

    /// nil when `children` has a cycle. A pod node counts with the progress it is to have (see `podUpdates`).
    init?(_ nodes: [String: NodeStatus]) {
        var ids: [String] = []
        var childNames: [[String]?] = []
        var progress: [String?] = []
        var podBit: [Int] = []
        ids.reserveCapacity(nodes.count)
        childNames.reserveCapacity(nodes.count)
        progress.reserveCapacity(nodes.count)
        podBit.reserveCapacity(nodes.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(nodes.count)
        var pods = 0
        var podProgress: [(Int, (Int, Int))] = []
        var own: [(Int, Int)] = []
        own.reserveCapacity(nodes.count)
        // One walk over the nodes (no lookup by ID), then the children by index.
        for (id, node) in nodes {
            index[id] = ids.count
            ids.append(id)
            childNames.append(node.children)
            progress.append(node.progress)
            if node.type == .pod {
                let text = node.podProgress
                if node.progress != text { podUpdates.append((id, text)) }
                let p = OperationContext.parseProgress(text)
                podDone += p.0
                podTotal += p.1
                podBit.append(pods)
                podProgress.append((pods, p))
                own.append(p)
                pods += 1
            } else {
                podBit.append(-1)
                own.append((0, 0))
            }
        }
        self.ids = ids
        self.progress = progress
        let isPod = podBit.map { $0 >= 0 }
        // One flat list of children by index (no array per node).
        var start: [Int] = []
        var list: [Int] = []
        start.reserveCapacity(ids.count + 1)
        list.reserveCapacity(ids.count)
        for names in childNames {
            start.append(list.count)
            for name in names ?? [] { if let i = index[name] { list.append(i) } }
        }
        start.append(list.count)
        let children = Adjacency(start: start, list: list)
        self.isPod = isPod
        self.podBit = podBit
        self.children = children
        words = (pods + 63) / 64
        doneMask = [UInt64](repeating: 0, count: words)
        uniformMask = [UInt64](repeating: 0, count: words)
        for (bit, p) in podProgress {
            if p == (1, 1) || p == (0, 1) {
                uniformMask[bit >> 6] |= 1 << UInt64(bit & 63)
                if p == (1, 1) { doneMask[bit >> 6] |= 1 << UInt64(bit & 63) }
            } else {
                odd.append((bit, p))
            }
        }
        guard let order = ReachablePods.topologicalOrder(children) else { return nil }
        self.order = order
        // A forest (no node is the child of two parents, nor twice of one): every pod below a node is reached by
        // one path only, so plain sums count each pod once, as the bitsets would.
        var parents = [UInt8](repeating: 0, count: ids.count)
        var forest = true
        scan: for v in 0..<children.count {
            for c in children[v] {
                if parents[c] != 0 { forest = false; break scan }
                parents[c] = 1
            }
        }
        isForest = forest
        ownProgress = own
    }

    /// Nodes with every child before its parents; nil on a cycle.
    static func topologicalOrder(_ children: Adjacency) -> [Int]? {
        var state = [UInt8](repeating: 0, count: children.count)  // 0 new, 1 on the stack, 2 done
        var order: [Int] = []
        order.reserveCapacity(children.count)
        var stack: [(node: Int, next: Int)] = []
        for root in 0..<children.count where state[root] == 0 {
            stack.append((root, 0))
            state[root] = 1
            while let top = stack.last {
                let kids = children[top.node]
                if top.next < kids.count {
                    stack[stack.count - 1].next += 1
                    let c = kids[kids.startIndex + top.next]
                    if state[c] == 1 { return nil }
                    if state[c] == 0 { state[c] = 1; stack.append((c, 0)) }
                } else {
                    state[top.node] = 2
                    order.append(top.node)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// (done, total) of every non-pod node.
    func sums() -> [(String, (Int, Int))] {
        var out: [(String, (Int, Int))] = []
        forEachSum { id, _, d, t in out.append((id, (d, t))) }
        return out
    }

    /// (done, total) of every non-pod node, with the node's progress when the walk started.
    func forEachSum(_ body: (String, String?, Int, Int) -> Void) {
        if isForest {
            var sum = [(Int, Int)](repeating: (0, 0), count: ids.count)
            for v in order {
                var d = 0, t = 0
                for c in children[v] {
                    d += sum[c].0 + ownProgress[c].0
                    t += sum[c].1 + ownProgress[c].1
                }
                sum[v] = (d, t)
                if !isPod[v] { body(ids[v], progress[v], d, t) }
            }
            return
        }
        // Few nodes that are not pods (a fan-in: one DAG node over thousands of pods): a walk from each of them
        // costs less than a bitset per node.
        let edges = children.list.count
        let nonPods = isPod.reduce(0) { $0 + ($1 ? 0 : 1) }
        if nonPods * (ids.count + edges) <= (ids.count + edges) * max(words, 1) {
            forEachWalkedSum(body)
            return
        }
        var reach = [UInt64](repeating: 0, count: ids.count * words)
        reach.withUnsafeMutableBufferPointer { r in
            for v in order {
                let base = v * words
                for c in children[v] {
                    let cb = c * words
                    for w in 0..<words { r[base + w] |= r[cb + w] }
                    if isPod[c] { r[base + (podBit[c] >> 6)] |= 1 << UInt64(podBit[c] & 63) }
                }
                guard !isPod[v] else { continue }
                var d = 0, t = 0
                for w in 0..<words {
                    d += (r[base + w] & doneMask[w]).nonzeroBitCount
                    t += (r[base + w] & uniformMask[w]).nonzeroBitCount
                }
                for o in odd where r[base + (o.bit >> 6)] & (1 << UInt64(o.bit & 63)) != 0 {
                    d += o.progress.0
                    t += o.progress.1
                }
                body(ids[v], progress[v], d, t)
            }
        }
    }

    /// `forEachSum` by a walk from each node that is not a pod, counting each pod it reaches once.
    func forEachWalkedSum(_ body: (String, String?, Int, Int) -> Void) {
        var stamp = [Int](repeating: -1, count: ids.count)
        var stack: [Int] = []
        for v in order where !isPod[v] {
            var d = 0, t = 0
            stack.append(v)
            stamp[v] = v
            while let u = stack.popLast() {
                for c in children[u] where stamp[c] != v {
                    stamp[c] = v
                    if isPod[c] { d += ownProgress[c].0; t += ownProgress[c].1 }
                    stack.append(c)
                }
            }
            body(ids[v], progress[v], d, t)
        }
    }
}

/// Children by node index, all in one list: node `v`'s are `list[start[v]..<start[v + 1]]`.
struct Adjacency {
    let start: [Int]
    let list: [Int]
    var count: Int { start.count - 1 }
    subscript(_ v: Int) -> ArraySlice<Int> { list[start[v]..<start[v + 1]] }
}
