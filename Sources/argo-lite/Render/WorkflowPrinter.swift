import Controller
import Foundation
import Templates

/// `argo get`'s text output (`PrintWorkflowHelper`): the summary block, then the node tree.
struct WorkflowPrinter {
    enum Mode: String { case normal = "", wide, short }

    var style: Style
    var now: Date
    var mode: Mode = .normal
    /// `--node-field-selector` (or `--status P`, which means `phase=P`).
    var nodeSelector: FieldSelector? = nil

    func render(_ wf: WorkflowView) -> String {
        var out = mode == .short ? "" : summary(wf)
        let nodes = wf.nodes
        guard nodes[wf.name] != nil else { return out }
        let tree = NodeTree(wf)
        var w = TabWriter(padding: 2)
        let step = style.ansi("STEP", .default)
        switch mode {
        case .wide: w.write("\(step)\tTEMPLATE\tPODNAME\tDURATION\tARTIFACTS\tMESSAGE\tRESOURCESDURATION\tNODENAME\n")
        case .short: w.write("\(step)\tTEMPLATE\tPODNAME\tDURATION\tMESSAGE\tNODENAME\n")
        case .normal: w.write("\(step)\tTEMPLATE\tPODNAME\tDURATION\tMESSAGE\n")
        }
        renderNode(wf.name, tree, &w, nodePrefix: " ", childPrefix: " ")
        let onExit = NodeNames.nodeID(workflow: wf.name, nodeName: NodeNames.onExit(wf.name))
        if tree.roots.contains(onExit) {
            w.write("\t\t\t\t\t\n")
            renderNode(onExit, tree, &w, nodePrefix: " ", childPrefix: " ")
        }
        if mode != .short { out += "\n" }
        return out + w.flush()
    }

    func summary(_ wf: WorkflowView) -> String {
        var out = ""
        func line(_ k: String, _ v: String) {
            let pad = max(0, 20 - k.unicodeScalars.count)
            out += k + String(repeating: " ", count: pad) + " " + v + "\n"
        }
        line("Name:", wf.name)
        line("Namespace:", wf.namespace)
        var sa = wf.execSpec["serviceAccountName"]?.stringValue ?? ""
        if sa.isEmpty {
            sa = wf.spec["workflowTemplateRef"] != nil ? "unset" : "unset (will run with the default ServiceAccount)"
        }
        line("ServiceAccount:", sa)
        line("Status:", wf.displayStatus)
        if !wf.message.isEmpty { line("Message:", wf.message) }
        if let conditions = wf.status["conditions"]?.arrayValue, !conditions.isEmpty {
            line("Conditions:", "")
            for c in conditions {
                let type = c["type"]?.stringValue ?? ""
                let msg = c["message"]?.stringValue ?? ""
                line("\(style.conditionIcon(type)) \(type)", msg.isEmpty ? (c["status"]?.stringValue ?? "") : msg)
            }
        }
        line("Created:", Humanize.timestamp(wf.creationTimestamp, now: now, timeZone: style.timeZone))
        if let s = wf.startedAt { line("Started:", Humanize.timestamp(s, now: now, timeZone: style.timeZone)) }
        if let f = wf.finishedAt { line("Finished:", Humanize.timestamp(f, now: now, timeZone: style.timeZone)) }
        if wf.startedAt != nil { line("Duration:", Humanize.relativeDuration(wf.startedAt, wf.finishedAt, now: now)) }
        if wf.phase == "Running", let est = wf.status["estimatedDuration"]?.intValue, est > 0 {
            line("EstimatedDuration:", Humanize.duration(Double(est)))
        }
        line("Progress:", wf.progress)
        if let rd = wf.status["resourcesDuration"]?.objectValue, !rd.isEmpty {
            line("ResourcesDuration:", Self.resourcesDuration(rd))
        }
        let params = wf.parameters
        if !params.isEmpty {
            line("Parameters:", "")
            for p in params { if let v = p.value { line("  \(p.name):", v) } }
        }
        if let outputs = wf.status["outputs"] {
            let ps = outputs["parameters"]?.arrayValue ?? []
            if !ps.isEmpty {
                line("Output Parameters:", "")
                for p in ps {
                    if let v = p["value"] ?? p["default"] { line("  \(p["name"]?.stringValue ?? ""):", v.argoString) }
                }
            }
            let arts = outputs["artifacts"]?.arrayValue ?? []
            if !arts.isEmpty {
                line("Output Artifacts:", "")
                for a in arts {
                    if let s3 = a["s3"] {
                        let key = s3["key"]?.stringValue ?? ""
                        line("  \(a["name"]?.stringValue ?? ""):", "s3://\(s3["bucket"]?.stringValue ?? "")/\(key)")
                    }
                }
            }
        }
        return out
    }

    /// `ResourcesDuration.String()`: `8s*(1 cpu),3s*(100Mi memory)`, resources sorted by name.
    static func resourcesDuration(_ rd: JSONObject) -> String {
        rd.keys.sorted().map { name in
            let seconds = Int(rd[name]?.intValue ?? 0)
            let denominator: String
            switch name {
            case "memory": denominator = "100Mi"
            case "storage", "ephemeral-storage": denominator = "10Gi"
            default: denominator = "1"
            }
            return "\(goDuration(seconds))*(\(denominator) \(name))"
        }.joined(separator: ",")
    }

    /// Go's `time.Duration.String()` for whole seconds: `0s`, `8s`, `1m0s`, `1h1m1s`.
    static func goDuration(_ seconds: Int) -> String {
        if seconds == 0 { return "0s" }
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        if h > 0 { return "\(h)h\(m)m\(s)s" }
        if m > 0 { return "\(m)m\(s)s" }
        return "\(s)s"
    }
}
