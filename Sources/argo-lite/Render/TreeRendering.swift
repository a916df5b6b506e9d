import Controller
import Foundation
import Templates

/// Rendering of the node tree, one row per node, with argo's branch drawing (`renderChild`, `printNode`).
extension WorkflowPrinter {
    func renderNode(_ id: String, _ tree: NodeTree, _ w: inout TabWriter, nodePrefix: String, childPrefix: String,
                    depth: Int = 0) {
        guard let node = tree.nodes[id], depth < 1000 else { return }
        let (filtered, childIndent) = filter(node)
        if !filtered { printNode(node, tree.workflow, &w, prefix: nodePrefix) }
        guard NodeTree.kind(node.type) != .execution else { return }
        let kids = tree.children[id] ?? []
        for (i, child) in kids.enumerated() {
            let (part, subp) = branch(index: i, maxIndex: kids.count - 1, parentFiltered: filtered, childIndent: childIndent)
            let childNodePrefix: String
            if !filtered || i != 0 {
                childNodePrefix = childPrefix + part
            } else {
                childNodePrefix = nodePrefix + part
            }
            renderNode(child, tree, &w, nodePrefix: childNodePrefix, childPrefix: childPrefix + subp, depth: depth + 1)
        }
    }

    /// Argo's `filterNode`: (not printed, children drawn as a group).
    func filter(_ node: NodeView) -> (Bool, Bool) {
        if node.type == "Retry" && node.children.count == 1 { return (true, false) }
        if node.type == "StepGroup" { return (true, true) }
        if node.type == "Skipped" && node.phase == "Omitted" { return (true, false) }
        if let sel = nodeSelector, !sel.matches(node.selectorFields) { return (true, false) }
        return (false, false)
    }

    private func branch(index: Int, maxIndex: Int, parentFiltered: Bool, childIndent: Bool) -> (String, String) {
        let u = style.utf8
        if parentFiltered && childIndent {
            if maxIndex == 0 { return (u ? "──" : "--", "  ") }
            if index == 0 { return (u ? "┬─" : "+-", u ? "│ " : "| ") }
            if index == maxIndex { return (u ? "└─" : "`-", "  ") }
            return (u ? "├─" : "|-", u ? "│ " : "| ")
        }
        if !parentFiltered {
            if index == maxIndex { return (u ? "└─" : "`-", "  ") }
            return (u ? "├─" : "|-", u ? "│ " : "| ")
        }
        return ("", "")
    }

    private func printNode(_ node: NodeView, _ wf: WorkflowView, _ w: inout TabWriter, prefix: String) {
        var name = "\(style.phaseIcon(node.phase)) \(node.displayName)"
        if node.isActiveSuspendNode { name = "\(style.suspendIcon) \(node.displayName)" }
        var template = ""
        if let ref = node.templateRefName {
            template = "\(ref)/\(node.templateRefTemplate ?? "")"
        } else {
            template = node.templateName
        }
        var podName = "", duration = ""
        let isPod = node.type == "Pod"
        if isPod {
            podName = Self.podName(wf, node)
            duration = Humanize.relativeDurationShort(node.startedAt, node.finishedAt, now: now)
        }
        let host = isPod ? node.hostNodeName : ""
        switch mode {
        case .wide:
            let rd = node.object["resourcesDuration"]?.objectValue.map(Self.resourcesDuration) ?? ""
            let arts = node.outputArtifactNames.joined(separator: ",")
            w.write("\(prefix)\(name)\t\(template)\t\(podName)\t\(duration)\t\(arts)\t\(node.message)\t\(rd)\t\(host)\n")
        case .short:
            w.write("\(prefix)\(name)\t\(template)\t\(podName)\t\(duration)\t\(node.message)\t\(host)\n")
        case .normal:
            w.write("\(prefix)\(name)\t\(template)\t\(podName)\t\(duration)\t\(node.message)\t\n")
        }
    }

    /// Argo's `GeneratePodName` with the workflow's pod-name version (`v1`: the node ID).
    static func podName(_ wf: WorkflowView, _ node: NodeView) -> String {
        if wf.annotations[Common.annotationKeyPodNameVersion] == "v1" { return node.id }
        return NodeNames.podName(workflow: wf.name, nodeName: node.name, templateName: node.templateForPodName)
    }
}
