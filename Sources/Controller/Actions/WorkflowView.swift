import Foundation
import Templates
import ClusterAPI

/// Read access to a Workflow object as the cluster stores it (untyped JSON with Argo's field names). The CLI
/// renders from this view so that it prints whatever a controller wrote, including fields it does not model.
public struct WorkflowView: Sendable {
    public let object: JSONValue

    public init(_ object: JSONValue) { self.object = object }

    public var metadata: JSONValue { object["metadata"] ?? .null }
    public var spec: JSONValue { object["spec"] ?? .null }
    public var status: JSONValue { object["status"] ?? .null }

    public var name: String { metadata["name"]?.stringValue ?? "" }
    public var namespace: String { metadata["namespace"]?.stringValue ?? "" }
    public var creationTimestamp: Date? { metadata["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse) }
    public var labels: [String: String] { Self.stringMap(metadata["labels"]) }
    public var annotations: [String: String] { Self.stringMap(metadata["annotations"]) }

    /// `status.phase`; empty when the controller has not seen the workflow yet.
    public var phase: String { status["phase"]?.stringValue ?? "" }
    public var startedAt: Date? { status["startedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    public var finishedAt: Date? { status["finishedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    public var message: String { status["message"]?.stringValue ?? "" }
    public var progress: String { status["progress"]?.stringValue ?? "" }
    public var isCompleted: Bool { ["Succeeded", "Failed", "Error"].contains(phase) }
    /// Argo's "finished" test (`argo wait` and `watch` stop on it).
    public var isFinished: Bool { finishedAt != nil }

    public var priority: Int { spec["priority"]?.intValue.map { Int($0) } ?? 0 }
    public var suspend: Bool { spec["suspend"]?.boolValue ?? false }
    public var shutdown: String { spec["shutdown"]?.stringValue ?? "" }

    /// The spec the workflow runs with: its own, or the stored copy of a referenced WorkflowTemplate's.
    public var execSpec: JSONValue {
        if spec["workflowTemplateRef"] != nil, let stored = status["storedWorkflowTemplateSpec"] { return stored }
        return spec
    }

    public var parameters: [(name: String, value: String?)] {
        (execSpec["arguments"]?["parameters"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["value"].map { $0.argoString })
        }
    }

    public var nodes: [String: NodeView] {
        guard let o = status["nodes"]?.objectValue else { return [:] }
        var out: [String: NodeView] = [:]
        for (id, v) in o { out[id] = NodeView(id: id, object: v) }
        return out
    }

    /// Argo's `IsWorkflowSuspended`: `spec.suspend`, or a Suspend node still running.
    public var isSuspended: Bool { suspend || nodes.values.contains { $0.isActiveSuspendNode } }

    /// Argo's `printer.WorkflowStatus`.
    public var displayStatus: String {
        switch phase {
        case "Running": return isSuspended ? "Running (Suspended)" : "Running"
        case "Failed": return shutdown.isEmpty ? "Failed" : "Failed (Terminated)"
        case "", "Pending": return creationTimestamp != nil ? "Pending" : "Unknown"
        default: return phase
        }
    }

    public static func stringMap(_ v: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in v?.objectValue ?? [:] { out[k] = v.argoString }
        return out
    }
}

/// One entry of `status.nodes`.
public struct NodeView: Sendable {
    public let id: String
    public let object: JSONValue

    public init(id: String, object: JSONValue) {
        self.id = id
        self.object = object
    }

    public var name: String { object["name"]?.stringValue ?? "" }
    public var displayName: String { object["displayName"]?.stringValue ?? name }
    public var type: String { object["type"]?.stringValue ?? "" }
    public var phase: String { object["phase"]?.stringValue ?? "" }
    public var boundaryID: String { object["boundaryID"]?.stringValue ?? "" }
    public var message: String { object["message"]?.stringValue ?? "" }
    public var templateName: String { object["templateName"]?.stringValue ?? "" }
    public var templateRefName: String? { object["templateRef"]?["name"]?.stringValue }
    public var templateRefTemplate: String? { object["templateRef"]?["template"]?.stringValue }
    public var hostNodeName: String { object["hostNodeName"]?.stringValue ?? "" }
    public var children: [String] { (object["children"]?.arrayValue ?? []).compactMap { $0.stringValue } }
    public var startedAt: Date? { object["startedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    public var finishedAt: Date? { object["finishedAt"]?.stringValue.flatMap(KubeTimeText.parse) }
    public var outputArtifactNames: [String] {
        (object["outputs"]?["artifacts"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }
    public var inputParameters: [(String, String)] {
        (object["inputs"]?["parameters"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["value"]?.argoString ?? "")
        }
    }

    public var isActiveSuspendNode: Bool { type == "Suspend" && phase == "Running" }
    /// Argo's `GetTemplateFromNode`.
    public var templateForPodName: String { templateRefTemplate ?? templateName }

    /// The fields `--node-field-selector` matches (Argo's `SelectorMatchesNode`).
    public var selectorFields: [String: String] {
        var f = ["displayName": displayName, "templateName": templateForPodName, "phase": phase, "name": name, "id": id]
        if let n = templateRefName { f["templateRef.name"] = n }
        if let t = templateRefTemplate { f["templateRef.template"] = t }
        for (k, v) in inputParameters { f["inputs.parameters.\(k).value"] = v }
        return f
    }
}

extension WorkflowView {
    /// The view of a typed workflow (the spec model encodes with Argo's field names).
    public init(_ workflow: Workflow) throws(ActionError) {
        do {
            self.init(try JSONBridge.encode(workflow))
        } catch {
            throw ActionError(error.description)
        }
    }
}
