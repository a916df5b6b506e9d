import Controller
import Foundation
import Templates

/// `argo list`'s table (`util/printer/workflow-printer.go`) and its ordering.
struct WorkflowTable {
    var style: Style
    var now: Date
    var wide = false
    var showNamespace = false
    var noHeaders = false

    func render(_ workflows: [WorkflowView]) -> String {
        if workflows.isEmpty { return "No workflows found\n" }
        var w = TabWriter(padding: 3)
        if !noHeaders {
            if showNamespace { w.write("NAMESPACE\t") }
            w.write("NAME\tSTATUS\tAGE\tDURATION\tPRIORITY\tMESSAGE")
            if wide { w.write("\tP/R/C\tPARAMETERS") }
            w.write("\n")
        }
        for wf in workflows {
            if showNamespace { w.write("\(wf.namespace)\t") }
            let age = Humanize.relativeDurationShort(wf.creationTimestamp, now, now: now)
            let duration = Humanize.relativeDurationShort(wf.startedAt, wf.finishedAt, now: now)
            w.write("\(wf.name)\t\(wf.displayStatus)\t\(age)\t\(duration)\t\(wf.priority)\t\(wf.message)")
            if wide {
                let (p, r, c) = Self.countPods(wf)
                w.write("\t\(p)/\(r)/\(c)\t\(Self.parameterString(wf))")
            }
            w.write("\n")
        }
        return w.flush()
    }

    /// Argo's `Workflows.Less`: unfinished first (newest created first), then by finish time, latest first.
    static func sorted(_ workflows: [WorkflowView]) -> [WorkflowView] {
        workflows.sorted { a, b in
            switch (a.finishedAt, b.finishedAt) {
            case (nil, nil): return (a.creationTimestamp ?? .distantPast) > (b.creationTimestamp ?? .distantPast)
            case (nil, _): return true
            case (_, nil): return false
            case (let fa?, let fb?): return fb < fa
            }
        }
    }

    static func countPods(_ wf: WorkflowView) -> (Int, Int, Int) {
        var p = 0, r = 0, c = 0
        for n in wf.nodes.values where n.type == "Pod" {
            if ["Succeeded", "Failed", "Error", "Skipped", "Omitted"].contains(n.phase) {
                c += 1
            } else if n.phase == "Running" {
                r += 1
            } else {
                p += 1
            }
        }
        return (p, r, c)
    }

    /// `parameterString`: `name=value` pairs, long values cut to 47 characters around "...".
    static func parameterString(_ wf: WorkflowView) -> String {
        wf.spec["arguments"]?["parameters"]?.arrayValue?.compactMap { p -> String? in
            guard let v = p["value"]?.argoString else { return nil }
            let chars = Array(v)
            let text = chars.count > 50 ? String(chars[0..<32]) + "..." + String(chars[(chars.count - 15)...]) : v
            return "\(p["name"]?.stringValue ?? "")=\(text)"
        }.joined(separator: ",") ?? ""
    }
}
