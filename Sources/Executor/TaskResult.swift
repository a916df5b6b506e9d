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

    public init(phase: String, message: String? = nil, result: String? = nil, exitCode: Int32, parameters: [JSONValue] = []) {
        self.phase = phase
        self.message = message
        self.result = result
        self.exitCode = exitCode
        self.parameters = parameters
    }

    public var json: JSONValue {
        var outputs: JSONObject = [:]
        if !parameters.isEmpty { outputs["parameters"] = .array(parameters) }
        if let result { outputs["result"] = .string(result) }
        outputs["exitCode"] = .string(String(exitCode))
        var root: JSONObject = ["phase": .string(phase)]
        if let message, !message.isEmpty { root["message"] = .string(message) }
        root["outputs"] = .object(outputs)
        return .object(root)
    }
}
