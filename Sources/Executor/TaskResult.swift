import Templates

/// What the executor reports for one node, shaped like Argo's `NodeResult` (the `spec` of a
/// `WorkflowTaskResult`): `phase`, `message`, and `outputs` with `result`, `exitCode` (a string, as in Argo)
/// and `parameters`. The node agent turns it into a `WorkflowTaskResult` named after the node ID.
public struct TaskResultReport: Sendable, Equatable {
    public var phase: String
    public var message: String?
    public var result: String?
    public var exitCode: Int32
    public var parameters: [JSONValue]
    /// Saved output artifacts, each with its repository key (`s3.key`).
    public var artifacts: [JSONValue]
    /// Why the pod ended, when the pod itself ended it (`DeadlineExceeded`); the agent reports it as the pod's
    /// status reason. Not part of the stored `WorkflowTaskResult`.
    public var reason: String?

    public init(phase: String, message: String? = nil, result: String? = nil, exitCode: Int32, parameters: [JSONValue] = [],
                artifacts: [JSONValue] = [], reason: String? = nil) {
        self.reason = reason
        self.artifacts = artifacts
        self.phase = phase
        self.message = message
        self.result = result
        self.exitCode = exitCode
        self.parameters = parameters
    }

    /// `json.compactJSON`, written directly: every pod writes one, and building the ordered dictionaries first
    /// costs more at start-up than the text (their generic types are instantiated at run time).
    public var compactJSON: String {
        var out = #"{"phase":"# + JSONValue.string(phase).compactJSON
        if let message, !message.isEmpty { out += #","message":"# + JSONValue.string(message).compactJSON }
        if let reason { out += #","reason":"# + JSONValue.string(reason).compactJSON }
        out += #","outputs":{"#
        if !parameters.isEmpty { out += #""parameters":"# + JSONValue.array(parameters).compactJSON + "," }
        if !artifacts.isEmpty { out += #""artifacts":"# + JSONValue.array(artifacts).compactJSON + "," }
        if let result { out += #""result":"# + JSONValue.string(result).compactJSON + "," }
        out += #""exitCode":""# + String(exitCode) + #""}}"#
        return out
    }

    public var json: JSONValue {
        var outputs: JSONObject = [:]
        if !parameters.isEmpty { outputs["parameters"] = .array(parameters) }
        if !artifacts.isEmpty { outputs["artifacts"] = .array(artifacts) }
        if let result { outputs["result"] = .string(result) }
        outputs["exitCode"] = .string(String(exitCode))
        var root: JSONObject = ["phase": .string(phase)]
        if let message, !message.isEmpty { root["message"] = .string(message) }
        if let reason { root["reason"] = .string(reason) }
        root["outputs"] = .object(outputs)
        return .object(root)
    }
}
