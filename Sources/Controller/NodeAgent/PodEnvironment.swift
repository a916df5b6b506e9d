import Foundation

/// The environment variables Argo's pod builder (`workflow/controller/workflowpod.go`, names from
/// `workflow/common/common.go`) adds to every container of a workflow pod, computed from plain values.
///
/// Argo sets `ARGO_POD_NAME`/`ARGO_POD_UID` through the downward API, `ARGO_WORKFLOW_NAME`,
/// `ARGO_WORKFLOW_UID`, `ARGO_INSTANCE_ID` (only when an instance ID is configured) on the executor's
/// containers, and on every container `ARGO_CONTAINER_NAME`, `ARGO_TEMPLATE` (the template as JSON, inputs'
/// parameters cleared), `ARGO_NODE_ID`, `ARGO_INCLUDE_SCRIPT_OUTPUT`, `ARGO_DEADLINE` (RFC 3339; Go's zero time
/// `0001-01-01T00:00:00Z` when there is none) and, when progress reporting is on, `ARGO_PROGRESS_FILE`
/// (`/var/run/argo/progress`) with its tick durations.
public struct PodEnvironment: Sendable, Equatable {
    public var podName: String
    public var podUID: String
    public var workflowName: String
    public var workflowUID: String
    public var nodeID: String
    public var containerName: String
    /// The template as compact JSON.
    public var templateJSON: String
    public var includeScriptOutput: Bool
    public var deadline: Date?
    public var instanceID: String?
    /// Set to report progress (Argo: when both tick durations are non-zero).
    public var progressFile: String?
    public var progressPatchTickDuration: String?
    public var progressFileTickDuration: String?

    public static let defaultProgressFile = "/var/run/argo/progress"

    public init(podName: String, podUID: String, workflowName: String, workflowUID: String, nodeID: String,
                containerName: String, templateJSON: String, includeScriptOutput: Bool, deadline: Date? = nil,
                instanceID: String? = nil, progressFile: String? = nil,
                progressPatchTickDuration: String? = nil, progressFileTickDuration: String? = nil) {
        self.podName = podName
        self.podUID = podUID
        self.workflowName = workflowName
        self.workflowUID = workflowUID
        self.nodeID = nodeID
        self.containerName = containerName
        self.templateJSON = templateJSON
        self.includeScriptOutput = includeScriptOutput
        self.deadline = deadline
        self.instanceID = instanceID
        self.progressFile = progressFile
        self.progressPatchTickDuration = progressPatchTickDuration
        self.progressFileTickDuration = progressFileTickDuration
    }

    /// The variables, in the order Argo adds them.
    public var variables: [(name: String, value: String)] {
        var vars: [(String, String)] = [
            ("ARGO_POD_NAME", podName),
            ("ARGO_POD_UID", podUID),
            ("ARGO_WORKFLOW_NAME", workflowName),
            ("ARGO_WORKFLOW_UID", workflowUID),
        ]
        if let instanceID, !instanceID.isEmpty { vars.append(("ARGO_INSTANCE_ID", instanceID)) }
        vars += [
            ("ARGO_CONTAINER_NAME", containerName),
            ("ARGO_TEMPLATE", templateJSON),
            ("ARGO_NODE_ID", nodeID),
            ("ARGO_INCLUDE_SCRIPT_OUTPUT", includeScriptOutput ? "true" : "false"),
            ("ARGO_DEADLINE", Self.rfc3339(deadline)),
        ]
        if let progressFile {
            vars.append(("ARGO_PROGRESS_FILE", progressFile))
            if let p = progressPatchTickDuration { vars.append(("ARGO_PROGRESS_PATCH_TICK_DURATION", p)) }
            if let f = progressFileTickDuration { vars.append(("ARGO_PROGRESS_FILE_TICK_DURATION", f)) }
        }
        return vars
    }

    /// The variables as a dictionary, to merge into a container's environment.
    public var dictionary: [String: String] {
        Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
    }

    /// Go's `time.Format(time.RFC3339)` in UTC; the zero time when `nil`.
    static func rfc3339(_ date: Date?) -> String {
        guard let date else { return "0001-01-01T00:00:00Z" }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
