import Controller
import Foundation
import Templates

/// Read access to a Workflow object as the cluster stores it (untyped JSON with Argo's field names). The CLI
/// renders from this view so that it prints whatever a controller wrote, including fields it does not model.
struct WorkflowView {
    let object: JSONValue

    init(_ object: JSONValue) { self.object = object }

    var metadata: JSONValue { object["metadata"] ?? .null }
    var spec: JSONValue { object["spec"] ?? .null }
    var status: JSONValue { object["status"] ?? .null }

    var name: String { metadata["name"]?.stringValue ?? "" }
    var namespace: String { metadata["namespace"]?.stringValue ?? "" }
    var creationTimestamp: Date? { metadata["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse) }
    var labels: [String: String] { Self.stringMap(metadata["labels"]) }
    var annotations: [String: String] { Self.stringMap(metadata["annotations"]) }

    /// `status.phase`; empty when the controller has not seen the workflow yet.
    var phase: String { status["phase"]?.stringValue ?? "" }
    var startedAt: Date? { status["startedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    var finishedAt: Date? { status["finishedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    var message: String { status["message"]?.stringValue ?? "" }
    var progress: String { status["progress"]?.stringValue ?? "" }
    var isCompleted: Bool { ["Succeeded", "Failed", "Error"].contains(phase) }
    /// Argo's "finished" test (`argo wait` and `watch` stop on it).
    var isFinished: Bool { finishedAt != nil }

    var priority: Int { spec["priority"]?.intValue.map { Int($0) } ?? 0 }
    var suspend: Bool { spec["suspend"]?.boolValue ?? false }
    var shutdown: String { spec["shutdown"]?.stringValue ?? "" }

    /// The spec the workflow runs with: its own, or the stored copy of a referenced WorkflowTemplate's.
    var execSpec: JSONValue {
        if spec["workflowTemplateRef"] != nil, let stored = status["storedWorkflowTemplateSpec"] { return stored }
        return spec
    }

    var parameters: [(name: String, value: String?)] {
        (execSpec["arguments"]?["parameters"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["value"].map { $0.argoString })
        }
    }

    var nodes: [String: NodeView] {
        guard let o = status["nodes"]?.objectValue else { return [:] }
        var out: [String: NodeView] = [:]
        for (id, v) in o { out[id] = NodeView(id: id, object: v) }
        return out
    }

    /// Argo's `IsWorkflowSuspended`: `spec.suspend`, or a Suspend node still running.
    var isSuspended: Bool { suspend || nodes.values.contains { $0.isActiveSuspendNode } }

    /// Argo's `printer.WorkflowStatus`.
    var displayStatus: String {
        switch phase {
        case "Running": return isSuspended ? "Running (Suspended)" : "Running"
        case "Failed": return shutdown.isEmpty ? "Failed" : "Failed (Terminated)"
        case "", "Pending": return creationTimestamp != nil ? "Pending" : "Unknown"
        default: return phase
        }
    }

    static func stringMap(_ v: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in v?.objectValue ?? [:] { out[k] = v.argoString }
        return out
    }
}

/// One entry of `status.nodes`.
struct NodeView {
    let id: String
    let object: JSONValue

    var name: String { object["name"]?.stringValue ?? "" }
    var displayName: String { object["displayName"]?.stringValue ?? name }
    var type: String { object["type"]?.stringValue ?? "" }
    var phase: String { object["phase"]?.stringValue ?? "" }
    var boundaryID: String { object["boundaryID"]?.stringValue ?? "" }
    var message: String { object["message"]?.stringValue ?? "" }
    var templateName: String { object["templateName"]?.stringValue ?? "" }
    var templateRefName: String? { object["templateRef"]?["name"]?.stringValue }
    var templateRefTemplate: String? { object["templateRef"]?["template"]?.stringValue }
    var hostNodeName: String { object["hostNodeName"]?.stringValue ?? "" }
    var children: [String] { (object["children"]?.arrayValue ?? []).compactMap { $0.stringValue } }
    var startedAt: Date? { object["startedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    var finishedAt: Date? { object["finishedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    var outputArtifactNames: [String] {
        (object["outputs"]?["artifacts"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }
    var inputParameters: [(String, String)] {
        (object["inputs"]?["parameters"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["value"]?.argoString ?? "")
        }
    }

    var isActiveSuspendNode: Bool { type == "Suspend" && phase == "Running" }
    /// Argo's `GetTemplateFromNode`.
    var templateForPodName: String { templateRefTemplate ?? templateName }

    /// The fields `--node-field-selector` matches (Argo's `SelectorMatchesNode`).
    var selectorFields: [String: String] {
        var f = ["displayName": displayName, "templateName": templateForPodName, "phase": phase, "name": name, "id": id]
        if let n = templateRefName { f["templateRef.name"] = n }
        if let t = templateRefTemplate { f["templateRef.template"] = t }
        for (k, v) in inputParameters { f["inputs.parameters.\(k).value"] = v }
        return f
    }
}

extension WorkflowView {
    /// The view of a typed workflow (the spec model encodes with Argo's field names).
    init(_ workflow: Workflow) throws(CLIError) {
        do {
            self.init(try JSONBridge.encode(workflow))
        } catch {
            throw CLIError(error.description)
        }
    }
}
