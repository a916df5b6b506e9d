import Templates
import ClusterAPI

/// The node tree of a stored workflow as `retry` walks it (argo's `newWorkflowsDag`, `singularPath`, `resetPath`,
/// `resetBoundaries` in `workflow/util`): each node's parent through `children` links, and which nodes a failed
/// one takes with it (deleted) or sets back to Running (reset) on its way up to the root.
public struct RetryNodeGraph: Sendable {
    /// Node IDs in `status.nodes` order.
    public let order: [String]
    public let nodes: [String: NodeView]
    /// A node's parent: the first node (in status order) that lists it among its children.
    public private(set) var parent: [String: String] = [:]
    public let rootID: String?

    public static let groupTypes: Set<String> = ["DAG", "TaskGroup", "StepGroup", "Steps"]
    public static let executionTypes: Set<String> = ["Container", "Pod", "HTTP", "Plugin"]

    public init(workflowName: String, nodes object: JSONObject) throws(ActionError) {
        var order: [String] = []
        var nodes: [String: NodeView] = [:]
        for (id, value) in object {
            order.append(id)
            nodes[id] = NodeView(id: id, object: value)
        }
        self.order = order
        self.nodes = nodes
        for id in order {
            for child in nodes[id]?.children ?? [] {
                guard nodes[child] != nil else { throw ActionError("couldn't obtain child \(child)") }
                if parent[child] == nil { parent[child] = id }
            }
        }
        let onExit = NodeNames.onExit(workflowName)
        for id in order where parent[id] == nil {
            let name = nodes[id]?.name ?? ""
            if name != workflowName && !name.hasPrefix(onExit) { throw ActionError("couldn't find parent node for \(id)") }
        }
        rootID = order.first { nodes[$0]?.name == workflowName }
    }

    public func type(_ id: String) -> String { nodes[id]?.type ?? "" }

    /// Every node below `id` through `children` links (not `id` itself unless a cycle leads back to it).
    public func descendants(of id: String) -> Set<String> {
        var seen = Set<String>()
        var queue = nodes[id]?.children ?? []
        var i = 0
        while i < queue.count {
            let next = queue[i]
            i += 1
            if seen.insert(next).inserted { queue += nodes[next]?.children ?? [] }
        }
        return seen
    }

    /// The nodes reachable from the root, breadth first, each once (argo's `dagSortedNodes`; exit handler trees
    /// hang off no node and are left out).
    public func breadthFirst() throws(ActionError) -> [String] {
        guard !order.isEmpty else { return [] }
        guard let rootID else { throw ActionError("couldn't find root node") }
        var seen: Set<String> = [rootID]
        var queue = [rootID]
        var i = 0
        while i < queue.count {
            for child in nodes[queue[i]]?.children ?? [] where seen.insert(child).inserted { queue.append(child) }
            i += 1
        }
        return queue
    }

    /// Whether some node below `id` succeeded, not counting the nodes in `skip` (argo's `isDescendantNodeSucceeded`).
    public func hasSucceededDescendant(_ id: String, skipping skip: Set<String>) -> Bool {
        descendants(of: id).contains { !skip.contains($0) && nodes[$0]?.phase == "Succeeded" }
    }

    /// The nodes a retry of `start` deletes (itself and everything below it) and resets (the group, retry and
    /// boundary nodes between it and the root).
    public func resetPath(from start: String) throws(ActionError) -> (reset: Set<String>, delete: Set<String>) {
        var delete = descendants(of: start)
        delete.insert(start)
        var reset = Set<String>()
        guard try !isRoot(start) else { return (reset, delete) }
        var current: String? = start
        var steps = 0
        while let id = current {
            steps += 1
            guard steps <= order.count * 4 + 4 else { throw ActionError("node \(start): cannot find the path to the root node") }
            let kind = type(id)
            if Self.groupTypes.contains(kind) {
                reset.insert(id)
                current = try resetBoundaries(from: id, reset: &reset)
                continue
            }
            if kind == "Retry" { reset.insert(id) }
            if kind == "Container" {
                let pod = try resetUntil(from: id, reset: &reset) { type($0) == "Pod" }
                delete.insert(pod)
                delete.formUnion(descendants(of: pod))
                current = parent[pod]
                continue
            }
            current = parent[id]
        }
        return (reset, delete)
    }

    /// Whether `id` is the root, after checking that its parents lead there (argo's `singularPath`).
    private func isRoot(_ id: String) throws(ActionError) -> Bool {
        guard let rootID else { throw ActionError("was unable to find root") }
        var current = id
        for _ in 0...order.count {
            if current == rootID { return current == id }
            guard let up = parent[current] else { throw ActionError("parent was nil but curr is not the root node") }
            current = up
        }
        throw ActionError("parent was nil but curr is not the root node")
    }

    /// Resets the retry and step-group parents and the boundary nodes above `id`, up to a node without a boundary;
    /// returns that node's parent.
    private func resetBoundaries(from id: String, reset: inout Set<String>) throws(ActionError) -> String? {
        var current = id
        for _ in 0...order.count {
            if let up = parent[current], type(up) == "Retry" {
                reset.insert(up)
                current = up
            }
            if let up = parent[current], type(up) == "StepGroup" { reset.insert(up) }
            let boundary = nodes[current]?.boundaryID ?? ""
            if boundary.isEmpty { return parent[current] }
            let next = try resetUntil(from: current, reset: &reset) { $0 == boundary }
            if next == current { return parent[current] }
            current = next
        }
        throw ActionError("node \(id): cannot find the path to the root node")
    }

    /// Walks up from `id` (itself included) to the first node `match` accepts, resets it and returns it.
    private func resetUntil(from id: String, reset: inout Set<String>, _ match: (String) -> Bool) throws(ActionError)
        -> String
    {
        var current: String? = id
        for _ in 0...order.count {
            guard let node = current else { break }
            if match(node) {
                reset.insert(node)
                return node
            }
            current = parent[node]
        }
        throw ActionError("was seeking node but ran out of nodes to explore")
    }
}
