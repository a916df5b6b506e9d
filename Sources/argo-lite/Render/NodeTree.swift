import Controller
import Foundation
import Templates

/// The node tree of `argo get` (`cmd/argo/commands/common/get.go`): nodes grouped under their boundary (Steps and
/// DAG nodes), step groups and retries holding their children, siblings ordered by start time then display name
/// (loop items by index); step groups and single-attempt retries are not printed themselves.
struct NodeTree {
    enum Kind { case boundary, nonBoundaryParent, execution }

    let workflow: WorkflowView
    let nodes: [String: NodeView]
    private(set) var children: [String: [String]] = [:]
    private(set) var roots: Set<String> = []

    init(_ workflow: WorkflowView) {
        self.workflow = workflow
        self.nodes = workflow.nodes
        build()
    }

    static func kind(_ type: String) -> Kind? {
        switch type {
        case "DAG", "Steps": return .boundary
        case "StepGroup", "Retry": return .nonBoundaryParent
        case "Pod", "Skipped", "Suspend", "HTTP", "Plugin": return .execution
        default: return nil  // TaskGroup, Container: not rendered (their members attach to the boundary)
        }
    }

    private mutating func build() {
        var groupOf: [String: String] = [:]
        for id in nodes.keys.sorted() {
            guard let n = nodes[id], NodeTree.kind(n.type) == .nonBoundaryParent else { continue }
            for c in n.children { groupOf[c] = id }
        }
        for id in nodes.keys.sorted() {
            guard let n = nodes[id], NodeTree.kind(n.type) != nil else { continue }
            if let parent = groupOf[id] {
                insertSorted(id, into: parent)
            } else if n.boundaryID.isEmpty {
                roots.insert(id)
            } else if let b = nodes[n.boundaryID], NodeTree.kind(b.type) == .boundary {
                insertSorted(id, into: n.boundaryID)
            }
        }
    }

    /// Argo's `insertSorted`: before the first sibling that started later, or at the same time with a larger
    /// loop index or display name.
    private mutating func insertSorted(_ id: String, into parent: String) {
        var list = children[parent] ?? []
        let item = nodes[id]
        let t = item?.startedAt ?? .distantPast
        var index = 0
        while index < list.count {
            let other = nodes[list[index]]
            let u = other?.startedAt ?? .distantPast
            if t < u { break }
            if t == u {
                let a = item?.displayName ?? "", b = other?.displayName ?? ""
                let ia = NodeTree.loopIndex(a), ib = NodeTree.loopIndex(b)
                if ia >= 0 && ib >= 0 {
                    if ia < ib { break }
                } else if a < b {
                    break
                }
            }
            index += 1
        }
        list.insert(id, at: index)
        children[parent] = list
    }

    /// Argo's `RecoverIndexFromNodeName`: the number between the first `(` and the first `:`, else -1.
    static func loopIndex(_ name: String) -> Int {
        guard let open = name.firstIndex(of: "("), let colon = name.firstIndex(of: ":"), open < colon else { return -1 }
        return Int(name[name.index(after: open)..<colon]) ?? -1
    }
}
