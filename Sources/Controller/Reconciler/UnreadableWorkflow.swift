import Templates
import ClusterAPI

extension WorkflowController {
    /// A stored Workflow that does not decode (written by something other than `argo-lite submit`, which refuses
    /// such input) fails at once with the decoder's message, as Argo's controller does ("cannot unmarshall spec:
    /// ..."), instead of being retried for ever while it stays Pending without a word.
    func failUnreadable(_ object: JSONValue, error: any Error) async throws {
        let reason = (error as? DecodingError).map(UnreadableWorkflow.describe) ?? "\(error)"
        logger.warning("\(Informer.key(object)): cannot decode the workflow, failing it: \(error)")
        try await failAtOnce(object, message: "cannot unmarshall spec: \(reason)")
    }

    /// Fails a workflow that cannot run before any of it runs: a stored Workflow that does not decode, or one that
    /// uses a field argo-lite does not run yet (which lint refuses; this one did not come through lint).
    func failAtOnce(_ object: JSONValue, message: String) async throws {
        if object["metadata"]?["labels"]?[Common.labelKeyCompleted]?.stringValue == "true" { return }
        var patch = UnreadableWorkflow.statusPatch(message: message, at: .string(now().rfc3339))
        patch["metadata"]?["resourceVersion"] = object["metadata"]?["resourceVersion"] ?? .null
        _ = try await cluster.applyPatch(
            .workflow, namespace: object["metadata"]?["namespace"]?.stringValue, name: object["metadata"]?["name"]?.stringValue ?? "",
            patch: patch, type: .merge)
    }
}

enum UnreadableWorkflow {
    /// A decoding error as one line that names the field: `spec.templates[1].container.command[0]: expected a
    /// string`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            var text = ""
            for k in context.codingPath + (key.map { [$0] } ?? []) {
                if let i = k.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + k.stringValue }
            }
            return text.isEmpty ? "the object" : text
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(typeName(type))"
        case .valueNotFound(let type, let context): return "\(path(context)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context): return "\(path(context, key)): required field is missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        case is Double.Type: return "a number"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : "a \(name)"
        }
    }

    /// The status Argo writes for a workflow it cannot read: Failed with the message, started and finished now.
    static func statusPatch(message: String, at time: JSONValue) -> JSONValue {
        [
            "metadata": ["labels": [
                .init(stringLiteral: Common.labelKeyPhase): "Failed", .init(stringLiteral: Common.labelKeyCompleted): "true",
            ]],
            "status": [
                "phase": "Failed", "message": .string(message), "startedAt": time, "finishedAt": time, "progress": "0/0",
                "conditions": [["type": "Completed", "status": "True"]],
            ],
        ]
    }
}
