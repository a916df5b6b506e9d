import Foundation
import Templates
import ClusterAPI

/// The changes `submit` makes to a workflow before creating it (argo's `ApplySubmitOpts`).
public struct SubmitOverrides: Sendable {
    public var namespace: String
    public var name = ""
    public var generateName = ""
    public var entrypoint = ""
    public var serviceAccount = ""
    public var labels = ""
    public var priority: Int? = nil
    /// `NAME=VALUE` from `-p` first, then from `--parameter-file`.
    public var parameters: [String] = []

    public init(namespace: String, name: String = "", generateName: String = "", entrypoint: String = "",
                serviceAccount: String = "", labels: String = "", priority: Int? = nil, parameters: [String] = []) {
        self.namespace = namespace
        self.name = name
        self.generateName = generateName
        self.entrypoint = entrypoint
        self.serviceAccount = serviceAccount
        self.labels = labels
        self.priority = priority
        self.parameters = parameters
    }

    public func apply(to wf: inout JSONValue) throws(ActionError) {
        var metadata = wf["metadata"] ?? [:]
        var spec = wf["spec"] ?? [:]
        if (metadata["namespace"]?.stringValue ?? "").isEmpty { metadata["namespace"] = .string(namespace) }
        if !entrypoint.isEmpty { spec["entrypoint"] = .string(entrypoint) }
        if !serviceAccount.isEmpty { spec["serviceAccountName"] = .string(serviceAccount) }
        if let priority { spec["priority"] = .int(Int64(priority)) }
        if !labels.isEmpty {
            var merged = metadata["labels"]?.objectValue ?? [:]
            for (k, v) in try Self.parseLabels(labels) { merged[k] = .string(v) }
            metadata["labels"] = .object(merged)
        }
        if !parameters.isEmpty {
            var arguments = spec["arguments"] ?? [:]
            arguments["parameters"] = .array(try Self.overrideParameters(arguments["parameters"]?.arrayValue ?? [], parameters))
            spec["arguments"] = arguments
        }
        if !generateName.isEmpty { metadata["generateName"] = .string(generateName) }
        if !name.isEmpty { metadata["name"] = .string(name) }
        wf["metadata"] = metadata
        wf["spec"] = spec
    }

    /// Argo's `overrideParameters`: the given parameters first (added even when the workflow does not declare
    /// them), then the workflow's own ones that were not given. A name given twice keeps its first value.
    public static func overrideParameters(_ existing: [JSONValue], _ given: [String]) throws(ActionError) -> [JSONValue] {
        var out: [JSONValue] = []
        var seen = Set<String>()
        for text in given {
            guard let eq = text.firstIndex(of: "=") else {
                throw ActionError("expected parameter of the form: NAME=VALUE. Received: \(text)")
            }
            let name = String(text[..<eq])
            guard seen.insert(name).inserted else { continue }
            out.append(["name": .string(name), "value": .string(String(text[text.index(after: eq)...]))])
        }
        for p in existing where !seen.contains(p["name"]?.stringValue ?? "") { out.append(p) }
        return out
    }

    public static func parseLabels(_ text: String) throws(ActionError) -> [(String, String)] {
        var out: [(String, String)] = []
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else {
                throw ActionError("expected labels of the form: NAME1=VALUE2,NAME2=VALUE2. Received: \(text)")
            }
            out.append((String(kv[0]).trimmingSpaces, String(kv[1]).trimmingSpaces))
        }
        return out
    }

    /// `--parameter-file`: a YAML or JSON object of names to values, as `NAME=VALUE` strings.
    public static func parameterFile(_ documents: [JSONValue], file: String) throws(ActionError) -> [String] {
        guard let object = documents.first?.objectValue else {
            throw ActionError("\(file): expected an object of parameter names to values")
        }
        return object.map { "\($0.key)=\($0.value.argoString)" }
    }
}
